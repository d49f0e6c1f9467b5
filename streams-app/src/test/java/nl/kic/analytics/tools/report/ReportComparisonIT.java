package nl.kic.analytics.tools.report;

import static nl.kic.analytics.tools.report.ReportFiles.command;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.observability.Programs;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.tools.replay.CsvRows;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report compares only with complete periods: March 2023 beside a March 2022 file that holds only
 * its last three days says so on page 1 and gives no figure of 2022 in its summary; beside a whole
 * March 2022 it gives them. A report of the incomplete month itself says what it lacks, and may not
 * be final. Simulated at 5% of the KiC's traffic.
 */
@ExtendWith(SharedBroker.class)
class ReportComparisonIT {
    @TempDir
    static Path dir;
    static Path march2023;
    static Path lastDaysOf2022;
    static Path march2022;
    static Path settings;

    @BeforeAll
    static void simulate(TestKafka kafka) throws Exception {
        march2023 = simulate(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 4, 1), "march-2023.jsonl");
        lastDaysOf2022 = simulate(LocalDate.of(2022, 3, 29), LocalDate.of(2022, 4, 1), "march-29-31-2022.jsonl");
        march2022 = simulate(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 4, 1), "march-2022.jsonl");
        // At 5% of the traffic a weekend day may pass without e-mail: e-mail is expected on working days here.
        Properties p = kafka.config().toProperties();
        p.setProperty("kic.report.expected-days.email", "working-days");
        settings = TestKafka.settingsFile(KicConfig.fromProperties(p), dir.resolve("report.properties"));
    }

    private static Path simulate(LocalDate from, LocalDate until, String name) throws IOException {
        Path file = dir.resolve(name);
        KicConfig config = KicConfig.defaults();
        try (Writer out = Files.newBufferedWriter(file)) {
            // Each run's ids carry its period, as simulate gives them, so that the files replay together.
            SimulationConfig simulation = SimulationConfig.kicDefaults(from.getYear()).scaled(0.05);
            simulation = simulation.withIdPrefix(SimulationConfig.runIdPrefix(simulation.seed(), from,
                    (int) ChronoUnit.DAYS.between(from, until)));
            new KicSimulator(simulation, config.calendar(), config.zone(), from, event -> {
                try {
                    out.write(EventJson.toJson(event, true));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).runDaysUntil(until);
        }
        return file;
    }

    @Test
    void anIncompleteComparisonMonthIsNamedOnPageOneAndLeftOutOfTheSummary() throws Exception {
        Path out = dir.resolve("with-three-days");
        ReportFiles.Command result = command("report", "--period", "2023-03", "--input", lastDaysOf2022.toString(), "--input",
                march2023.toString(), "--config", settings.toString(), "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        String page1 = pageOne(out);
        // March 2022 has 23 working days; the file covers Tuesday 29 to Thursday 31.
        assertThat(page1).contains("Maart 2022 is niet vergeleken, want de gegevens daarvan zijn onvolledig: "
                + "gegevens van 29 maart 2022 t/m 31 maart 2022 (3 van 23 verwachte dagen).");
        assertThat(page1).doesNotContain("In maart 2022 was").contains("onvolledig");
        assertThat(Files.readAllLines(out.resolve("report.csv"))).contains("coverage,days_with_data,2022-03,CALL,ALL,3,,",
                "coverage,days_expected,2022-03,CALL,ALL,23,,", "coverage,complete,2022-03,CALL,ALL,0,,", "coverage,complete,2023-03,CALL,ALL,1,,");
        // In the tables the incomplete month is shown only marked as such.
        var html = ReportFiles.xhtml(out.resolve("report.html"));
        assertThat(ReportFiles.tableRows(html, "call-queues")).anySatisfy(row -> assertThat(row.get(0))
                .isEqualTo("Alle wachtrijen, maart 2022 (onvolledig)"));
        assertThat(ReportFiles.tableRows(html, "key-figures")).anySatisfy(row -> assertThat(row.subList(0, 1)).containsExactly("Telefoon: bereikbaarheid"))
                .allSatisfy(row -> assertThat(row.get(5)).isIn("onvolledig", "geen gegevens", "—"));
    }

    @Test
    void aCompleteComparisonMonthIsInTheSummary() throws Exception {
        Path out = dir.resolve("with-whole-month");
        ReportFiles.Command result = command("report", "--period", "2023-03", "--input", march2022.toString(), "--input",
                march2023.toString(), "--config", settings.toString(), "--format", "pdf,csv", "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        Map<String, String> month2022 = CsvRows.read(out.resolve("replay/contact_metrics.csv")).stream()
                .filter(r -> r.get("channel").equals("CALL") && r.get("queue").equals("ALL") && r.get("granularity").equals("month")
                        && r.get("interval_start").startsWith("2022-03-01T")).findFirst().orElseThrow();
        assertThat(pageOne(out)).contains("In maart 2022 was de bereikbaarheid " + new ExpectedFormats(true).share(month2022.get("reachability")) + ".")
                .doesNotContain("niet vergeleken");
    }

    @Test
    void anIncompleteMonthSaysWhatItLacksAndCannotBeFinal() throws Exception {
        Path out = dir.resolve("march-2022");
        ReportFiles.Command result = command("report", "--period", "2022-03", "--input", lastDaysOf2022.toString(), "--config",
                settings.toString(), "--format", "pdf", "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(pageOne(out)).contains("Onvolledig: Telefoon over maart 2022: gegevens van 29 maart 2022 t/m 31 maart 2022 "
                + "(3 van 23 verwachte dagen). Deze cijfers gelden alleen voor de dagen met gegevens.")
                .contains("Tabel 1. Kerncijfers, maart 2022 (onvolledig voor telefoon, chat, e-mail)").contains("Status: voorlopig");

        Path refused = dir.resolve("march-2022-final");
        ReportFiles.Command finalReport = command("report", "--period", "2022-03", "--input", lastDaysOf2022.toString(), "--config",
                settings.toString(), "--final", "--output", refused.toString());
        assertThat(finalReport.exit()).isEqualTo(1);
        assertThat(finalReport.err()).contains("the report of 2022-03 cannot be final: call has data on 3 of 23 expected days")
                .contains("Nothing was written.");
        assertThat(refused).doesNotExist();
    }

    /** Page 1 of the PDF as pdftotext reads it, its lines joined. */
    private static String pageOne(Path out) throws Exception {
        Programs.Result text = Programs.run(out, Programs.require("pdftotext", "poppler-utils").toString(), "-f", "1", "-l", "1", "report.pdf", "-");
        assertThat(text.exitCode()).isZero();
        return String.join(" ", List.of(text.output().split("\\s+")));
    }
}
