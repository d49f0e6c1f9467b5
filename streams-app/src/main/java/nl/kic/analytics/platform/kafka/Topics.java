package nl.kic.analytics.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Topic administration: creating topics and waiting until every partition takes writes.
 *
 * <p>Why the wait asks each partition's leader: a broker lists a new partition's leader in its
 * metadata a moment before that leader has opened the partition. An idempotent producer with several
 * requests in flight can then have its first request refused (NOT_LEADER_OR_FOLLOWER) while a later
 * one is appended; every retry of the first then fails with OUT_OF_ORDER_SEQUENCE_NUMBER until the
 * delivery timeout, and its records are lost (KAFKA-15591, fixed in Kafka 4.5 only). A ListOffsets
 * request is answered by the partition's leader only once it has opened the partition, so after it
 * succeeds for every partition no produce request can be overtaken that way.
 */
public final class Topics {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private Topics() {
    }

    /** Creates the topics that are missing and waits until every partition of every named topic takes writes. */
    public static void create(Properties client, List<String> names, int partitions, int replicationFactor) {
        create(client, names.stream().map(name -> newTopic(name, partitions, replicationFactor, Map.of())).toList());
    }

    /**
     * Creates a compacted topic of one partition when missing, for records kept by key (stored
     * formats, import positions, redriven dead letters), and waits until it takes writes.
     */
    public static void createCompacted(Properties client, String name, int replicationFactor) {
        create(client, List.of(newTopic(name, 1, replicationFactor, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    /** Deletes the topics that {@code select} picks among those there are; a failure is the caller's to report. */
    public static void delete(Properties client, Predicate<String> select) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(client)) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(select).collect(Collectors.toSet());
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get();
            }
        }
    }

    /** Creates the topics that are missing and waits until every partition of them takes writes. */
    public static void create(Properties client, Collection<NewTopic> topics) {
        try (Admin admin = admin(client)) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            awaitWritable(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /** Waits until the leader of every partition of the topics answers for it; see the class comment. */
    public static void awaitWritable(Properties client, Collection<String> names) {
        try (Admin admin = admin(client)) {
            awaitWritable(admin, names);
        }
    }

    private static void awaitWritable(Admin admin, Collection<String> names) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                admin.describeTopics(names).allTopicNames().get().forEach((name, description) ->
                        description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
                admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                        .all().get();
                return;
            } catch (ExecutionException e) {
                last = e; // metadata not propagated, or a leader that has not opened its partition yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Topics " + names + " did not take writes within " + READY_TIMEOUT, last);
    }

    /** The largest number of partitions among those of the named topics that exist. */
    public static int partitionCount(Properties client, Collection<String> names) {
        try (Admin admin = admin(client)) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> present = names.stream().filter(existing::contains).toList();
            int count = admin.describeTopics(present).allTopicNames().get().values().stream()
                    .mapToInt(d -> d.partitions().size()).max().orElse(0);
            if (count == 0) {
                throw new IllegalStateException("none of " + names + " exists");
            }
            return count;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + names, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The repartition and changelog topics of a topology, with the settings Kafka Streams itself gives
     * them. Created before the application starts, they are ready before its first transaction writes
     * to them, so the race in the class comment cannot abort that transaction.
     */
    public static List<NewTopic> internalTopics(Topology topology, String applicationId, int partitions, int replicationFactor) {
        Set<String> repartition = new HashSet<>();
        Set<String> stores = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream().filter(t -> t.endsWith("-repartition")).forEach(repartition::add);
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        List<NewTopic> topics = new ArrayList<>();
        // A repartition topic of the application is named without its id; one read from an earlier version, with it.
        repartition.stream().sorted().forEach(t -> topics.add(newTopic(t.startsWith(applicationId + "-") ? t : applicationId + "-" + t,
                partitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.SEGMENT_BYTES_CONFIG, "52428800",
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"))));
        stores.stream().sorted().forEach(s -> topics.add(newTopic(applicationId + "-" + s + "-changelog", partitions, replicationFactor, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"))));
        return topics;
    }

    private static NewTopic newTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        return new NewTopic(name, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor)).configs(configs);
    }

    /** {@code client}: the bootstrap servers and the connection's security settings (KicConfig.kafkaClientProperties). */
    private static Admin admin(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        return Admin.create(props);
    }
}
