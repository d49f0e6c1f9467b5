package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances.Instance;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.TestKeyStore;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.FakeConfluentRegistryServer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.tools.replay.GeneratedHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of the application, each in its own JVM (`run`), on the shared broker with
 * six-partition topics and one standby replica, serving HTTPS with a viewer token, and asking each
 * other for their partitions over HTTPS with the shared secret. A generated stream with duplicates and disorder goes
 * in; one instance is killed hard (SIGKILL) while one of its transactions is open, and another stopped and restarted (restoring
 * its state). Afterwards every instance's API answers for all partitions with the same totals, equal
 * to an independent count of the input: no contact lost, none counted twice.
 */
@ExtendWith(SharedBroker.class)
class ScaleOutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "scale-out-viewer";

    @Test
    void threeInstancesWithAKillAndARestartAgreeOnTheIndependentCount(TestKafka kafka, @TempDir Path dir) throws Exception {
        // `run` counts on the system clock: the history ends a week ago, so every contact without an outcome is lost.
        GeneratedHistory history = GeneratedHistory.generate(7, 8_000, LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusDays(21), 14);
        try (FakeConfluentRegistryServer registry = new FakeConfluentRegistryServer(1)) {
            KicConfig config = kafka.config().withSchemaRegistryUrl(registry.url());
            Topics.create(config.kafkaClientProperties(), List.of(config.contactEventsTopic(), config.emailEventsTopic(),
                    config.agentEventsTopic(), config.deadLetterTopic()), 6, 1);
            RunningInstances.Http http = RunningInstances.Http.secured(TestKeyStore.create(dir), TOKEN);
            List<Instance> instances = RunningInstances.instances(dir, 3);
            List<Process> processes = new ArrayList<>();
            try {
                for (Instance instance : instances) {
                    processes.add(RunningInstances.start(instance, kafka, registry.url(), http));
                }
                for (Instance instance : instances) {
                    RunningInstances.awaitRunning(instance, http);
                }
                try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(registry.url()))) {
                    List<String> lines = history.lines;
                    int half = lines.size() / 2;
                    int threeQuarters = lines.size() * 3 / 4;
                    // Instance 0 is killed while one of its transactions is open on the broker: records processed and
                    // written, not yet committed. The input goes in batch by batch until that is seen (from half of it on,
                    // up to three quarters at most): sent at once, instance 0 could finish its share between two looks
                    // at the broker and leave no transaction open to be caught.
                    AtomicBoolean killed = new AtomicBoolean();
                    AtomicInteger sent = new AtomicInteger();
                    Thread untilTheKill = new Thread(() -> {
                        int batch = Math.max(1, lines.size() / 100);
                        send(producer, lines.subList(0, half));
                        sent.set(half);
                        while (!killed.get() && sent.get() < threeQuarters) {
                            int to = Math.min(sent.get() + batch, threeQuarters);
                            send(producer, lines.subList(sent.get(), to));
                            sent.set(to);
                            pause(BATCH_PAUSE);
                        }
                    }, "input-until-the-kill");
                    untilTheKill.start();
                    try {
                        RunningInstances.awaitOpenTransaction(http, config, instances.get(0));
                        processes.get(0).destroyForcibly().waitFor(); // SIGKILL: no clean shutdown, a transaction open
                    } finally {
                        killed.set(true);
                        untilTheKill.join();
                    }
                    send(producer, lines.subList(sent.get(), threeQuarters));
                    processes.get(1).destroy(); // SIGTERM: a clean stop
                    processes.get(1).waitFor();
                    processes.set(1, RunningInstances.start(instances.get(1), kafka, registry.url(), http));
                    send(producer, lines.subList(threeQuarters, lines.size()));
                }
                List<Instance> alive = List.of(instances.get(1), instances.get(2));
                Map<String, Long> expected = history.totalsLongAfter();
                for (Instance instance : alive) {
                    assertThat(awaitTotals(http, instance, expected)).as("totals on instance at port " + instance.port()).isEqualTo(expected);
                }
            } finally {
                // Also when an assertion fails: an instance left running would load the machine for later tests.
                processes.forEach(Process::destroy);
                for (Process process : processes) {
                    process.waitFor();
                }
            }
        }
    }

    private static Map<String, Long> totals(RunningInstances.Http http, Instance instance) throws IOException, InterruptedException {
        HttpResponse<String> response = http.client().send(http.request(instance, "/api/contacts/metrics?granularity=year&queue=ALL")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Long> totals = new TreeMap<>();
        if (response.statusCode() != 200) {
            return totals;
        }
        for (JsonNode row : JSON.readTree(response.body()).path("rows")) {
            String channel = row.path("channel").asText();
            for (String figure : GeneratedHistory.FIGURES) {
                totals.merge(channel + " " + figure, row.path(figure).asLong(), Long::sum); // the history may span a new year
            }
        }
        return totals;
    }

    private static Map<String, Long> awaitTotals(RunningInstances.Http http, Instance instance, Map<String, Long> expected) throws Exception {
        return Await.until("the year totals on the instance at port " + instance.port(), Duration.ofMinutes(3),
                () -> totals(http, instance), expected::equals);
    }

    /** Between two batches sent while instance 0 is watched: long enough for a look at the broker's transactions. */
    private static final Duration BATCH_PAUSE = Duration.ofMillis(200);

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(EventProducer producer, List<String> lines) {
        lines.forEach(line -> producer.send(EventJson.parse(line)));
        producer.flush();
    }
}
