package nl.kic.analytics.tools.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import nl.kic.analytics.app.Assembly;
import nl.kic.analytics.app.Domains;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.app.RecordGuard;
import nl.kic.analytics.app.StoreOperations;
import nl.kic.analytics.app.StreamsSettings;
import nl.kic.analytics.domain.contacts.ContactKind;
import nl.kic.analytics.domain.contacts.ContactState;
import nl.kic.analytics.domain.emails.EmailKind;
import nl.kic.analytics.domain.emails.EmailState;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.CommittedProgress;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run on a broker: for each traffic density, the same simulated period is written to
 * fresh input topics; a plain consumer reads and Avro-decodes them (the ceiling); the full topology
 * processes them with exactly-once (from start until every input and repartition record is committed);
 * then state on disk and peak heap are taken. At the end, freshness: the delay from producing an
 * event to seeing it in the HTTP API, over a steady stream of probes.
 */
public final class Benchmark {
    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

    /** One density's figures. */
    public record Run(double density, long events, double ceilingEventsPerSecond, double decodeOnlyEventsPerSecond,
                      double keyedStateEventsPerSecond, double pipelineEventsPerSecond, double ratio, double pipelineSeconds,
                      long stateBytesOnDisk, long memTableBytes, long peakHeapBytes, Map<String, Long> storeEntries,
                      Map<String, Long> storeBytes, Map<String, Double> compactRecordBytes, double brokerRecordsPerEvent,
                      Map<String, Double> storeOperationsPerEventByStore) {

        /** Per input event, each kind of store operation over all stores ("get", "put", …, and the entries read); empty when not counted. */
        @JsonProperty
        public Map<String, Double> storeOperationsPerEvent() {
            Map<String, Double> byOperation = new TreeMap<>();
            storeOperationsPerEventByStore.forEach((storeAndOperation, perEvent) ->
                    byOperation.merge(storeAndOperation.substring(storeAndOperation.indexOf(' ') + 1), perEvent, Double::sum));
            return byOperation;
        }

        /** Store operations of every kind per input event (without the entries ranges return); NaN when not counted. */
        public double storeOperationsPerEventTotal() {
            return storeOperationsPerEventByStore.isEmpty() ? Double.NaN : storeOperationsPerEvent().entrySet().stream()
                    .filter(e -> !e.getKey().equals(StoreOperations.ENTRIES_READ)).mapToDouble(Map.Entry::getValue).sum();
        }

        /** The pipeline's rate to the keyed rung's: the design's goal is at least half. */
        public double pipelineToKeyed() {
            return pipelineEventsPerSecond / keyedStateEventsPerSecond;
        }
    }

    /** The whole result. */
    public record Result(String from, int days, List<Run> runs, double freshnessP50Millis, double freshnessP99Millis,
                         int freshnessProbes) {
    }

    private final KicConfig baseConfig;
    private final Path workDir;

    public Benchmark(KicConfig baseConfig, Path workDir) {
        this.baseConfig = baseConfig;
        this.workDir = workDir;
    }

    public Result run(LocalDate from, int days, List<Double> densities, long seed, int freshnessProbes) throws Exception {
        // All topics first: on the embedded broker, topics created after an exactly-once application
        // has stopped did not take writes for minutes.
        for (int i = 0; i < densities.size(); i++) {
            KicConfig config = config(i);
            Topics.create(config.kafkaClientProperties(), List.of(config.contactEventsTopic(), config.emailEventsTopic(),
                    config.agentEventsTopic(), config.deadLetterTopic()), config.inputPartitions(), config.replicationFactor());
        }
        List<Run> runs = new ArrayList<>();
        double[] freshness = {Double.NaN, Double.NaN};
        for (int i = 0; i < densities.size(); i++) {
            boolean last = i == densities.size() - 1;
            runs.add(runOnce(from, days, densities.get(i), seed, i, last ? freshnessProbes : 0, freshness, last));
        }
        return new Result(from.toString(), days, runs, freshness[0], freshness[1], freshnessProbes);
    }

