package nl.kic.analytics.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.errors.RejectedEventException;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.SchemaRegistryException;
import nl.kic.analytics.platform.registry.UndecodableRecordException;
import nl.kic.analytics.platform.serde.HeldSource;
import nl.kic.analytics.platform.serde.StoredFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input records that cannot be decoded (not the Confluent wire format, an unknown schema id, broken
 * Avro), and readable events a processor rejects ({@link RejectedEventException}: impossible, too late,
 * far in the future, implausibly old, an unknown queue), go to the dead-letter topic with their original
 * bytes, and the reason, source topic, partition and offset in headers; they are counted by reason and
 * processing goes on. Held events that turn out impossible while another record is processed are
 * dead-lettered the same way, with the source they were read from.
 *
 * <p>Any other failure in a processor is a fault of the product, and the processor may have done part
 * of its work: it fails the task, so that Kafka Streams goes back to the last commit (under
 * exactly-once nothing of the failed attempt remains) with the stream thread replaced. A record that
 * fails again after that recovery is poison: {@link RecordGuard} dead-letters its next attempt as
 * {@link DeadLetterReason#PROCESSING_ERROR}. A record that cannot be read because the schema registry does not answer
 * fails the task the same way, to be read again; it is never dead-lettered.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
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
    private FailedRecords failedRecords;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = (PipelineMetrics) configs.get(METRICS_CONFIG);
        topic = (String) configs.get(TOPIC_CONFIG);
        failedRecords = (FailedRecords) configs.get(RecordGuard.FAILED_RECORDS_CONFIG);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        SchemaRegistryException registryFault = cause(exception, SchemaRegistryException.class);
        if (registryFault != null && !registryFault.isDefinite()) {
            log.warn("Record {}-{}@{} cannot be read while the schema registry does not answer; reading it again",
                    record.topic(), record.partition(), record.offset());
            return DeserializationExceptionHandler.Response.fail();
        }
        String message = String.valueOf(exception.getMessage());
        UndecodableRecordException undecodable = cause(exception, UndecodableRecordException.class);
        DeadLetterReason reason = undecodable == null ? DeadLetterReason.UNDECODABLE : undecodable.reason();
        return DeserializationExceptionHandler.Response.resume(List.of(
                deadLetter(reason, message, record.topic(), record.partition(), record.offset(), record.key(), record.value())));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        RejectedEventException rejected = cause(exception, RejectedEventException.class);
        if (cause(exception, StoredFormatException.class) != null) {
            return ProcessingExceptionHandler.Response.fail(); // not the record's fault: the application stops
        }
        if (rejected == null) {
            metrics.processingFailed();
            boolean poison = context.topic() != null && failedRecords != null && failedRecords.failed(
                    new FailedRecords.Source(context.topic(), context.partition(), context.offset()), String.valueOf(exception));
            log.error("Processing failed in {} for record {}-{}@{}; the task goes back to its last commit{}", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(),
                    poison ? " and the record, which failed before, will be dead-lettered" : " and tries again", exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        if (rejected.rejectsRecord()) {
            deadLetters.add(deadLetter(rejected.reason(), rejected.getMessage(), context.topic(), context.partition(),
                    context.offset(), context.sourceRawKey(), context.sourceRawValue()));
        }
        for (RejectedEventException.HeldEvent held : rejected.heldImpossible()) {
            HeldSource source = held.source();
            deadLetters.add(deadLetter(held.reason(), held.message(), source.topic(), source.partition(), source.offset(),
                    held.key().getBytes(StandardCharsets.UTF_8), source.value()));
        }
        return ProcessingExceptionHandler.Response.resume(deadLetters);
    }

    private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(DeadLetterReason reason, String message, String sourceTopic, int partition, long offset,
                                                      byte[] key, byte[] value) {
        metrics.deadLettered(reason);
        log.warn("Record {}-{}@{} sent to {} ({}): {}", sourceTopic, partition, offset, topic, reason, message);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.header().getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_HEADER, message.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC_HEADER, sourceTopic.getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION_HEADER, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET_HEADER, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }
}
