package nl.kic.analytics.tools.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.CommittedProgress;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.InMemorySchemaRegistry;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.system.FreePorts;
import nl.kic.analytics.serving.SchemaRegistryServer;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the figures are away when an instance dies: three {@code run} instances (separate JVMs,
 * one standby replica) process two weeks of simulated traffic and then a live feed; one is killed
 * with SIGKILL while a survivor is asked for the daily figures of the two weeks ten times a second.
 * Every answer is complete (200, equal to the figures from before the kill), refused (503, retry
 * later) or partial (200 with other figures, which must never happen). The gap is the longest time
 * between two complete answers.
 */
public final class FailoverBenchmark {
    private static final Logger log = LoggerFactory.getLogger(FailoverBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INSTANCES = 3;
    private static final int HISTORY_DAYS = 14;
    private static final int FEED_EVENTS_PER_SECOND = 100;
    private static final Duration OBSERVED_BEFORE_KILL = Duration.ofSeconds(3);
    private static final Duration OBSERVED_AFTER_KILL = Duration.ofSeconds(30);

    /** One kill: what the survivor answered, and the longest time without a complete answer. */
    public record Run(int answers, int complete, int refused, int partial, int failed, long longestGapMillis,
                      long lastRefusalAfterKillMillis, boolean completeAtTheEnd, long historyEvents, long feedEventsBeforeKill) {
        /** No answer was partial or failed, and the survivor answered completely again by the end. */
        public boolean sound() {
            return partial == 0 && failed == 0 && completeAtTheEnd;
        }
    }

    /** The runs and the settings they ran with. */
    public record Result(List<Run> runs, List<String> instanceSettings) {
        public boolean sound() {
            return runs.stream().allMatch(Run::sound);
        }
    }

    private final KicConfig baseConfig;
    private final Path workDir;
    private final String mainClass;
    private final Path logs;
    private final Map<String, String> instanceSettings;

    /**
     * @param mainClass  the program's main class: each instance is {@code java -cp <this class path> mainClass run --config FILE}
     * @param logs       where the instances' logs are kept, to read why a run went as it did
     * @param moreSettings the instances' settings beyond {@link #advisedSettings()}, which they override
     */
    public FailoverBenchmark(KicConfig baseConfig, Path workDir, String mainClass, Path logs, Map<String, String> moreSettings) {
        this.baseConfig = baseConfig;
        this.workDir = workDir;
        this.mainClass = mainClass;
        this.logs = logs;
        this.instanceSettings = new TreeMap<>(advisedSettings());
        this.instanceSettings.putAll(moreSettings);
    }

    /**
     * The settings of the instances beyond the defaults, as docs/operations.md advises for answers
     * within 10 s of a kill: a warm copy of every store elsewhere; the group notices the kill after 4 s
     * instead of 6 (brokers must allow it: {@code group.min.session.timeout.ms}), and the survivors
     * learn of the rebalance within a second; an open transaction of the killed instance is aborted
     * after 5 s instead of 10.
     */
    public static Map<String, String> advisedSettings() {
        return Map.of("kic.standby-replicas", "1", "kic.kafka.session.timeout.ms", "4000", "kic.kafka.heartbeat.interval.ms", "1000",
                "kic.kafka.transaction.timeout.ms", "5000");
    }

    public Result run(int runs, long seed) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("at least one kill is needed to measure a failover");
        }
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(runOnce(i, seed + i));
            log.info("Failover run {} of {}: {}", i + 1, runs, results.get(i));
        }
        return new Result(results, instanceSettings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private Run runOnce(int index, long seed) throws Exception {
        // run refuses the in-memory registry: the instances, the feed and this process share one over HTTP.
        try (SchemaRegistryServer registryServer = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            KicConfig config = baseConfig.withTopicSuffix(".failover-" + index)
                    .withApplicationId(baseConfig.applicationId() + "-failover-" + index)
                    .withSchemaRegistryUrl(registryServer.url());
            Topics.create(config.kafkaClientProperties(), List.of(config.contactEventsTopic(), config.emailEventsTopic(),
                    config.agentEventsTopic(), config.deadLetterTopic()), config.inputPartitions(), config.replicationFactor());
            SchemaRegistryClient registry = SchemaRegistryClient.forUrl(registryServer.url());
            LocalDate today = LocalDate.now(config.zone());
            LocalDate feedFrom = today.minusDays(2);
            List<SpecificRecord> history = simulate(config, seed, "history-", feedFrom.minusDays(HISTORY_DAYS), feedFrom);
            List<SpecificRecord> feed = simulate(config, seed + 1_000, "feed-", feedFrom, today);

            List<Instance> instances = new ArrayList<>();
            AtomicBoolean feeding = new AtomicBoolean(true);
            AtomicLong fed = new AtomicLong();
            AtomicReference<RuntimeException> feedFailure = new AtomicReference<>();
            Thread feeder = null;
            // Instances outlive this process unless stopped: also when it is stopped with Ctrl+C.
            Thread stopInstances = new Thread(() -> instances.forEach(instance -> instance.process().destroyForcibly()));
            Runtime.getRuntime().addShutdownHook(stopInstances);
            try {
                start(config, index, instances);
                for (Instance instance : instances) {
                    instance.awaitRunning();
                }
                try (EventProducer producer = new EventProducer(config, registry)) {
                    history.forEach(producer::send);
                    producer.flush();
                }
                CommittedProgress.await(config.kafkaClientProperties(), config.applicationId(), Set.copyOf(config.inputTopics()),
                        Duration.ofMinutes(2));
                Instance survivor = instances.get(1);
                JsonNode before = survivor.stableFigures(feedFrom);

                feeder = new Thread(() -> {
                    try {
                        feed(config, registry, feed, feeding, fed);
                    } catch (RuntimeException e) {
                        feedFailure.set(e);
                    }
                }, "failover-feed");
                feeder.start();
                // Each answer is timed when it arrived (a slow answer is as late as it is), from the moment of the kill.
                List<Long> arrivals = new ArrayList<>();
                List<Answer> untimed = new ArrayList<>();
                long killDue = System.nanoTime() + OBSERVED_BEFORE_KILL.toNanos();
                long killed = -1;
                long feedBeforeKill = -1;
                while (killed < 0 || System.nanoTime() - killed < OBSERVED_AFTER_KILL.toNanos()) {
                    if (killed < 0 && System.nanoTime() >= killDue) {
                        instances.get(0).process().destroyForcibly(); // SIGKILL: it neither leaves the group nor ends its transaction
                        killed = System.nanoTime();
                        feedBeforeKill = fed.get();
                        log.info("Instance 0 of run {} killed", index + 1);
                    }
                    long asked = System.nanoTime();
                    untimed.add(survivor.ask(feedFrom, before));
                    arrivals.add(System.nanoTime());
                    Thread.sleep(Math.max(0, 100 - (System.nanoTime() - asked) / 1_000_000));
                }
                if (feedFailure.get() != null) {
                    throw new IllegalStateException("the live feed failed", feedFailure.get());
                }
                List<Answer> answers = new ArrayList<>();
                for (int i = 0; i < untimed.size(); i++) {
                    Answer answer = untimed.get(i);
                    answers.add(new Answer((arrivals.get(i) - killed) / 1_000_000, answer.status(), answer.complete()));
                }
                return summary(answers, history.size(), feedBeforeKill);
            } finally {
                feeding.set(false);
                if (feeder != null) {
                    feeder.join();
                }
                stop(instances, index);
                Runtime.getRuntime().removeShutdownHook(stopInstances);
            }
        }
    }

    /** Stops the instances (SIGKILL for one that has not stopped within a minute) and keeps their logs. */
    private void stop(List<Instance> instances, int index) throws IOException, InterruptedException {
        instances.forEach(instance -> instance.process().destroy());
        Path kept = Files.createDirectories(logs.resolve("run-" + (index + 1)));
        for (int n = 0; n < instances.size(); n++) {
            Instance instance = instances.get(n);
            if (!instance.process().waitFor(60, TimeUnit.SECONDS)) {
                instance.process().destroyForcibly().waitFor();
            }
            if (Files.exists(instance.log())) {
                Files.copy(instance.log(), kept.resolve("instance-" + n + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * The simulated days from {@code from} until {@code until}, without the events the simulation
     * places later (e-mail answered days afterwards), which the instances would refuse as from the
     * future. Ids start with {@code idPrefix}, so that the feed never touches a contact of the history.
     */
    private static List<SpecificRecord> simulate(KicConfig config, long seed, String idPrefix, LocalDate from, LocalDate until) {
        long end = until.atStartOfDay(config.zone()).toInstant().toEpochMilli();
        List<SpecificRecord> events = new ArrayList<>();
        new KicSimulator(SimulationConfig.kicDefaults(seed).withIdPrefix(idPrefix), config.calendar(), config.zone(), from, event -> {
            if (Benchmark.occurredAt(event) < end) {
                events.add(event);
            }
        }).runDaysUntil(until);
        return events;
    }

    /** The live feed: the simulated days after the compared ones, at a steady rate, until told to stop. */
    private static void feed(KicConfig config, SchemaRegistryClient registry, List<SpecificRecord> events, AtomicBoolean feeding,
                             AtomicLong fed) {
        try (EventProducer producer = new EventProducer(config, registry)) {
            long started = System.nanoTime();
            for (SpecificRecord event : events) {
                if (!feeding.get()) {
                    return;
                }
                producer.send(event);
                long due = started + fed.incrementAndGet() * 1_000_000_000L / FEED_EVENTS_PER_SECOND;
                long early = due - System.nanoTime();
                if (early > 0) {
                    producer.flush();
                    Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status of a question that got no answer (connection refused, timed out). */
    static final int NO_ANSWER = 0;

    /**
     * One answer of the survivor, {@code millisAfterKill} after the kill (negative: before it):
     * complete (200 with the figures from before), 503 or no answer (refused), or anything else.
     */
    record Answer(long millisAfterKill, int status, boolean complete) {
    }

    /** The answers counted, and the longest time between two complete ones (until the end, when the last is not). */
    static Run summary(List<Answer> answers, long historyEvents, long feedBeforeKill) {
        long longestGap = 0;
        Long lastComplete = null;
        long lastRefusal = -1;
        int complete = 0;
        int refused = 0;
        int partial = 0;
        int failed = 0;
        for (Answer answer : answers) {
            if (answer.complete()) {
                complete++;
                if (lastComplete != null) {
                    longestGap = Math.max(longestGap, answer.millisAfterKill() - lastComplete);
                }
                lastComplete = answer.millisAfterKill();
            } else if (answer.status() == 200) {
                partial++;
            } else if (answer.status() == 503 || answer.status() == NO_ANSWER) {
                refused++;
                lastRefusal = Math.max(lastRefusal, answer.millisAfterKill());
            } else {
                failed++;
            }
        }
        boolean completeAtTheEnd = answers.get(answers.size() - 1).complete();
        if (!completeAtTheEnd) {
            // No complete answer at the end: the gap lasts at least until the last question.
            longestGap = Math.max(longestGap, answers.get(answers.size() - 1).millisAfterKill()
                    - (lastComplete == null ? answers.get(0).millisAfterKill() : lastComplete));
        }
        return new Run(answers.size(), complete, refused, partial, failed, longestGap, lastRefusal, completeAtTheEnd, historyEvents,
                feedBeforeKill);
    }

    /** Starts the instances, adding each to {@code instances} as it starts, so that a failure part-way stops those started. */
    private void start(KicConfig config, int index, List<Instance> instances) throws IOException {
        int[] ports = FreePorts.take(INSTANCES);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        for (int n = 0; n < INSTANCES; n++) {
            Path dir = Files.createDirectories(workDir.resolve("failover-" + index + "-instance-" + n));
            Properties settings = config.withStateDir(dir.resolve("state")).withHttpPort(ports[n]).toProperties();
            settings.putAll(instanceSettings);
            settings.setProperty("kic.advertised-http", "localhost:" + ports[n]);
            settings.setProperty("kic.http.internal-secret", secret);
            Path file = dir.resolve("instance.properties");
            try (Writer writer = Files.newBufferedWriter(file)) {
                settings.store(writer, "an instance of bench --failover");
            }
            // This program's own run, in a JVM of its own, as an operator starts an instance.
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                    "-cp", System.getProperty("java.class.path"), mainClass, "run", "--config", file.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("instance.log").toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("KIC_"));
            instances.add(new Instance(ports[n], dir.resolve("instance.log"), builder.start()));
        }
    }

    /** A {@code run} instance: its port, log and process. */
    private record Instance(int port, Path log, Process process) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        void awaitRunning() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the instance at port " + port + " stopped; see " + log);
                }
                try {
                    if (get("/api/health").body().contains("\"RUNNING\"")) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // still starting
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("the instance at port " + port + " did not run within 2 minutes; see " + log);
        }

        /** The daily figures of the days before {@code until}, once two answers a second apart agree. */
        JsonNode stableFigures(LocalDate until) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            JsonNode previous = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> response = get(dailyFigures(until));
                if (response.statusCode() == 200) {
                    JsonNode rows = JSON.readTree(response.body()).path("rows");
                    if (rows.size() > 0 && rows.equals(previous)) {
                        return rows;
                    }
                    previous = rows;
                }
                Thread.sleep(1_000);
            }
            throw new IllegalStateException("the instance at port " + port + " gave no steady figures within 2 minutes; see " + log);
        }

        /** An answer, not yet timed: whether it is complete, or its status ({@link #NO_ANSWER} when none came). */
        Answer ask(LocalDate until, JsonNode before) throws Exception {
            HttpResponse<String> response;
            try {
                response = get(dailyFigures(until));
            } catch (IOException e) {
                return new Answer(0, NO_ANSWER, false);
            }
            boolean complete = response.statusCode() == 200 && JSON.readTree(response.body()).path("rows").equals(before);
            return new Answer(0, response.statusCode(), complete);
        }

        private static String dailyFigures(LocalDate until) {
            return "/api/contacts/metrics?granularity=day&queue=ALL&to=" + until;
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
