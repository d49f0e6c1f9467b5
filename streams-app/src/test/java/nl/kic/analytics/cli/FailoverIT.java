package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances.Instance;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.InMemorySchemaRegistry;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.SchemaRegistryServer;
import nl.kic.analytics.tools.replay.GeneratedHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survivor answers complete figures or none: three instances (one standby replica each) have
 * processed all input; one is killed with SIGKILL while another is asked for the daily figures every
 * 100 ms through the rebalance and the restore. Every 200 equals the answer from before the kill,
 * which equals an independent count of the input, /metrics exports the whole figures or none, and
 * complete answers are back within 10 s.
 */
@ExtendWith(SharedBroker.class)
class FailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAILY = "/api/contacts/metrics?granularity=day&queue=ALL";

    /**
     * One answer of the survivor: when (ms after the kill), its status, its rows when 200, and, when a
     * standby answered, how far behind it was (records; -1 when none answered).
     */
    private record Answer(long millisAfterKill, int status, JsonNode rows, long staleByRecords) {
        boolean stale() {
            return staleByRecords >= 0;
        }
    }

    /** The survivor's answers through a kill, and its answer from before. */
    private record Failover(JsonNode before, List<Answer> answers) {
        long lastRefusal() {
            return answers.stream().filter(a -> a.status() != 200).mapToLong(Answer::millisAfterKill).max().orElse(0);
        }

        /** Every answer not marked stale is the whole figures, or 503; the last ones are whole again. */
        void assertCompleteOrRetryLater() {
            List<String> partial = answers.stream().filter(a -> a.status() == 200 && !a.stale() && !a.rows().equals(before))
                    .map(a -> a.millisAfterKill() + " ms after the kill: " + totals(a.rows())).toList();
            assertThat(partial).as("answers 200 that differ from the figures before the kill, " + totals(before)).isEmpty();
            assertThat(answers).as("answers other than 200 (complete) or 503 (retry later)")
                    .allMatch(a -> a.status() == 200 || a.status() == 503);
            assertThat(answers.get(answers.size() - 1).status()).isEqualTo(200);
        }
    }

    @Test
    void aSurvivorAnswersTheWholeFiguresOrRetryLaterAfterAKill(TestKafka kafka, @TempDir Path dir) throws Exception {
        Failover failover = killAndAsk(kafka, dir, Map.of(), "active-only");
        failover.assertCompleteOrRetryLater();
        assertThat(failover.answers()).as("answers read from a standby").noneMatch(Answer::stale);
        assertThat(failover.lastRefusal()).as("ms after the kill of the last answer that was not a complete 200").isLessThan(10_000);
    }

    @Test
    void whereStandbysMayAnswerTheyFillTheGapAndTheAnswersSaySo(TestKafka kafka, @TempDir Path dir) throws Exception {
        Failover failover = killAndAsk(kafka, dir, Map.of("KIC_QUERY_STANDBY_MAX_LAG_RECORDS", "1000"), "standbys");
        failover.assertCompleteOrRetryLater();
        // Until the group notices the kill, the killed instance's partitions are read from their standbys.
        // Such an answer may lack up to 1,000 changelog records of a partition (a replica assigned
        // moments ago may be that far behind, or hold nothing of a small store): it says so.
        assertThat(failover.answers()).as("answers read from a standby").anyMatch(a -> a.status() == 200 && a.stale());
        assertThat(failover.answers()).as("answers from a standby further behind than allowed")
                .noneMatch(a -> a.staleByRecords() > 1000);
    }

    private static Failover killAndAsk(TestKafka kafka, Path dir, Map<String, String> settings, String name) throws Exception {
        GeneratedHistory history = GeneratedHistory.generate(11, 6_000, LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusDays(20), 10);
        // The registry that bench --failover serves its instances (run refuses the in-memory one).
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0)) {
            KicConfig config = kafka.config().withSchemaRegistryUrl(registry.url());
            Topics.create(config.kafkaClientProperties(), List.of(config.contactEventsTopic(), config.emailEventsTopic(),
                    config.agentEventsTopic(), config.deadLetterTopic()), 6, 1);
            RunningInstances.Http http = RunningInstances.Http.plain();
            List<Instance> instances = RunningInstances.instances(dir, 3);
            List<Process> processes = new ArrayList<>();
            try {
                for (Instance instance : instances) {
                    processes.add(RunningInstances.start(instance, kafka, registry.url(), http, settings));
                }
                for (Instance instance : instances) {
                    RunningInstances.awaitRunning(instance, http);
                }
                try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(registry.url()))) {
                    history.lines.forEach(line -> producer.send(EventJson.parse(line)));
                    producer.flush();
                }
                Instance survivor = instances.get(1);
                Map<String, Long> expected = history.totalsLongAfter();
                JsonNode before = Await.until("the daily figures of all input on the survivor", Duration.ofMinutes(3),
                        () -> ask(http, survivor, 0).rows(), rows -> rows != null && totals(rows).equals(expected));

                // The exporting instance may still be taking its partitions (a last rebalance, a restore) and say
                // kic_figures_complete 0: asked until one exports the whole figures.
                List<String> figuresBefore = Await.until("an instance exporting the whole figures (kic_figures_complete 1.0)",
                        Duration.ofSeconds(60), () -> {
                            for (Instance instance : instances) {
                                String metrics = scrape(http, instance);
                                if (metrics.contains("kic_figures_complete 1.0")) {
                                    return figureSeries(metrics);
                                }
                            }
                            return null;
                        }, series -> series != null);
                assertThat(figuresBefore).as("the figure series of the instance that exports them").contains("kic_metrics_queues_left_out");

                List<Answer> answers = new ArrayList<>();
                List<String> scrapes = new ArrayList<>();
                LocalTime killedAt = LocalTime.now();
                long kill = System.nanoTime();
                processes.get(0).destroyForcibly(); // SIGKILL: the instance neither leaves the group nor closes its stores
                while (System.nanoTime() - kill < Duration.ofSeconds(20).toNanos()) {
                    answers.add(ask(http, survivor, kill));
                    if (answers.size() % 5 == 0) {
                        scrapes.add(scrape(http, instances.get(1)));
                        scrapes.add(scrape(http, instances.get(2)));
                    }
                    Thread.sleep(100);
                }
                // /metrics too exports the whole figures or none, saying which in kic_figures_complete; by the
                // end one survivor exports them whole again.
                assertThat(scrapes.subList(scrapes.size() - 2, scrapes.size())).as("the last scrapes of the survivors")
                        .anyMatch(metrics -> metrics.contains("kic_figures_complete 1.0"));
                for (String metrics : scrapes) {
                    if (metrics.contains("kic_figures_complete 0.0")) {
                        assertThat(figureSeries(metrics)).as("figure series while they cannot be complete").isEmpty();
                        // The opening hours come from the calendar: the alerts they gate keep working.
                        assertThat(metrics).contains("kic_contact_centre_open");
                    } else if (metrics.contains("kic_figures_complete 1.0")) {
                        assertThat(figureSeries(metrics)).as("figure series said to be complete").isEqualTo(figuresBefore);
                    }
                }

                Failover failover = new Failover(before, answers);
                System.out.printf("FailoverIT (%s): killed at %s; %d answers in 20 s after the kill, %d not 200, %d from a standby, "
                        + "the last refusal %d ms after the kill%n", name, killedAt, answers.size(),
                        answers.stream().filter(a -> a.status() != 200).count(), answers.stream().filter(Answer::stale).count(),
                        failover.lastRefusal());
                return failover;
            } finally {
                processes.forEach(Process::destroy);
                for (Process process : processes) {
                    process.waitFor();
                }
                // The instances' logs outlive the temporary directory, to read when the test fails.
                Path logs = Files.createDirectories(Path.of("target", "failover-it", name));
                for (Instance instance : instances) {
                    Files.copy(instance.log(), logs.resolve(instance.log().getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String scrape(RunningInstances.Http http, Instance instance) throws Exception {
        return http.client().send(http.request(instance, "/metrics").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The figure series (name and labels, without the value, which for the age of the newest event
     * changes by itself): contacts, e-mail, agents, the feed and the queues left out. The
     * history ended days ago, so of today and this month there are only the series without data.
     */
    private static List<String> figureSeries(String metrics) {
        return metrics.lines().filter(line -> line.matches("kic_(contacts|email|agents|feed|metrics_queues_left_out).*"))
                .map(line -> line.substring(0, line.lastIndexOf(' '))).sorted().toList();
    }

    private static Answer ask(RunningInstances.Http http, Instance instance, long kill) throws Exception {
        // Longer than an instance waits for another (10 s): a slow answer is recorded, not a failure of the test.
        HttpResponse<String> response = http.client().send(http.request(instance, DAILY).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        long after = (System.nanoTime() - kill) / 1_000_000;
        if (response.statusCode() != 200) {
            return new Answer(after, response.statusCode(), null, -1);
        }
        JsonNode body = JSON.readTree(response.body());
        return new Answer(after, 200, body.path("rows"), body.has("staleness") ? body.path("staleness").path("maxLagRecords").asLong() : -1);
    }

    /** The figures per channel, summed over the days. */
    private static Map<String, Long> totals(JsonNode rows) {
        Map<String, Long> totals = new TreeMap<>();
        for (JsonNode row : rows) {
            for (String figure : GeneratedHistory.FIGURES) {
                totals.merge(row.path("channel").asText() + " " + figure, row.path(figure).asLong(), Long::sum);
            }
        }
        return totals;
    }

}
