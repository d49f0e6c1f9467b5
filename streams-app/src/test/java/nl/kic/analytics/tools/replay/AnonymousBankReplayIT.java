package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.observability.Programs;
import nl.kic.analytics.tools.report.ReportFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Real calls of February 1999 (the anonymous bank of ../shared/data) through {@code replay}: the
 * month's figures equal the statistics taken straight from the TSV. The events are made from the
 * TSV here, by this test's own reading of it: OFFERED at q_start, ANSWERED (outcome AGENT) or
 * ABANDONED (HANG) q_time seconds later, ENDED ser_time seconds after the answer; calls that never
 * queued (q_start 0:00:00) and PHANTOM records are left out. Times are Israel's local time. The
 * report of the month shows the same 18.058 offered, 14.095 answered and 3.963 abandoned calls.
 */
@ExtendWith(SharedBroker.class)
class AnonymousBankReplayIT {
    private static final Path TSV = Path.of("../../shared/data/anonymous-bank/anonymous_bank_1999_02.tsv");
    private static final ZoneId ISRAEL = ZoneId.of("Asia/Jerusalem");

    @Test
    void replayAndReportOfFebruary1999ShowTheStatisticsOfTheTsv(TestKafka kafka, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(TSV), "skipped: " + TSV.toAbsolutePath() + " is not there");
        Path events = dir.resolve("bank.jsonl");
        long[] expected = convert(TSV, events); // queued, answered, abandoned, summed wait of answered (s)
        // The figures published with the data set, as a check of this test's own reading of the TSV.
        assertThat(expected[0]).isEqualTo(18_058);
        assertThat(expected[1]).isEqualTo(14_095);
        assertThat(expected[2]).isEqualTo(3_963);
        assertThat((double) expected[3] / expected[1]).isCloseTo(78.6, within(0.05));

        Replay.Summary summary = Replay.run(List.of(events), dir.resolve("out"),
                kafka.config().withSchemaRegistryUrl("mock://bank-1999"), null);
        assertThat(summary.deadLetters()).isZero();
        Map<String, String> month = CsvRows.read(dir.resolve("out/contact_metrics.csv")).stream()
                .filter(r -> r.get("granularity").equals("month") && r.get("queue").equals("ALL"))
                .findFirst().orElseThrow();
        assertThat(month.get("interval_start")).isEqualTo("1999-02-01T00:00+01:00");
        assertThat(Long.parseLong(month.get("offered"))).isEqualTo(expected[0]);
        assertThat(Long.parseLong(month.get("answered"))).isEqualTo(expected[1]);
        assertThat(Long.parseLong(month.get("abandoned"))).isEqualTo(expected[2]);
        assertThat(Double.parseDouble(month.get("asa_seconds"))).isCloseTo((double) expected[3] / expected[1], within(0.05));

        // The report of the month, from the replay's output, in Dutch: the figures of the data set as published.
        Path report = dir.resolve("report");
        ReportFiles.Command result = ReportFiles.command("report", "--period", "1999-02", "--replay-output", dir.resolve("out").toString(),
                "--format", "html,md,pdf", "--output", report.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        Document html = ReportFiles.xhtml(report.resolve("report.html"));
        List<String> total = ReportFiles.tableRows(html, "call-parts").get(ReportFiles.tableRows(html, "call-parts").size() - 1);
        assertThat(total.subList(0, 4)).containsExactly("Totaal februari 1999", "18.058", "14.095", "3.963");
        assertThat(ReportFiles.tableRows(html, "call-queues")).extracting(row -> row.get(1)).contains("18.058");
        assertThat(Files.readString(report.resolve("report.md"))).contains("| Totaal februari 1999 | 18.058 | 14.095 | 3.963 |");
        String text = Files.readString(report.resolve("report.html"));
        assertThat(text).contains("Telefoon: in februari 1999 werden 18.058 gesprekken aangeboden, waarvan 14.095 beantwoord.");
        // No e-mail and no chat were supplied: "geen gegevens", never 0.
        assertThat(text).contains("E-mail: over februari 1999 zijn geen gegevens aangeleverd.")
                .contains("Chat: over februari 1999 zijn geen gegevens aangeleverd.");
        assertThat(ReportFiles.tableRows(html, "key-figures")).anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly("E-mail", "geen gegevens"))
                .anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly("Chat", "geen gegevens"));
        Programs.Result page1 = Programs.run(report, Programs.require("pdftotext", "poppler-utils").toString(), "-f", "1", "-l", "1", "report.pdf", "-");
        assertThat(page1.output().replaceAll("\\s+", " ")).contains("E-mail geen gegevens").contains("Chat geen gegevens")
                .doesNotContain("zijn geen e-mails ontvangen");
    }

    /** Writes the replay input and returns the statistics of the TSV: queued, answered, abandoned, summed wait of answered. */
    private static long[] convert(Path tsv, Path output) throws IOException {
        long[] counts = new long[4];
        List<String> lines = Files.readAllLines(tsv);
        try (Writer out = Files.newBufferedWriter(output)) {
            for (int n = 1; n < lines.size(); n++) {
                String[] f = lines.get(n).split("\t", -1);
                String outcome = f[12];
                if (f[9].equals("0:00:00") || outcome.equals("PHANTOM")) {
                    continue;
                }
                // Two-digit years of this data set are 19xx.
                LocalDate day = LocalDate.parse("19" + f[5], DateTimeFormatter.ofPattern("yyyyMMdd"));
                Instant queued = day.atTime(LocalTime.parse(f[9].length() == 7 ? "0" + f[9] : f[9])).atZone(ISRAEL).toInstant();
                long wait = Long.parseLong(f[11]);
                String id = "bank-" + f[1] + "-" + n;
                String queue = f[4];
                write(out, id, "1", "OFFERED", queue, queued);
                counts[0]++;
                if (outcome.equals("AGENT")) {
                    Instant answered = queued.plusSeconds(wait);
                    write(out, id, "2", "ANSWERED", queue, answered);
                    write(out, id, "3", "ENDED", queue, answered.plusSeconds(Long.parseLong(f[15])));
                    counts[1]++;
                    counts[3] += wait;
                } else {
                    write(out, id, "2", "ABANDONED", queue, queued.plusSeconds(wait));
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    private static void write(Writer out, String contactId, String seq, String type, String queue, Instant at) throws IOException {
        out.write("{\"kind\":\"contact\",\"eventId\":\"" + contactId + "-" + seq + "\",\"contactId\":\"" + contactId
                + "\",\"channel\":\"CALL\",\"type\":\"" + type + "\",\"queue\":\"" + queue + "\",\"occurredAt\":\"" + at + "\"}\n");
    }
}
