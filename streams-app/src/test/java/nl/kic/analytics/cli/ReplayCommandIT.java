package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The replay command line as the README shows it, and the exact CSV format of the README and docs/metrics.md. */
@ExtendWith(SharedBroker.class)
class ReplayCommandIT {

    @Test
    void replayWritesContactMetricsCsvInTheDocumentedFormat(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.write(input, List.of(
                "{\"kind\":\"contact\",\"eventId\":\"1\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T09:00:00Z\"}",
                "{\"kind\":\"contact\",\"eventId\":\"2\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"ANSWERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T10:00:30+01:00\",\"agentId\":\"a7\"}",
                "{\"kind\":\"contact\",\"eventId\":\"3\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"ENDED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T09:05:30Z\",\"agentId\":null}",
                "{\"kind\":\"contact\",\"eventId\":\"4\",\"contactId\":\"c2\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T09:05:00Z\"}",
                "{\"kind\":\"contact\",\"eventId\":\"5\",\"contactId\":\"c2\",\"channel\":\"CALL\",\"type\":\"ABANDONED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T09:05:03Z\"}",
                // Answered a second before it was offered: impossible, dead-lettered, not counted.
                "{\"kind\":\"contact\",\"eventId\":\"6\",\"contactId\":\"c2\",\"channel\":\"CALL\",\"type\":\"ANSWERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T09:04:59Z\"}"));
        Path out = dir.resolve("out");

        // Without a broker given, replay starts one of its own, as it does on an operator's machine.
        int exit = new CommandLine(new Main()).execute("replay", "--input", input.toString(), "--output", out.toString());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(out.resolve("contact_metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("channel,queue,granularity,interval_start,offered,answered,abandoned,short_abandoned,"
                + "rejected,open,lost,reachability,service_level,asa_seconds,wait_p50_seconds,wait_p90_seconds,max_wait_seconds,"
                + "avg_abandon_wait_seconds,aht_seconds");
        // 6 granularities x (asiel + ALL), all in one interval each.
        assertThat(lines).hasSize(1 + 12);
        String day = lines.stream().filter(l -> l.startsWith("CALL,asiel,day,")).findFirst().orElseThrow();
        String[] cells = day.split(",", -1);
        // offered 2, answered 1, abandoned 1 (short: 3 s), D = 2 - 0 - 1 + 0 = 1: reachability 1, service
        // level 0 (30 s > 20 s), ASA 30 s, longest wait 30 s, abandon wait 3 s, talk 300 s.
        assertThat(List.of(cells).subList(0, 14)).containsExactly("CALL", "asiel", "day", "2023-03-01T00:00+01:00",
                "2", "1", "1", "1", "0", "0", "0", "1.000000", "0.000000", "30.000");
        assertThat(Double.parseDouble(cells[14])).isCloseTo(30.0, withinPercentage(1));
        assertThat(List.of(cells).subList(16, 19)).containsExactly("30.000", "3.000", "300.000");
        assertThat(lines).anyMatch(l -> l.startsWith("CALL,ALL,15m,2023-03-01T10:00+01:00,2,1,1,1,"));
        assertThat(lines).anyMatch(l -> l.startsWith("CALL,ALL,week,2023-02-27T00:00+01:00,2,"));
        assertThat(Files.readAllLines(out.resolve("rejected.jsonl"))).isEmpty();
        List<String> deadLetters = Files.readAllLines(out.resolve("dead_letters.jsonl"));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0)).contains("\"reason\":\"impossible\"").contains("\"topic\":\"kic.contact-events.replay-");
    }

    @Test
    void asOfSetsTheClockSoThatAMistypedLatestEventDoesNotMakeTheRestImplausiblyOld(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.write(input, List.of(
                "{\"kind\":\"contact\",\"eventId\":\"1\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2013-03-01T09:00:00Z\"}",
                "{\"kind\":\"contact\",\"eventId\":\"2\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"ANSWERED\",\"queue\":\"asiel\",\"occurredAt\":\"2013-03-01T09:00:10Z\"}",
                // 2103 for 2013: more than the plausibility window after the rest.
                "{\"kind\":\"contact\",\"eventId\":\"3\",\"contactId\":\"c2\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2103-03-01T09:05:00Z\"}"));

        int exit = new CommandLine(new Main()).execute("replay", "--input", input.toString(), "--output", dir.resolve("out").toString(),
                "--as-of", "2013-03-01T12:00:00Z", "--bootstrap-server", kafka.bootstrapServers());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out/contact_metrics.csv"));
        assertThat(lines).anyMatch(l -> l.startsWith("CALL,asiel,day,2013-03-01T00:00+01:00,1,1,0,"));
        assertThat(lines).noneMatch(l -> l.contains(",2103-"));
        List<String> deadLetters = Files.readAllLines(dir.resolve("out/dead_letters.jsonl"));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0)).contains("\"reason\":\"future_time\"");
    }

    @Test
    void replayOnAnExternalBrokerUsesItsOwnTopicsAndRemovesThemAfterwards(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.write(input, List.of(
                "{\"kind\":\"contact\",\"eventId\":\"1\",\"contactId\":\"c1\",\"channel\":\"CHAT\",\"type\":\"OFFERED\",\"queue\":\"livechat\",\"occurredAt\":\"2023-03-01T09:00:00Z\"}",
                "{\"kind\":\"contact\",\"eventId\":\"2\",\"contactId\":\"c1\",\"channel\":\"CHAT\",\"type\":\"ANSWERED\",\"queue\":\"livechat\",\"occurredAt\":\"2023-03-01T09:00:45Z\"}"));
        try (Admin admin = kafka.admin()) {
            // The test's own topic names, which the replay's topics extend.
            int exit = new CommandLine(new Main()).execute("replay", "--input", input.toString(), "--output", dir.resolve("out").toString(),
                    "--config", TestKafka.settingsFile(kafka.config(), dir.resolve("replay.properties")).toString());
            assertThat(exit).isZero();
            // 45 s is within the chat target of 60 s.
            assertThat(Files.readAllLines(dir.resolve("out/contact_metrics.csv")))
                    .anyMatch(l -> l.startsWith("CHAT,livechat,day,2023-03-01T00:00+01:00,1,1,0,0,0,0,0,1.000000,1.000000,45.000,"));
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.contains(kafka.token()));
        }
    }
}
