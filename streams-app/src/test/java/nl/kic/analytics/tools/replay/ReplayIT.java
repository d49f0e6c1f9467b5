package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} end to end on the shared broker (KRaft, in-process): a generated history of more than
 * 100,000 events (with duplicates and disorder, across the spring DST change) goes in, and the
 * totals of contact_metrics.csv must equal an independent count of the generated contacts.
 */
@ExtendWith(SharedBroker.class)
public class ReplayIT {
    @TempDir
    static Path dir;
    static GeneratedHistory history;
    static Replay.Summary summary;
    static List<Map<String, String>> rows;

    @BeforeAll
    static void replay(TestKafka kafka) throws Exception {
        history = GeneratedHistory.generate(42, 40_000, LocalDate.of(2023, 3, 13), 28);
        assertThat(history.events).isGreaterThanOrEqualTo(100_000);
        Path input = dir.resolve("events.jsonl");
        history.write(input);
        Files.writeString(input, "{\"kind\":\"contact\",\"eventId\":\"broken\"}\nnot json at all\n"
                + "{\"kind\":\"email\",\"eventId\":\"m1\",\"emailId\":\"m1\",\"occurredAt\":\"2023-03-13T10:00:00Z\",\"type\":\"RECEIVED\"}\n",
                StandardOpenOption.APPEND);
        summary = Replay.run(List.of(input), dir.resolve("out"), kafka.config().withSchemaRegistryUrl("mock://replay-it"), null);
        rows = CsvRows.read(dir.resolve("out/contact_metrics.csv"));
    }

    private static List<Map<String, String>> rows(String granularity, String channel, String queue) {
        return rows.stream().filter(r -> r.get("granularity").equals(granularity) && r.get("channel").equals(channel)
                && r.get("queue").equals(queue)).toList();
    }

    private static long sum(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
    }

    @Test
    void yearTotalsEqualTheIndependentCountPerChannelAndQueue() {
        for (String key : history.totals.keySet()) {
            String channel = key.substring(0, key.indexOf('|'));
            String queue = key.substring(key.indexOf('|') + 1);
            GeneratedHistory.Totals expected = history.totals.get(key);
            List<Map<String, String>> year = rows("year", channel, queue);
            assertThat(year).as(key).hasSize(1);
            Map<String, String> row = year.get(0);
            assertThat(Long.parseLong(row.get("offered"))).as(key + " offered").isEqualTo(expected.offered);
            assertThat(Long.parseLong(row.get("answered"))).as(key + " answered").isEqualTo(expected.answered);
            assertThat(Long.parseLong(row.get("abandoned"))).as(key + " abandoned").isEqualTo(expected.abandoned);
            assertThat(Long.parseLong(row.get("short_abandoned"))).as(key + " short").isEqualTo(expected.shortAbandoned);
            assertThat(Long.parseLong(row.get("rejected"))).as(key + " rejected").isEqualTo(expected.rejected);
            assertThat(Long.parseLong(row.get("lost"))).as(key + " lost").isEqualTo(expected.lost);
            assertThat(Long.parseLong(row.get("open"))).as(key + " open").isEqualTo(expected.noOutcome - expected.lost);
            long denominator = expected.offered - (expected.noOutcome - expected.lost) - expected.shortAbandoned + expected.rejected;
            assertThat(Double.parseDouble(row.get("reachability"))).as(key + " reachability")
                    .isCloseTo((double) expected.answered / denominator, within(1e-6));
            assertThat(Double.parseDouble(row.get("asa_seconds"))).as(key + " ASA")
                    .isCloseTo(expected.answeredWaitMillis / 1000.0 / expected.answered, within(0.001));
            List<Long> sorted = expected.answeredWaits.stream().sorted().toList();
            long p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
            assertThat(Double.parseDouble(row.get("wait_p90_seconds"))).as(key + " p90").isCloseTo(p90 / 1000.0, withinPercentage(1));
        }
    }

    @Test
    void finerIntervalsAddUpToTheYear() {
        for (String channel : List.of("CALL", "CHAT")) {
            long yearOffered = sum(rows("year", channel, "ALL"), "offered");
            for (String granularity : List.of("15m", "hour", "day", "week", "month")) {
                assertThat(sum(rows(granularity, channel, "ALL"), "offered")).as(channel + " " + granularity).isEqualTo(yearOffered);
                assertThat(sum(rows(granularity, channel, "ALL"), "answered")).isEqualTo(sum(rows("year", channel, "ALL"), "answered"));
            }
        }
        // 13 March to 9 April 2023 has four ISO weeks; 26 March is the 23-hour day.
        assertThat(rows("week", "CALL", "ALL")).hasSize(4);
        assertThat(rows("day", "CALL", "ALL")).hasSize(20);
        assertThat(rows.stream().anyMatch(r -> r.get("interval_start").equals("2023-03-27T00:00+02:00") && r.get("granularity").equals("week"))).isTrue();
    }

    @Test
    void reportsDuplicatesUnreadableLinesAndSkippedKinds() throws IOException {
        assertThat(summary.duplicatesDropped()).isEqualTo(history.duplicates);
        assertThat(summary.impossibleEvents()).isZero();
        assertThat(summary.tooLateEvents()).isZero();
        assertThat(summary.emailEvents()).isEqualTo(1);
        assertThat(summary.clock()).isEqualTo(history.clock);
        List<String> rejected = Files.readAllLines(dir.resolve("out/rejected.jsonl"));
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0)).contains("\"line\":" + (history.lines.size() + 1)).contains("missing field 'contactId'");
        assertThat(rejected.get(1)).contains("\"line\":" + (history.lines.size() + 2)).contains("not valid JSON");
    }
}
