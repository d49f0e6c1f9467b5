package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.AsielDay;
import nl.kic.analytics.Await;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.FakeConfluentRegistryServer;
import nl.kic.analytics.platform.registry.RestSchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.importer.QueueLogFollower;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --follow} on a growing queue_log, as logrotate and a crash would treat it: lines
 * appended while it runs, the log renamed and a new one begun, the importer killed with SIGKILL
 * while lines keep coming and started again, then the log copied and truncated. Every call is in
 * the input topic exactly once, and counted exactly once in the figures.
 */
@ExtendWith(SharedBroker.class)
class FollowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The calls' times: today, well within the clock's window. */
    private static final long T = Instant.parse("2023-03-01T08:00:00Z").getEpochSecond();

    @Test
    void everyLineCountsOnceThroughRotationKillAndRestart(TestKafka kafka, @TempDir Path dir) throws Exception {
        try (FakeConfluentRegistryServer registry = new FakeConfluentRegistryServer(1)) {
            Path log = dir.resolve("queue_log");
            int calls = 0;
            append(log, calls, 20); // calls 0–19 before the importer starts
            calls += 20;
            Process importer = start(dir, log, kafka, registry);
            try {
                awaitReadToEnd(kafka, log);
                append(log, calls, 10); // 20–29 while it runs
                calls += 10;
                // logrotate's default: the log renamed, a new one begun; the importer may not have read the old one's end yet.
                append(log, calls, 5); // 30–34
                calls += 5;
                Files.move(log, dir.resolve("queue_log.1"));
                append(log, calls, 10); // 35–44 in the new file
                calls += 10;
                awaitReadToEnd(kafka, log);
                // Lines keep coming while the importer is killed in the middle of them.
                for (int i = 0; i < 10; i++) { // 45–54
                    append(log, calls, 1);
                    calls++;
                    Thread.sleep(30);
                    if (i == 4) {
                        importer.destroyForcibly().waitFor(); // SIGKILL: no commit, a transaction perhaps open
                    }
                }
                int metricsPort = RunningInstances.freePort();
                importer = start(dir, log, kafka, registry, "--metrics-port", Integer.toString(metricsPort));
                awaitReadToEnd(kafka, log);
                // copytruncate: the log copied and emptied in place, once the importer has read it.
                Files.copy(log, dir.resolve("queue_log.2"), StandardCopyOption.REPLACE_EXISTING);
                Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                append(log, calls, 5); // 55–59 in the truncated file
                calls += 5;
                awaitReadToEnd(kafka, log);
                // The importer's own progress, for Prometheus: no errors, nothing left to read. Its lag is measured
                // apart from the position it commits: asked until it has caught up as well.
                HttpClient http = HttpClient.newHttpClient();
                String metrics = Await.until("kic_import_lag_bytes 0.0 on the importer's /metrics", Duration.ofSeconds(30),
                        () -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/metrics")).build(),
                                HttpResponse.BodyHandlers.ofString()).body(),
                        body -> body.contains("kic_import_lag_bytes 0.0"));
                assertThat(metrics).contains("kic_import_errors_total 0.0").contains("kic_import_lag_bytes 0.0");
                assertThat(metrics).containsPattern("kic_import_lines_total [1-9]");
            } finally {
                importer.destroy();
                importer.waitFor();
            }

            // Each call's events are in the topic once.
            ConfluentAvroSerde<ContactEvent> serde = ConfluentAvroSerde.forValues(new RestSchemaRegistryClient(registry.url()),
                    ContactEvent.getClassSchema());
            Map<String, Integer> eventsPerId = new HashMap<>();
            String topic = kafka.config().contactEventsTopic();
            TopicReader.readToEnd(kafka.config().kafkaClientProperties(), topic,
                    record -> eventsPerId.merge(serde.deserialize(topic, record.value()).getEventId(), 1, Integer::sum));
            assertThat(eventsPerId).hasSize(calls / 2 * 3 + calls / 2 * 2); // answered calls have three events, abandoned ones two
            assertThat(eventsPerId.values()).allMatch(count -> count == 1);

            // And the application counts each call once: even ones answered after 20 s, odd ones abandoned after 20 s.
            KicConfig config = kafka.config().withStateDir(dir.resolve("state"))
                    .withSchemaRegistryUrl(registry.url());
            try (Service service = Service.start(config, new ManualClock(Instant.ofEpochSecond(T + 86_400)), false)) {
                KicApplication app = service.app;
                app.awaitProcessed(Duration.ofSeconds(60));
                ContactFigures day = AsielDay.await(app, calls, calls, Duration.ofSeconds(30));
                assertThat(day.offered()).isEqualTo(calls);
                assertThat(day.answered()).isEqualTo(calls / 2);
                assertThat(day.abandoned()).isEqualTo(calls / 2);
            }
        }
    }

    /** Calls {@code first}… in the queue_log, three lines each: ENTERQUEUE, then CONNECT and COMPLETECALLER or ABANDON (and its pair). */
    private static void append(Path log, int first, int count) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int call = first; call < first + count; call++) {
            long at = T + call * 60L;
            String id = "1677657600." + call;
            lines.append(at).append('|').append(id).append("|asiel|NONE|ENTERQUEUE||06").append(10_000_000 + call).append("|1\n");
            if (call % 2 == 0) {
                lines.append(at + 20).append('|').append(id).append("|asiel|SIP/agent-").append(call % 3).append("|CONNECT|20|x|1\n");
                lines.append(at + 50).append('|').append(id).append("|asiel|SIP/agent-").append(call % 3).append("|COMPLETECALLER|20|30|1\n");
            } else {
                lines.append(at + 20).append('|').append(id).append("|asiel|NONE|ABANDON|1|1|20\n");
                lines.append(at + 21).append('|').append(id).append("|asiel|NONE|INFO|odd call\n"); // skipped: three lines per call
            }
        }
        Files.writeString(log, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Process start(Path dir, Path log, TestKafka kafka, FakeConfluentRegistryServer registry, String... more)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import", "--format", "asterisk-queue-log",
                "--input", log.toString(), "--follow", "--to-kafka", "--bootstrap-server", kafka.bootstrapServers(),
                "--schema-registry", registry.url(), "--poll-millis", "50", "--errors", dir.resolve("errors.txt").toString()));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        builder.environment().putAll(kafka.environment());
        builder.environment().put("KIC_PSEUDONYM_KEY", "a test key of 32 bytes, not real");
        return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("importer.log").toFile()))
                .start();
    }

    /** Waits until the committed position stands at the end of the file now at {@code log}. */
    private static void awaitReadToEnd(TestKafka kafka, Path log) throws Exception {
        String key = log.toAbsolutePath().normalize().toString();
        Path importerLog = log.resolveSibling("importer.log");
        String end = QueueLogFollower.fileKey(log) + "@" + Files.size(log);
        Await.until("the importer's position at the end of " + log + " (its log: " + importerLog + ")", Duration.ofSeconds(60), () -> {
            List<String> positions = new ArrayList<>();
            TopicReader.readToEnd(kafka.config().kafkaClientProperties(),
                    QueueLogFollower.positionsTopic(kafka.config()), record -> {
                        if (new String(record.key(), StandardCharsets.UTF_8).equals(key)) {
                            positions.add(new String(record.value(), StandardCharsets.UTF_8));
                        }
                    });
            if (positions.isEmpty()) {
                return "none";
            }
            var node = JSON.readTree(positions.get(positions.size() - 1));
            return node.path("fileKey").asText() + "@" + node.path("offset").asLong();
        }, end::equals);
    }
}
