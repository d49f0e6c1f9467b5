package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} of a generated year of KiC e-mail (60,000 gross) on the shared broker; the
 * year rows of email_metrics.csv must equal an independent count of the input for every category.
 */
@ExtendWith(SharedBroker.class)
class EmailReplayIT {

    @Test
    void yearOfEmailMatchesTheIndependentCountForEveryCategory(TestKafka kafka, @TempDir Path dir) throws Exception {
        GeneratedEmailYear year = GeneratedEmailYear.generate(2022, 60_000);
        Path input = dir.resolve("emails.jsonl");
        year.write(input);

        Replay.Summary summary = Replay.run(List.of(input), dir.resolve("out"), kafka.config().withSchemaRegistryUrl("mock://email-it"), null);

        assertThat(summary.duplicatesDropped()).isEqualTo(year.duplicates);
        assertThat(summary.impossibleEvents()).isZero();
        List<Map<String, String>> rows = CsvRows.read(dir.resolve("out/email_metrics.csv"));
        assertThat(year.expected.get("ALL").gross).isEqualTo(60_000);
        for (Map.Entry<String, GeneratedEmailYear.Expected> entry : year.expected.entrySet()) {
            String category = entry.getKey();
            GeneratedEmailYear.Expected expected = entry.getValue();
            List<Map<String, String>> yearRows = rows.stream()
                    .filter(r -> r.get("granularity").equals("year") && r.get("category").equals(category)).toList();
            assertThat(yearRows).as(category).hasSize(1);
            Map<String, String> row = yearRows.get(0);
            assertThat(row.get("interval_start")).isEqualTo("2023-01-01T00:00+01:00");
            assertThat(Long.parseLong(row.get("received_gross"))).as(category + " gross").isEqualTo(expected.gross);
            assertThat(Long.parseLong(row.get("spam"))).as(category + " spam").isEqualTo(expected.spam);
            assertThat(Long.parseLong(row.get("received_net"))).as(category + " net").isEqualTo(expected.gross - expected.spam);
            assertThat(Long.parseLong(row.get("answered"))).as(category + " answered").isEqualTo(expected.answered);
            assertThat(Long.parseLong(row.get("closed_without_answer"))).as(category + " closed").isEqualTo(expected.closedWithoutAnswer);
            assertThat(Long.parseLong(row.get("open"))).as(category + " open").isEqualTo(expected.open);
            assertThat(Long.parseLong(row.get("acknowledged_on_time"))).as(category + " acknowledged").isEqualTo(expected.acknowledgedOnTime);
            assertThat(Long.parseLong(row.get("answered_on_time"))).as(category + " on time").isEqualTo(expected.answeredOnTime);
            assertThat(Long.parseLong(row.get("must_answer_violations"))).as(category + " violations").isEqualTo(expected.violations);
        }
        // The monthly rows of ALL add up to the year.
        long monthlyGross = rows.stream().filter(r -> r.get("granularity").equals("month") && r.get("category").equals("ALL"))
                .mapToLong(r -> Long.parseLong(r.get("received_gross"))).sum();
        assertThat(monthlyGross).isEqualTo(60_000);
    }
}
