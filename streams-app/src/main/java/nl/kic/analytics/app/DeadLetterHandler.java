package nl.kic.analytics.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.metrics.PipelineMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input records that cannot be decoded (not the Confluent wire format, an unknown schema id, broken
 * Avro) go to the dead-letter topic with their original bytes, and the reason, source topic,
 * partition and offset in headers; they are counted by reason and processing goes on.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    /** Configuration keys under which the application hands its metrics and topic to this handler. */
    static final String METRICS_CONFIG = "kic.internal.pipeline-metrics";
    static final String TOPIC_CONFIG = "kic.internal.dead-letter-topic";
    public static final String REASON_HEADER = "kic.dlq.reason";
    public static final String ERROR_HEADER = "kic.dlq.error";
    public static final String TOPIC_HEADER = "kic.dlq.topic";
    public static final String PARTITION_HEADER = "kic.dlq.partition";
    public static final String OFFSET_HEADER = "kic.dlq.offset";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private PipelineMetrics metrics;
    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = (PipelineMetrics) configs.get(METRICS_CONFIG);
        topic = (String) configs.get(TOPIC_CONFIG);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String message = String.valueOf(exception.getMessage());
        String reason = message.startsWith("Unknown schema id") ? "unknown_schema" : "undecodable";
        metrics.deadLettered(reason);
        log.warn("Record {}-{}@{} cannot be read ({}): {}; sent to {}", record.topic(), record.partition(), record.offset(),
                reason, message, topic);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_HEADER, message.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC_HEADER, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION_HEADER, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET_HEADER, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return Response.resume(List.of(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
    }
}
