package nl.kic.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import nl.kic.analytics.platform.config.KicConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the committed records of the dead-letter topic of a real broker. */
public final class DeadLetterRecords {
    private DeadLetterRecords() {
    }

    /** Waits for {@code expected} dead letters on the dead-letter topic of {@code config}, then asserts that no more come within two seconds. */
    public static List<ConsumerRecord<byte[], byte[]>> read(KicConfig config, int expected) {
        return read(config.bootstrapServers(), config.deadLetterTopic(), expected);
    }

    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "dlq-check-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add); // nothing more may come
        }
        assertThat(records).hasSize(expected);
        return records;
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
