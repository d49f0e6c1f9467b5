package nl.kic.analytics.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
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
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.kafka.Topics;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.registry.ConfluentAvroSerde;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.serde.StoredFormatException;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the topology of every concern on one Kafka Streams instance, and the
 * queries over its state stores. {@code demo}, {@code run} and {@code replay} all start it this way.
 */
public final class KicApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KicApplication.class);

    private final KicConfig config;
    private final ApplicationClock clock;
    private final KafkaStreams streams;
    private final SchemaRegistryClient registry;
    private final ClusterStore.Instances instances;
    private final Map<String, Set<String>> sourceTopicsByStore;
    private final Map<String, Integer> partitionCounts = new java.util.concurrent.ConcurrentHashMap<>();

    private KicApplication(KicConfig config, ApplicationClock clock, KafkaStreams streams, Topology topology,
                           SchemaRegistryClient registry) {
        this.registry = registry;
        this.instances = ClusterStore.Instances.of(config.access());
        this.config = config;
        this.clock = clock;
        this.streams = streams;
        this.sourceTopicsByStore = sourceTopicsByStore(topology, config.applicationId());
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

    /**
     * The whole topology. Each concern adds its part to the one builder; every processor is wrapped
     * in the {@link RecordGuard} of {@code streamsProperties}.
     */
    public static Topology topology(KicConfig config, SchemaRegistryClient registry, ApplicationClock clock, PipelineMetrics metrics,
                                    Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        ConfluentAvroSerde<ContactEvent> contactEvents = ConfluentAvroSerde.forValues(registry, ContactEvent.getClassSchema());
        ContactTopology.build(builder, config, contactEvents, clock, metrics);
        ConfluentAvroSerde<EmailEvent> emailEvents = ConfluentAvroSerde.forValues(registry, EmailEvent.getClassSchema());
        EmailTopology.build(builder, config, emailEvents, clock, metrics);
        ConfluentAvroSerde<AgentEvent> agentEvents = ConfluentAvroSerde.forValues(registry, AgentEvent.getClassSchema());
        AgentTopology.build(builder, config, agentEvents, clock, metrics);
        return builder.build();
    }

    /** The Kafka Streams settings; {@code metrics} receive the dead-letter counts. */
    public static Properties streamsProperties(KicConfig config, PipelineMetrics metrics) {
        return streamsProperties(config, metrics, ProcessorFault.NONE);
    }

    /** The Kafka Streams settings, with a fault injected after processors (fault tests). */
    public static Properties streamsProperties(KicConfig config, PipelineMetrics metrics, ProcessorFault fault) {
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
        props.put(RecordGuard.FAULT_CONFIG, fault);
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
        // stop); a short one keeps the pause in the figures after such a fault short.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(config.kafkaOverrides());
        return props;
    }

    /** Creates the input and dead-letter topics when missing, then starts the topology. */
    public static KicApplication start(KicConfig config, SchemaRegistryClient registry, ApplicationClock clock, PipelineMetrics metrics) {
        return start(config, registry, clock, metrics, ProcessorFault.NONE);
    }

    /** {@link #start(KicConfig, SchemaRegistryClient, ApplicationClock, PipelineMetrics)} with a fault injected after processors (fault tests). */
    public static KicApplication start(KicConfig config, SchemaRegistryClient registry, ApplicationClock clock, PipelineMetrics metrics,
                                       ProcessorFault fault) {
        Topics.create(config.kafkaClientProperties(),
                List.of(config.contactEventsTopic(), config.emailEventsTopic(), config.agentEventsTopic(), config.deadLetterTopic()),
                config.inputPartitions(), config.replicationFactor());
        StoredFormats.checkAndRecord(config);
        Properties props = streamsProperties(config, metrics, fault);
        Topology topology = topology(config, registry, clock, metrics, props);
        Topics.create(config.kafkaClientProperties(),
                Topics.internalTopics(topology, config.applicationId(), config.inputPartitions(), config.replicationFactor()));
        metrics.watchRegistry(() -> registry.unavailableReason().isEmpty());
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StoredFormatException stored) {
                    // Going on would lose that state, and a new thread would meet it again.
                    log.error("Stopping: {}", stored.getMessage());
                    return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                }
            }
            // The failed thread's tasks go back to their last commit; a new thread takes them up.
            log.error("Stream thread failed; replacing it", e);
            metrics.threadReplaced();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new KicApplication(config, clock, streams, topology, registry);
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
        TopicPartition first = new TopicPartition(config.contactEventsTopic(), 0);
        for (org.apache.kafka.streams.ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (org.apache.kafka.streams.TaskMetadata task : thread.activeTasks()) {
                if (task.topicPartitions().contains(first)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why the schema registry does not answer at the moment; empty while it does. */
    public java.util.Optional<String> registryUnavailableReason() {
        return registry.unavailableReason();
    }

    public KicConfig config() {
        return config;
    }

    public ApplicationClock clock() {
        return clock;
    }

    /** The queries over all partitions; they throw InvalidStateStoreException while a partition is unavailable. */
    public Queries queries() {
        return new Queries(new Queries.Stores() {
            @Override
            public ReadOnlyKeyValueStore<Bytes, byte[]> bytes(String name) {
                return store(name);
            }

            @Override
            public ReadOnlyKeyValueStore<String, AgentStatus> agents() {
                return clusterStore(AgentTopology.AGENT_STATE_STORE, Serdes.String(), AgentStatus.serde());
            }
        }, config, clock);
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

    private ClusterStore<Bytes, byte[]> store(String name) {
        return clusterStore(name, Serdes.Bytes(), Serdes.ByteArray());
    }

    private <K, V> ClusterStore<K, V> clusterStore(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        Set<String> sourceTopics = sourceTopicsByStore.getOrDefault(name, Set.of());
        return new ClusterStore<>(streams, name, sourceTopics, () -> partitionCounts.computeIfAbsent(name, n -> partitionCount(sourceTopics)),
                HostInfo.buildFromEndpoint(config.advertisedHttpOrDefault()), instances, keySerde, valueSerde);
    }

    /** The partitions of a store: those of its source topics, by their metadata (asked once). */
    private int partitionCount(Set<String> sourceTopics) {
        try {
            return Topics.partitionCount(config.kafkaClientProperties(), sourceTopics);
        } catch (RuntimeException e) {
            throw new org.apache.kafka.streams.errors.InvalidStateStoreException("cannot read the partitions of " + sourceTopics
                    + ": " + e.getMessage());
        }
    }

    /** The names of the application's state stores. */
    public Set<String> storeNames() {
        return sourceTopicsByStore.keySet();
    }

    /**
     * The entries of a store in some of this instance's partitions, serialized: what other instances
     * ask for when they answer a query. Never forwarded to another instance.
     */
    public List<KeyValue<byte[], byte[]>> localStoreEntries(String name, List<Integer> partitions, boolean stale, byte[] from, byte[] to) {
        if (!sourceTopicsByStore.containsKey(name)) {
            throw new IllegalArgumentException("unknown store '" + name + "'");
        }
        ClusterStore<?, ?> store = name.equals(AgentTopology.AGENT_STATE_STORE)
                ? clusterStore(name, Serdes.String(), AgentStatus.serde()) : store(name);
        return store.readLocal(partitions, stale, from, to);
    }

    /**
     * Waits until the application has committed every input record there is now and every record of
     * its repartition topics (for replays and benchmarks: input that has stopped growing). Input topics are written without transactions: done when the committed
     * offset reaches the end. Repartition topics are written in transactions, and their last offset
     * is a commit marker that the application may never commit past: done at end − 1.
     */
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

    public void awaitProcessed(Duration noProgressTimeout) throws InterruptedException {
        awaitProcessed(config, noProgressTimeout);
    }

    /** {@link #awaitProcessed(Duration)} for any application on the input topics of {@code config}, by its application id. */
    public static void awaitProcessed(KicConfig config, Duration noProgressTimeout) throws InterruptedException {
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            Map<TopicPartition, Long> lastLag = Map.of();
            long lastProgress = System.nanoTime();
            while (true) {
                Map<TopicPartition, Long> lag = lag(admin, config);
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

    private static Map<TopicPartition, Long> lag(Admin admin, KicConfig config) throws ExecutionException, InterruptedException {
        String groupId = config.applicationId();
        Set<String> inputTopics = Set.of(config.contactEventsTopic(), config.emailEventsTopic(), config.agentEventsTopic());
        Set<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> inputTopics.contains(t) || (t.startsWith(groupId + "-") && t.endsWith("-repartition")))
                .collect(Collectors.toSet());
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp).offset();
            long done = committed.get(tp) == null ? 0 : committed.get(tp).offset();
            long unfinished = inputTopics.contains(tp.topic()) ? end - done : end - 1 - done;
            lag.put(tp, end == 0 ? 0 : unfinished);
        }
        return lag;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
