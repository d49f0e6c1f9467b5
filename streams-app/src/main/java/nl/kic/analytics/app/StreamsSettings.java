package nl.kic.analytics.app;

import java.util.Properties;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings of the application: exactly once, its dead-letter handlers and record
 * guard, and the settings of the configuration.
 */
public final class StreamsSettings {
    private StreamsSettings() {
    }

    /** The record cache of all stream threads together (docs/operations.md). */
    static final long RECORD_CACHE_BYTES = 128L * 1024 * 1024;

    /** The Kafka Streams settings; {@code metrics} receive the dead-letter counts. */
    public static Properties of(KicConfig config, PipelineMetrics metrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(DeadLetterHandler.METRICS_CONFIG, metrics);
        props.put(DeadLetterHandler.TOPIC_CONFIG, config.deadLetterTopic());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, RecordGuard.class);
        props.put(RecordGuard.FAILED_RECORDS_CONFIG, new FailedRecords());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.advertisedHttpOrDefault());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        // Under transactions v2 the first write of a transaction can be refused for a moment while the
        // previous commit completes (CONCURRENT_TRANSACTIONS); a second request already in flight to
        // the same partition is then refused as out of sequence and retried. Nothing is lost (the
        // transaction either completes in order or is aborted and reprocessed), but the retries delay
        // the commit; one request at a time keeps every transaction's writes in order.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        // A stream thread that failed, and an instance that was killed, keep their partitions until the
        // group's session timeout has passed (Kafka Streams members do not leave the group when they
        // stop); a short one keeps the pause in the figures after such a fault short. Six seconds is
        // the shortest a broker accepts by default; heartbeats every two keep three in each session.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        // The record cache absorbs the repeated writes of one commit interval to the same key (a
        // caller's rows, a contact's state). Kafka Streams' 10 MB default is smaller than what one
        // busy commit interval touches: a full cache evicts, and evicting a changed entry writes every
        // changed entry of that store through to RocksDB and its changelog, so that most writes reach
        // the broker. The cache is shared by the stream threads and held on the heap.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, RECORD_CACHE_BYTES);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        props.putAll(config.kafkaOverrides());
        return props;
    }
}
