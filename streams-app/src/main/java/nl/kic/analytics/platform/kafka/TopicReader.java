package nl.kic.analytics.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every committed record of topics as they are now, from their beginning to their end, without a consumer group. */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(500);

    private TopicReader() {
    }

    /** {@code clientProperties}: the bootstrap servers and the connection's security settings (and any tuning of the consumer). */
    public static void readToEnd(Properties clientProperties, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        readToEnd(clientProperties, List.of(topic), each);
    }

    public static void readToEnd(Properties clientProperties, List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            // Under read_committed the position passes commit markers and aborted records too, so it reaches the end.
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(POLL).forEach(each);
            }
        }
    }
}