    /** One density; the store operations are counted in a second pass over the same input when {@code countOperations}. */
    private Run runOnce(LocalDate from, int days, double density, long seed, int index, int probes, double[] freshness,
                        boolean countOperations) throws Exception {
        KicConfig config = config(index);
        Path stateDir = config.stateDir();
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        long phase = System.nanoTime();
        long[] events = {0};
        long[] latest = {Long.MIN_VALUE};
        try (EventProducer producer = new EventProducer(config, registry)) {
            new KicSimulator(SimulationConfig.kicDefaults(seed).scaled(density), config.calendar(), config.zone(), from, event -> {
                producer.send(event);
                events[0]++;
                latest[0] = Math.max(latest[0], occurredAt(event));
            }).runDaysUntil(from.plusDays(days));
            producer.flush();
        }
        log.info("Density {}: {} events written in {} s", density, events[0], (System.nanoTime() - phase) / 1_000_000_000);
        double ceiling = events[0] / readAndDecode(config, registry);
        double decodeOnly = events[0] / runReference(config.withApplicationId(config.applicationId() + "-decode-only"),
                ReferenceTopologies.decodeOnly(config, registry));
        double keyedState = events[0] / runReference(config.withApplicationId(config.applicationId() + "-keyed-state"),
                ReferenceTopologies.keyedState(config, registry));

        resetPeakHeap();
        ApplicationClock clock = ApplicationClock.fixed(Instant.ofEpochMilli(latest[0]));
        long started = System.nanoTime();
        try {
            double seconds;
            long heap;
            Map<String, Long> entries = new TreeMap<>();
            Map<String, Double> compactRecordBytes = new TreeMap<>();
            Map<String, Long> onDisk;
            Map<String, Long> memTables;
            double brokerRecords;
            // The application as every command builds it; its HTTP server answers the freshness probes. As in a
            // replay, its clock stands at the latest event, so it keeps every month's caller figures as a replay does.
            try (Service service = Service.start(config.withCallersKeepingAllMonths(), clock)) {
                KicApplication app = service.app;
                app.awaitRunning(Duration.ofMinutes(2));
                app.awaitProcessed(Duration.ofMinutes(2));
                seconds = (System.nanoTime() - started) / 1e9;
                heap = peakHeap();
                brokerRecords = recordsSent(app.streams());
                for (String store : app.storeNames()) {
                    long count = 0;
                    long bytes = 0;
                    try (var it = app.streams().store(StoreQueryParameters.fromNameAndType(store,
                            QueryableStoreTypes.<Object, Object>keyValueStore())).all()) {
                        while (it.hasNext()) {
                            var kv = it.next();
                            count++;
                            bytes += compactRecordBytes(store, kv.key, kv.value);
                        }
                    }
                    entries.put(store, count);
                    if (bytes > 0) {
                        compactRecordBytes.put(store, (double) bytes / count);
                    }
                }
                onDisk = rocksDbProperty(app.streams(), "total-sst-files-size");
                memTables = rocksDbProperty(app.streams(), "size-all-mem-tables");
                if (probes > 0) {
                    try (EventProducer producer = new EventProducer(config, registry)) {
                        double[] p = freshness(service.api.port(), producer, latest[0], probes);
                        freshness[0] = p[0];
                        freshness[1] = p[1];
                    }
                }
            }
            Map<String, Double> operationsByStore = new TreeMap<>();
            if (countOperations) {
                // The freshness probes are input too.
                long input = events[0] + probes;
                countStoreOperations(config, clock).byStoreAndOperation()
                        .forEach((operation, count) -> operationsByStore.put(operation, (double) count / input));
            }
            return new Run(density, events[0], ceiling, decodeOnly, keyedState, events[0] / seconds, events[0] / seconds / ceiling, seconds,
                    sum(onDisk), sum(memTables), heap, entries, merged(onDisk, memTables), compactRecordBytes, brokerRecords / events[0],
                    operationsByStore);
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    /**
     * The store operations of the whole topology over the input, in a pass of its own (its own
     * application id and state): counting costs a proxy call per operation, which the timed run must not pay.
     */
    private static StoreOperations countStoreOperations(KicConfig timed, ApplicationClock clock) throws InterruptedException {
        StoreOperations operations = new StoreOperations();
        KicConfig config = timed.withApplicationId(timed.applicationId() + "-counted")
                .withStateDir(timed.stateDir().resolveSibling(timed.stateDir().getFileName() + "-counted")).withCallersKeepingAllMonths();
        long started = System.nanoTime();
        try (KicApplication app = Assembly.start(Assembly.blueprint(config, clock, Domains.standard(config, clock),
                settings -> settings.put(RecordGuard.STORE_OPERATIONS_CONFIG, operations)))) {
            app.awaitRunning(Duration.ofMinutes(2));
            app.awaitProcessed(Duration.ofMinutes(2));
        } finally {
            Directories.deleteRecursively(config.stateDir());
        }
        log.info("Store operations counted in {} s", (System.nanoTime() - started) / 1_000_000_000);
        return operations;
    }

    /**
     * The records the application's producers wrote to the broker (changelogs, repartition topics,
     * dead letters), from their metrics, which are counted at every level of detail.
     */
    private static double recordsSent(KafkaStreams streams) {
        return streams.metrics().values().stream()
                .filter(m -> m.metricName().group().equals("producer-metrics") && m.metricName().name().equals("record-send-total"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    }

    /** Key and value bytes of an entry of a store of compact records, as stored; 0 for other stores. */
    private static long compactRecordBytes(String store, Object key, Object value) {
        byte[] encoded;
        if (store.equals(ContactKind.JUDGED_STORE)) {
            encoded = ContactState.compactSerde().serializer().serialize(store, (ContactState) value);
        } else if (store.equals(EmailKind.JUDGED_STORE)) {
            encoded = EmailState.compactSerde().serializer().serialize(store, (EmailState) value);
        } else {
            return 0;
        }
        return ((String) key).getBytes(StandardCharsets.UTF_8).length + encoded.length;
    }

    private KicConfig config(int index) {
        return baseConfig.withTopicSuffix(".bench-" + index).withApplicationId(baseConfig.applicationId() + "-bench-" + index)
                .withStateDir(workDir.resolve("state-" + index)).withHttpPort(0);
    }

    /** Seconds a plain consumer takes to read and Avro-decode every input record. */
    private static double readAndDecode(KicConfig config, SchemaRegistryClient registry) {
        Properties props = config.kafkaClientProperties();
        props.put("max.poll.records", 5000);
        props.put("fetch.max.bytes", 64 * 1024 * 1024);
        Map<String, ConfluentAvroSerde<? extends SpecificRecord>> serdes = Map.of(
                config.contactEventsTopic(), ConfluentAvroSerde.<ContactEvent>forValues(registry, ContactEvent.getClassSchema()),
                config.emailEventsTopic(), ConfluentAvroSerde.<EmailEvent>forValues(registry, EmailEvent.getClassSchema()),
                config.agentEventsTopic(), ConfluentAvroSerde.<AgentEvent>forValues(registry, AgentEvent.getClassSchema()));
        long started = System.nanoTime();
        long[] decoded = {0};
        TopicReader.readToEnd(props, List.copyOf(serdes.keySet()), record -> {
            if (serdes.get(record.topic()).deserialize(record.topic(), record.value()) != null) {
                decoded[0]++;
            }
        });
        if (decoded[0] == 0) {
            throw new IllegalStateException("nothing to read");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Seconds a reference topology takes, with the product's settings, from start until it has committed all input. */
    private static double runReference(KicConfig config, Topology topology) throws Exception {
        Path stateDir = config.stateDir().resolveSibling(config.stateDir().getFileName() + "-" + config.applicationId());
        KicConfig reference = config.withStateDir(stateDir);
        Topics.create(reference.kafkaClientProperties(),
                Topics.internalTopics(topology, reference.applicationId(), reference.inputPartitions(), reference.replicationFactor()));
        long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.of(reference,
                new PipelineMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))))) {
            streams.start();
            CommittedProgress.await(reference.kafkaClientProperties(), reference.applicationId(), Set.copyOf(reference.inputTopics()),
                    Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - started) / 1e9;
            streams.close(Duration.ofSeconds(30));
            return seconds;
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    /**
     * Sends probes, ten a second: each an OFFERED in a queue of its own, timed a minute before the
     * clock; the delay is until the API lists that queue as waiting. Returns p50 and p99 in ms.
     */
    private static double[] freshness(int port, EventProducer producer, long clockMillis, int probes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Double> delays = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            String queue = "probe-" + i;
            long sent = System.nanoTime();
            producer.send(ContactEvent.newBuilder().setEventId("probe-" + i).setContactId("probe-" + i).setChannel(Channel.CALL)
                    .setType(ContactEventType.OFFERED).setQueue(queue).setOccurredAt(Instant.ofEpochMilli(clockMillis - 60_000)).build());
            producer.flush();
            long deadline = sent + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"queue\":\"" + queue + "\"")) {
                    delays.add((System.nanoTime() - sent) / 1e6);
                    break;
                }
                Thread.sleep(5);
            }
            Thread.sleep(Math.max(0, 100 - (long) ((System.nanoTime() - sent) / 1e6)));
        }
        delays.sort(Double::compare);
        return new double[] {nearestRank(delays, 0.5), nearestRank(delays, 0.99)};
    }

    private static double nearestRank(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    static long occurredAt(SpecificRecord event) {
        if (event instanceof ContactEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        if (event instanceof EmailEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        return ((AgentEvent) event).getOccurredAt().toEpochMilli();
    }

    /**
     * A RocksDB property of every store of the running application, summed over its tasks, from
     * Kafka Streams' state metrics: {@code total-sst-files-size} (on disk) and
     * {@code size-all-mem-tables} (in memory, not yet flushed). Both include overwritten values and
     * deletions that RocksDB has not yet compacted away.
     */
    private static Map<String, Long> rocksDbProperty(KafkaStreams streams, String property) {
        Map<String, Long> bytes = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            String store = name.tags().get("rocksdb-state-id");
            if (name.name().equals(property) && store != null && metric.metricValue() instanceof Number value) {
                bytes.merge(store, value.longValue(), Long::sum);
            }
        });
        return bytes;
    }

    private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((store, bytes) -> sum.merge(store, bytes, Long::sum));
        return sum;
    }

    private static long sum(Map<String, Long> bytes) {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
