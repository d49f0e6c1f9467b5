package nl.kic.analytics.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka Streams application has committed its input, for replays and benchmarks, whose
 * input has stopped growing.
 */
public final class CommittedProgress {
    private CommittedProgress() {
    }

    /**
     * Waits until the application {@code applicationId} has committed every record there is now on
     * {@code inputTopics} and on its own repartition topics; fails when nothing moves for
     * {@code noProgressTimeout}. Input topics are written without transactions: done when the
     * committed offset reaches the end. Repartition topics are written in transactions, and their last
     * offset is a commit marker that the application may never commit past: done at end − 1.
     */
    public static void await(Properties clientProperties, String applicationId, Set<String> inputTopics, Duration noProgressTimeout)
            throws InterruptedException {
        try (Admin admin = Admin.create(clientProperties)) {
            Map<TopicPartition, Long> lastLag = Map.of();
            long lastProgress = System.nanoTime();
            while (true) {
                Map<TopicPartition, Long> lag = lag(admin, applicationId, inputTopics);
                if (lag.values().stream().allMatch(l -> l <= 0)) {
                    return;
                }
                if (!lag.equals(lastLag)) {
                    lastLag = lag;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > noProgressTimeout.toNanos()) {
                    throw new IllegalStateException("No progress for " + noProgressTimeout + "; lag " + lag);
                }
                Thread.sleep(200);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the application's progress", e.getCause());
        }
    }

    private static Map<TopicPartition, Long> lag(Admin admin, String applicationId, Set<String> inputTopics)
            throws ExecutionException, InterruptedException {
        Set<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> inputTopics.contains(t) || (t.startsWith(applicationId + "-") && t.endsWith("-repartition")))
                .collect(Collectors.toSet());
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        // Committed offsets first: a transaction committed between the two reads then shows as lag
        // (its repartition records lie beyond the committed offsets), never as done.
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp).offset();
            long done = committed.get(tp) == null ? 0 : committed.get(tp).offset();
            long unfinished = inputTopics.contains(tp.topic()) ? end - done : end - 1 - done;
            lag.put(tp, end == 0 ? 0 : unfinished);
        }
        return lag;
    }
}
