package nl.kic.analytics.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.CommittedProgress;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the Kafka Streams instance that runs its topology, and the queries over
 * its state stores, across every instance. {@link Assembly} builds and starts it.
 */
public final class KicApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KicApplication.class);
    private final Blueprint blueprint;
    private final KafkaStreams streams;
    private final AutoCloseable streamsMetrics;
    private final ClusterStore.Instances instances;
    private final Map<String, Set<String>> sourceTopicsByStore;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    /** The running application of {@code blueprint}, whose topology {@code streams} runs. */
    public KicApplication(Blueprint blueprint, KafkaStreams streams, AutoCloseable streamsMetrics) {
        this.blueprint = blueprint;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.instances = ClusterStore.Instances.of(blueprint.config().access());
        this.sourceTopicsByStore = sourceTopicsByStore(blueprint.topology(), blueprint.config().applicationId());
    }

    /** The topics whose partitions are the partitions of each store: the sources of its sub-topology. */
    private static Map<String, Set<String>> sourceTopicsByStore(Topology topology, String applicationId) {
        Map<String, Set<String>> result = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            Set<String> topics = new HashSet<>();
            Set<String> stores = new HashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    // Internal topics carry the application id in front of their name.
                    source.topicSet().forEach(t -> {
                        topics.add(t);
                        topics.add(applicationId + "-" + t);
                    });
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            stores.forEach(store -> result.put(store, Set.copyOf(topics)));
        }
        return result;
    }

    /** Waits until the application is RUNNING; false when it did not get there in time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state().hasCompletedShutdown()) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Whether this instance exports the cluster-wide figures on /metrics: the one whose stream
     * threads process partition 0 of the first domain's input (the contact events), a rule every instance applies alike and
     * that moves with that partition when its instance stops. Each figure thus exists once per
     * cluster, and sums, ratios and alerts over instances stay right.
     */
    public boolean exportsClusterFigures() {
        TopicPartition first = new TopicPartition(domains().all().get(0).inputTopic(), 0);
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                if (task.topicPartitions().contains(first)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether this instance works on simulated data: it runs the demo's simulator, or it has read
     * an event with the simulator's marker since it started ({@link SimulatedInput}).
     */
    public boolean simulated() {
        return blueprint.simulatedInput().simulated();
    }

    /** The demo runs its simulator in this instance: its figures are simulated from the start. */
    public void runsSimulator() {
        blueprint.simulatedInput().runsSimulator();
    }

    private volatile Supplier<Optional<String>> exportFault = Optional::empty;

    /** Lets the health show why the export database does not take the figures ({@code nl.kic.analytics.app.export}). */
    public void watchExport(Supplier<Optional<String>> fault) {
        this.exportFault = fault;
    }

    /** Why the export database does not take the figures at the moment; empty while it does, or without an export. */
    public Optional<String> exportUnavailableReason() {
        return exportFault.get();
    }

    /** Why the schema registry does not answer at the moment; empty while it does. */
    public Optional<String> registryUnavailableReason() {
        return blueprint.registry().unavailableReason();
    }

    public KicConfig config() {
        return blueprint.config();
    }

    public ApplicationClock clock() {
        return blueprint.clock();
    }

    /** The queries over all partitions; they throw InvalidStateStoreException while a partition is unavailable. */
    public Queries queries() {
        return queries(new Staleness());
    }

    /** The queries over all partitions, noting in {@code staleness} what they read from standby replicas. */
    public Queries queries(Staleness staleness) {
        return blueprint.queries(reader(staleness));
    }

    /** Reads a store over all partitions of every instance, noting in {@code staleness} what it read from standby replicas. */
    public StoreReader reader(Staleness staleness) {
        return new StoreReader() {
            @Override
            public <K, V> ReadOnlyKeyValueStore<K, V> store(StoreHandle<K, V> handle) {
                return clusterStore(handle, staleness);
            }
        };
    }

    /** The domains the application is made of. */
    public Domains domains() {
        return blueprint.domains();
    }

    private <K, V> ClusterStore<K, V> clusterStore(StoreHandle<K, V> handle, Staleness staleness) {
        String name = handle.name();
        Set<String> sourceTopics = sourceTopicsByStore.getOrDefault(name, Set.of());
        return new ClusterStore<>(streams, name, sourceTopics, () -> partitionCountOf(name),
                HostInfo.buildFromEndpoint(config().advertisedHttpOrDefault()), instances, config().queryStandbyMaxLagRecords(), staleness,
                handle.keySerde(), handle.valueSerde());
    }

    /** The partitions of a store: those of its source topics, by their metadata (asked once per store). */
    private int partitionCountOf(String store) {
        return partitionCounts.computeIfAbsent(store, name -> partitionCount(sourceTopicsByStore.getOrDefault(name, Set.of())));
    }

    private int partitionCount(Set<String> sourceTopics) {
        try {
            return Topics.partitionCount(config().kafkaClientProperties(), sourceTopics);
        } catch (RuntimeException e) {
            throw new InvalidStateStoreException("cannot read the partitions of " + sourceTopics
                    + ": " + e.getMessage());
        }
    }

    /** The names of the application's state stores. */
    public Set<String> storeNames() {
        return sourceTopicsByStore.keySet();
    }

    /**
     * The entries of a store in some of this instance's partitions, serialized: what other instances
     * ask for when they answer a query. Never forwarded to another instance. Only from active tasks
     * that have finished restoring, unless {@code maxLagRecords} allows a replica that far behind.
     */
    public ClusterStore.Part localStoreEntries(String name, List<Integer> partitions, OptionalLong maxLagRecords,
                                               byte[] from, byte[] to) {
        // Only the stores the queries read may be asked for.
        Map<String, StoreHandle<?, ?>> queried = new TreeMap<>();
        domains().stores().stream().filter(StoreHandle::queried).forEach(h -> queried.put(h.name(), h));
        StoreHandle<?, ?> handle = queried.get(name);
        if (handle == null) {
            throw new IllegalArgumentException("unknown store; the stores are " + queried.keySet());
        }
        int count = partitionCountOf(name);
        if (partitions.stream().anyMatch(p -> p >= count)) {
            throw new IllegalArgumentException("parameter 'partitions': the store has partitions 0 to " + (count - 1));
        }
        return clusterStore(handle, new Staleness()).readLocal(partitions, maxLagRecords, from, to);
    }

    /**
     * Runs {@code query} once every partition of its stores can be read: a rebalance (which may follow
     * the last record processed, when the group's metadata settles) makes a partition unavailable for
     * a moment, and the query is asked again until {@code timeout}.
     */
    public <T> T whenQueryable(Duration timeout, Supplier<T> query) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return query.get();
            } catch (InvalidStateStoreException unavailable) {
                if (System.nanoTime() > deadline) {
                    throw unavailable;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Waits until this application has committed every input record there is now (for replays and
     * benchmarks: input that has stopped growing); fails when nothing moves for {@code noProgressTimeout}.
     */
    public void awaitProcessed(Duration noProgressTimeout) throws InterruptedException {
        CommittedProgress.await(config().kafkaClientProperties(), config().applicationId(), Set.copyOf(domains().inputTopics()), noProgressTimeout);
    }

    @Override
    public void close() {
        try {
            streamsMetrics.close();
        } catch (Exception e) {
            log.warn("Closing the Kafka Streams metrics failed; the application stops all the same", e);
        }
        streams.close(Duration.ofSeconds(30));
    }
}
