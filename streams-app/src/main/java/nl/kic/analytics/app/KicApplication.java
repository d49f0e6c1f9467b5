package nl.kic.analytics.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kic.analytics.agents.AgentStatus;
import nl.kic.analytics.agents.AgentTopology;
import nl.kic.analytics.agents.AgentsQuery;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.contacts.ContactMetricsQuery;
import nl.kic.analytics.contacts.ContactTopology;
import nl.kic.analytics.contacts.LiveFiguresQuery;
import nl.kic.analytics.emails.EmailBacklogQuery;
import nl.kic.analytics.emails.EmailMetricsQuery;
import nl.kic.analytics.emails.EmailTopology;
import nl.kic.analytics.kafka.CommittedProgress;
import nl.kic.analytics.kafka.Topics;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The running application: the Kafka Streams instance that runs its topology, and the queries over
 * its state stores, across every instance. {@code serving/Service} builds and starts it.
 */
public final class KicApplication implements AutoCloseable {
    private final Blueprint blueprint;
    private final KafkaStreams streams;
    private final ClusterStore.Instances instances;
    private final Map<String, Set<String>> sourceTopicsByStore;
    private final Map<String, Integer> partitionCounts = new java.util.concurrent.ConcurrentHashMap<>();

    /** The running application of {@code blueprint}, whose topology {@code streams} runs. */
    public KicApplication(Blueprint blueprint, KafkaStreams streams) {
        this.blueprint = blueprint;
        this.streams = streams;
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
     * threads process partition 0 of the contact events, a rule every instance applies alike and
     * that moves with that partition when its instance stops. Each figure thus exists once per
     * cluster, and sums, ratios and alerts over instances stay right.
     */
    public boolean exportsClusterFigures() {
        TopicPartition first = new TopicPartition(config().contactEventsTopic(), 0);
        for (org.apache.kafka.streams.ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (org.apache.kafka.streams.TaskMetadata task : thread.activeTasks()) {
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

    private volatile java.util.function.Supplier<java.util.Optional<String>> exportFault = java.util.Optional::empty;

    /** Lets the health show why the export database does not take the figures ({@code nl.kic.analytics.export}). */
    public void watchExport(java.util.function.Supplier<java.util.Optional<String>> fault) {
        this.exportFault = fault;
    }

    /** Why the export database does not take the figures at the moment; empty while it does, or without an export. */
    public java.util.Optional<String> exportUnavailableReason() {
        return exportFault.get();
    }

    /** Why the schema registry does not answer at the moment; empty while it does. */
    public java.util.Optional<String> registryUnavailableReason() {
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
        return blueprint.queries(new Queries.Stores() {
            @Override
            public ReadOnlyKeyValueStore<Bytes, byte[]> bytes(String name) {
                return store(name, staleness);
            }

            @Override
            public ReadOnlyKeyValueStore<String, AgentStatus> agents() {
                return agentStore(staleness);
            }
        });
    }

    /** Interval figures over all partitions. */
    public ContactMetricsQuery contactMetrics() {
        return queries().contactMetrics();
    }

    /** Live figures over all partitions. */
    public LiveFiguresQuery liveFigures() {
        return queries().liveFigures();
    }

    /** E-mail interval figures over all partitions. */
    public EmailMetricsQuery emailMetrics() {
        return queries().emailMetrics();
    }

    /** The live e-mail backlog over all partitions. */
    public EmailBacklogQuery emailBacklog() {
        return queries().emailBacklog();
    }

    /** Agents now per queue and team, over all partitions. */
    public AgentsQuery agents() {
        return queries().agents();
    }

    /** The stores of the figures hold bytes, read by the queries; the agents' store holds agent statuses. */
    private ClusterStore<Bytes, byte[]> store(String name, Staleness staleness) {
        return clusterStore(name, staleness, Serdes.Bytes(), Serdes.ByteArray());
    }

    private ClusterStore<String, AgentStatus> agentStore(Staleness staleness) {
        return clusterStore(AgentTopology.AGENT_STATE_STORE, staleness, Serdes.String(), AgentStatus.serde());
    }

    private <K, V> ClusterStore<K, V> clusterStore(String name, Staleness staleness, Serde<K> keySerde, Serde<V> valueSerde) {
        Set<String> sourceTopics = sourceTopicsByStore.getOrDefault(name, Set.of());
        return new ClusterStore<>(streams, name, sourceTopics, () -> partitionCountOf(name),
                HostInfo.buildFromEndpoint(config().advertisedHttpOrDefault()), instances, config().queryStandbyMaxLagRecords(), staleness,
                keySerde, valueSerde);
    }

    /** The partitions of a store: those of its source topics, by their metadata (asked once per store). */
    private int partitionCountOf(String store) {
        return partitionCounts.computeIfAbsent(store, name -> partitionCount(sourceTopicsByStore.getOrDefault(name, Set.of())));
    }

    private int partitionCount(Set<String> sourceTopics) {
        try {
            return Topics.partitionCount(config().kafkaClientProperties(), sourceTopics);
        } catch (RuntimeException e) {
            throw new org.apache.kafka.streams.errors.InvalidStateStoreException("cannot read the partitions of " + sourceTopics
                    + ": " + e.getMessage());
        }
    }

    /** The names of the application's state stores. */
    public Set<String> storeNames() {
        return sourceTopicsByStore.keySet();
    }

    /** The stores the queries read, and so the only ones other instances may ask this one for. */
    private static final Set<String> QUERIED_STORES = Set.of(ContactTopology.INTERVAL_STORE, ContactTopology.WAITING_STORE,
            ContactTopology.OUTCOMES_STORE, EmailTopology.INTERVAL_STORE, EmailTopology.BACKLOG_STORE, AgentTopology.AGENT_STATE_STORE,
            AgentTopology.PRESENCE_STORE);

    /**
     * The entries of a store in some of this instance's partitions, serialized: what other instances
     * ask for when they answer a query. Never forwarded to another instance. Only from active tasks
     * that have finished restoring, unless {@code maxLagRecords} allows a replica that far behind.
     */
    public ClusterStore.Part localStoreEntries(String name, List<Integer> partitions, java.util.OptionalLong maxLagRecords,
                                               byte[] from, byte[] to) {
        if (!QUERIED_STORES.contains(name)) {
            throw new IllegalArgumentException("unknown store; the stores are " + new java.util.TreeSet<>(QUERIED_STORES));
        }
        int count = partitionCountOf(name);
        if (partitions.stream().anyMatch(p -> p >= count)) {
            throw new IllegalArgumentException("parameter 'partitions': the store has partitions 0 to " + (count - 1));
        }
        ClusterStore<?, ?> store = name.equals(AgentTopology.AGENT_STATE_STORE) ? agentStore(new Staleness()) : store(name, new Staleness());
        return store.readLocal(partitions, maxLagRecords, from, to);
    }

    /**
     * Runs {@code query} once every partition of its stores can be read: a rebalance (which may follow
     * the last record processed, when the group's metadata settles) makes a partition unavailable for
     * a moment, and the query is asked again until {@code timeout}.
     */
    public <T> T whenQueryable(Duration timeout, java.util.function.Supplier<T> query) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return query.get();
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException unavailable) {
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
        CommittedProgress.await(config().kafkaClientProperties(), config().applicationId(), Set.copyOf(config().inputTopics()), noProgressTimeout);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
