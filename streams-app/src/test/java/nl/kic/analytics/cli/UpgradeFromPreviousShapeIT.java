package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.RunningInstances.Instance;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.CommittedProgress;
import nl.kic.analytics.platform.registry.InMemorySchemaRegistry;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.SchemaRegistryServer;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade keeps every figure. The version before the per-task interval rows, per-day agent
 * timelines and per-day reason rows (built from its commit) runs on the broker, processes ten
 * simulated days and is stopped half a second after three more were written, so that it may stop with
 * changes left in its repartition topic (whether it does depends on timing; the steps on their own
 * are proven by {@code ChangesBeforeUpgradeTest}). This version then starts on the same topics, application id and
 * state directory. Its figures, of every granularity, equal those of this version started afresh
 * on the same input.
 */
@ExtendWith(SharedBroker.class)
class UpgradeFromPreviousShapeIT {
    /** The last version that kept interval rows behind a repartition topic (docs/operations.md, "Upgrading"). */
    private static final String PREVIOUS = "885dad6";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Map<String, List<String>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("/api/contacts/metrics", List.of("15m", "hour", "day", "week", "month", "year"));
        FIGURES.put("/api/emails/metrics", List.of("day", "week", "month", "year"));
        FIGURES.put("/api/callers/metrics", List.of("day", "week", "month", "year"));
        FIGURES.put("/api/reasons/metrics", List.of("day", "week", "month", "year"));
    }

    @Test
    void theFirstStartOfThisVersionOnThePreviousVersionsStateKeepsEveryFigure(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path previousJar = previousVersionJar();
        LocalDate today = LocalDate.now(ZONE);
        List<SpecificRecord> first = simulate(21, "first-", today.minusDays(14), today.minusDays(4));
        List<SpecificRecord> second = simulate(22, "second-", today.minusDays(4), today.minusDays(1));
        assertThat(first).hasSizeGreaterThan(5_000);

        try (SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            // Neither application id may begin with the other and a dash: the progress of one would count the other's topics.
            KicConfig config = kafka.config().withSchemaRegistryUrl(registry.url())
                    .withApplicationId(kafka.config().applicationId() + "-upgraded");
            String freshId = kafka.config().applicationId() + "-fresh";
            Map<String, String> upgradedId = Map.of("KIC_APPLICATION_ID", config.applicationId());
            RunningInstances.Http http = RunningInstances.Http.plain();
            List<Instance> instances = RunningInstances.instances(dir, 2);
            Instance upgraded = instances.get(0);
            Instance fresh = instances.get(1);
            List<Process> processes = new ArrayList<>();
            try {
                Process previous = RunningInstances.start(previousJar.toString(), upgraded, kafka, registry.url(), http, upgradedId);
                processes.add(previous);
                RunningInstances.awaitRunning(upgraded, http);
                try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(registry.url()))) {
                    first.forEach(producer::send);
                    producer.flush();
                    CommittedProgress.await(config.kafkaClientProperties(), config.applicationId(), Set.copyOf(config.inputTopics()),
                            Duration.ofMinutes(3));
                    second.forEach(producer::send);
                    producer.flush();
                }
                // Stopped as an operator stops it for the upgrade, mid-way through the second part: changes it
                // wrote to its repartition topic may wait there for this version.
                Thread.sleep(500);
                previous.destroy();
                assertThat(previous.waitFor(60, TimeUnit.SECONDS)).as("the previous version stopped").isTrue();

                processes.add(RunningInstances.start(upgraded, kafka, registry.url(), http, upgradedId));
                processes.add(RunningInstances.start(fresh, kafka, registry.url(), http, Map.of("KIC_APPLICATION_ID", freshId)));
                RunningInstances.awaitRunning(upgraded, http);
                RunningInstances.awaitRunning(fresh, http);
                CommittedProgress.await(config.kafkaClientProperties(), config.applicationId(), Set.copyOf(config.inputTopics()),
                        Duration.ofMinutes(3));
                CommittedProgress.await(config.kafkaClientProperties(), freshId, Set.copyOf(config.inputTopics()), Duration.ofMinutes(3));

                int compared = 0;
                for (Map.Entry<String, List<String>> route : FIGURES.entrySet()) {
                    for (String granularity : route.getValue()) {
                        String path = route.getKey() + "?granularity=" + granularity;
                        JsonNode afresh = rows(http, fresh, path);
                        JsonNode afterUpgrade = rows(http, upgraded, path);
                        assertThat(afterUpgrade).as(path + " after the upgrade, against this version afresh").isEqualTo(afresh);
                        compared += afresh.size();
                    }
                }
                assertThat(compared).as("rows compared").isGreaterThan(1_000);
            } finally {
                processes.forEach(Process::destroy);
                for (Process process : processes) {
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                }
                // The instances' logs outlive the temporary directory, to read when the test fails.
                Path logs = Files.createDirectories(Path.of("target", "upgrade-it"));
                for (Instance instance : instances) {
                    if (Files.exists(instance.log())) {
                        Files.copy(instance.log(), logs.resolve(instance.log().getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** The simulated days, ids starting with {@code prefix}, without the events it places after them (e-mail answered later). */
    private static List<SpecificRecord> simulate(long seed, String prefix, LocalDate from, LocalDate until) {
        long end = until.atStartOfDay(ZONE).toInstant().toEpochMilli();
        List<SpecificRecord> events = new ArrayList<>();
        new KicSimulator(SimulationConfig.kicDefaults(seed).scaled(0.1).withIdPrefix(prefix), KicConfig.defaults().calendar(), ZONE, from,
                event -> {
                    if (occurredAt(event) < end) {
                        events.add(event);
                    }
                }).runDaysUntil(until);
        return events;
    }

    private static long occurredAt(SpecificRecord event) {
        Object at = event.get(event.getSchema().getField("occurredAt").pos());
        return ((java.time.Instant) at).toEpochMilli();
    }

    /** The rows of a figure route, once it answers 200 (the caller figures answer 503 while a change moves between partitions). */
    private static JsonNode rows(RunningInstances.Http http, Instance instance, String path) throws Exception {
        return Await.until(path + " answered by the instance at port " + instance.port(), Duration.ofSeconds(60), () -> {
            HttpResponse<String> response = http.client().send(http.request(instance, path).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("rows") : null;
        }, rows -> rows != null);
    }

    /**
     * The jar of the previous version, built once from its commit into the checkout's target
     * directory. Needs the project's history (a clone, not an export) and Maven.
     */
    private static Path previousVersionJar() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path source = root.resolve("target").resolve("previous-version-" + PREVIOUS);
        Path jar = source.resolve("streams-app/target/kic-analytics.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        boolean history = new ProcessBuilder("git", "-C", root.toString(), "cat-file", "-e", PREVIOUS + "^{commit}")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        assumeTrue(history, "SKIPPED: the upgrade test needs the project's git history with commit " + PREVIOUS
                + " (a full clone), to build the previous version");
        Files.createDirectories(source);
        Path log = source.resolveSibling("previous-version-" + PREVIOUS + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -e -o pipefail; git -C \"$ROOT\" archive " + PREVIOUS
                + " | tar -x -C \"$SOURCE\"; cd \"$SOURCE\"; mvn -q -B -DskipTests -Djacoco.skip=true package -pl schemas,streams-app")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ROOT", root.toString());
        builder.environment().put("SOURCE", source.toString());
        Process build = builder.start();
        if (!build.waitFor(15, TimeUnit.MINUTES)) {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly();
            throw new AssertionError("building the previous version took more than 15 minutes; see " + log);
        }
        if (build.exitValue() != 0 || !Files.exists(jar)) {
            throw new AssertionError("building the previous version failed; see " + log);
        }
        return jar;
    }
}
