package nl.kic.analytics.tools.report;

import static nl.kic.analytics.tools.report.ReportFiles.command;
import static nl.kic.analytics.tools.report.ReportFiles.headers;
import static nl.kic.analytics.tools.report.ReportFiles.markdownTables;
import static nl.kic.analytics.tools.report.ReportFiles.tableRows;
import static nl.kic.analytics.tools.report.ReportFiles.xhtml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.callers.CallerSuppression;
import nl.kic.analytics.domain.callers.ReasonSuppression;
import nl.kic.analytics.observability.Programs;
import nl.kic.analytics.tools.replay.ContactMetricsCsv;
import nl.kic.analytics.tools.replay.EmailMetricsCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The section "Bellers en herhaalcontact" of a year report, made from a replay output written here by
 * hand: caller and reason rows with hidden (empty) cells as a replay writes them, and the shares,
 * cells, bars and marks the report must show worked out by hand below. A replay output without the
 * caller files, and one whose rows hold only withheld numbers, say in one sentence that there are
 * no caller figures.
 */
class CallerSectionReportTest {
    /** The pages of the year's PDF and its section, as PNG, for a person to look at. */
    private static final Path PAGES = Path.of("target/report-pages");
    private static final String CURRENT_BAR = "#154273";

    @TempDir
    static Path dir;
    static Path report;

    private static final String CALLERS = String.join(",", CallerSuppression.COLUMNS) + "\n"
            // January: 200 callers; 150 reached (75,0%), 100 at the first attempt (50,0%), 120 within a working day (60,0%),
            // 50 never (25,0%); 30 of the 150 reached called again within 7 days (20,0%).
            + "CALL,ALL,month,2024-01-01T00:00+01:00,200,150,100,120,0,50,420,90,60,30,10,10,0,30,17,false,true,true,\n"
            // February: 120 callers; 96 (80,0%), 60 (50,0%), 84 (70,0%), 24 (20,0%); the repeat count hidden, so its share too.
            + "CALL,ALL,month,2024-02-01T00:00+01:00,120,96,60,84,0,24,250,70,30,,,10,0,,3,false,true,true,attempts_3;attempts_4;repeat_after_answer\n"
            // March: a handful of callers, hidden, and every share with them; not final.
            + "CALL,ALL,month,2024-03-01T00:00+01:00,,,,,0,,,,0,0,0,0,0,0,4,false,false,false,"
            + "callers;reached;reached_first_attempt;reached_within_1_working_day;never_reached;attempts;attempts_1\n"
            // The year, the sum of its months: the buckets 2 (60+30+0 = 90), 5–9 (10+10+0 = 20) and 10+ (0) shown; 24 withheld (17+3+4).
            + "CALL,ALL,year,2024-01-01T00:00+01:00,,,,,0,,,,90,,,20,0,,24,true,false,true,"
            + "callers;reached;reached_first_attempt;reached_within_1_working_day;never_reached;attempts;attempts_1;attempts_3;attempts_4;repeat_after_answer\n"
            // Two queues over the year. Algemeen's 4 at the first attempt is a small count a source left visible: the report hides it.
            + "CALL,Algemeen,year,2024-01-01T00:00+01:00,180,140,4,100,0,40,300,100,40,20,10,10,0,21,10,true,false,true,\n"
            + "CALL,Verblijf,year,2024-01-01T00:00+01:00,150,110,90,95,0,40,260,80,40,15,10,5,0,14,14,true,false,true,\n"
            // Rows the section must leave alone: a queue's month, a day, chat, and a month before the year.
            + "CALL,Algemeen,month,2024-01-01T00:00+01:00,100,80,60,70,0,20,200,50,30,10,10,0,0,10,5,false,true,true,\n"
            + "CALL,ALL,day,2024-01-02T00:00+01:00,50,40,30,35,0,10,80,30,10,10,0,0,0,10,2,false,true,true,\n"
            + "CHAT,ALL,month,2024-01-01T00:00+01:00,999,900,800,850,0,99,1500,500,300,100,50,49,0,10,0,false,true,true,\n"
            + "CALL,ALL,month,2023-12-01T00:00+01:00,777,700,600,650,0,77,1500,400,200,100,50,27,0,10,0,false,true,true,\n";

    private static final String REASONS = String.join(",", ReasonSuppression.COLUMNS) + "\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Naturalisatie,250,200,0.200000,30,0.157895,301.000,\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Verlenging verblijfsvergunning,400,300,0.300000,45,0.160714,280.500,\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Gezinshereniging,180,150,0.150000,,,250.000,repeat_after_answer;repeat_after_answer_rate\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Status aanvraag,120,100,0.100000,0,0.000000,200.000,\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Adreswijziging,60,50,0.050000,12,0.250000,180.000,\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Klacht,40,30,0.030000,10,0.333333,400.000,\n"
            + "CALL,ALL,year,2024-01-01T00:00+01:00,Overig,,,,,,,contacts;answered;answered_share;repeat_after_answer;repeat_after_answer_rate;aht_seconds\n"
            // Not the year of ALL telephone: a month, a queue, chat.
            + "CALL,ALL,month,2024-01-01T00:00+01:00,Naturalisatie,5000,4000,0.500000,100,0.025000,300.000,\n"
            + "CALL,Algemeen,year,2024-01-01T00:00+01:00,Bezwaar,9000,8000,0.900000,100,0.012500,300.000,\n"
            + "CHAT,ALL,year,2024-01-01T00:00+01:00,Chatvraag,8000,7000,0.900000,100,0.014286,300.000,\n";

    @BeforeAll
    static void reportAYearFromAReplayOutputWithCallerFigures() throws Exception {
        Path replay = replayOutput(dir.resolve("replay"));
        Files.writeString(replay.resolve("caller_metrics.csv"), CALLERS);
        Files.writeString(replay.resolve("reason_metrics.csv"), REASONS);
        report = dir.resolve("report");
        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--output", report.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        Files.createDirectories(PAGES);
        Files.copy(report.resolve("report.pdf"), PAGES.resolve("callers-2024.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(report.resolve("report.html"), PAGES.resolve("callers-2024.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A replay output of an earlier version, with no caller files: a summary, a day of telephone in January 2024, no e-mail. */
    private static Path replayOutput(Path replay) throws Exception {
        Files.createDirectories(replay);
        Files.writeString(replay.resolve("replay_summary.json"), """
                {"version": "0.9", "clock": "2024-04-02T17:00:00Z", "clockWarning": null,
                 "inputs": [{"file": "events.jsonl", "bytes": 99, "sha256": "00"}],
                 "counts": {"contactEvents": 10, "emailEvents": 0, "agentEvents": 0, "unreadableLines": 0,
                            "duplicatesDropped": 0, "impossibleEvents": 0, "tooLateEvents": 0, "deadLetters": 0,
                            "contactRows": 3, "emailRows": 0},
                 "deadLettersByReason": {}, "settings": {"kic.zone": "Europe/Amsterdam"}, "elapsedMillis": 5}
                """);
        String contact = "CALL,ALL,%s,%s,100,80,15,3,2,0,0,0.800000,0.700000,30.000,20.000,60.000,120.000,45.000,300.000\n";
        Files.writeString(replay.resolve("contact_metrics.csv"), ContactMetricsCsv.HEADER + "\n"
                + contact.formatted("day", "2024-01-02T00:00+01:00") + contact.formatted("month", "2024-01-01T00:00+01:00")
                + contact.formatted("year", "2024-01-01T00:00+01:00"));
        Files.writeString(replay.resolve("email_metrics.csv"), EmailMetricsCsv.HEADER + "\n");
        return replay;
    }

    @Test
    void theMonthTableShowsEachMonthsSharesOfTheShownCountsAndADashWhereACountIsHidden() throws Exception {
        Document html = xhtml(report.resolve("report.html"));

        assertThat(headers(html, "caller-months")).containsExactly("Maand", "Bellers", "Bereikt", "Bereikt bij eerste poging", "Bereikt binnen één werkdag",
                "Nooit bereikt", "Herhaalcontact binnen 7 dagen", "Contacten zonder nummer");
        assertThat(tableRows(html, "caller-months")).containsExactly(
                List.of("Januari", "200", "75,0%", "50,0%", "60,0%", "25,0%", "20,0%", "17"),
                List.of("Februari", "120", "80,0%", "50,0%", "70,0%", "20,0%", "—", "3"),
                List.of("Maart", "—", "—", "—", "—", "—", "—", "4"),
                List.of("2024 (som van de maanden)", "—", "—", "—", "—", "—", "—", "24"));
    }

    @Test
    void theQueueTableHidesASmallCountASourceLeftVisibleAndEveryShareMadeOfIt() throws Exception {
        Document html = xhtml(report.resolve("report.html"));

        assertThat(tableRows(html, "caller-queues")).containsExactly(
                // 140/180, 100/180, 40/180, 21/140
                List.of("Algemeen", "180", "77,8%", "—", "55,6%", "22,2%", "15,0%", "10"),
                // 110/150, 90/150, 95/150, 40/150, 14/110
                List.of("Verblijf", "150", "73,3%", "60,0%", "63,3%", "26,7%", "12,7%", "14"),
                List.of("Alle wachtrijen", "—", "—", "—", "—", "—", "—", "24"));
    }

    @Test
    void theAttemptsChartDrawsTheShownBucketsAndMarksTheHiddenOnesWithoutABar() throws Exception {
        Document html = xhtml(report.resolve("report.html"));
        Element figure = element(html, "figure", "caller-attempts-chart");
        List<Element> bars = new ArrayList<>();
        NodeList rects = figure.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (CURRENT_BAR.equals(rect.getAttribute("stroke"))) { // the legend's swatch has no stroke
                bars.add(rect);
            }
        }
        List<Element> marks = new ArrayList<>();
        NodeList texts = figure.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            if (text.getAttribute("class").equals("hidden-part")) {
                marks.add(text);
            }
        }
        bars.sort(Comparator.comparingDouble(b -> attribute(b, "x")));
        // Buckets 2, 5–9 and 10+ are shown: 90, 20 and 0 (a bar of no height, as 0 is a figure).
        assertThat(bars).hasSize(3);
        assertThat(attribute(bars.get(0), "height") / attribute(bars.get(1), "height")).isCloseTo(90.0 / 20.0, within(0.05));
        assertThat(attribute(bars.get(2), "height")).isZero();
        // Buckets 1, 3 and 4 are hidden: a mark each in the plot, and one in the legend that names it.
        assertThat(figure.getTextContent()).contains("niet getoond (privacy)");
        List<Double> plotMarks = marks.stream().map(m -> attribute(m, "x")).sorted().toList().subList(1, marks.size());
        assertThat(marks).hasSize(4);
        double bar2 = attribute(bars.get(0), "x");
        double bar5to9 = attribute(bars.get(1), "x");
        assertThat(plotMarks.get(0)).isLessThan(bar2);
        assertThat(plotMarks.subList(1, 3)).allMatch(x -> x > bar2 && x < bar5to9);
        assertThat(figure.getTextContent()).contains("1 keer: niet getoond; 2 keer: 90; 3 keer: niet getoond; 4 keer: niet getoond; 5–9 keer: 20; 10+ keer: 0");
    }

    @Test
    void theAttemptsTableGivesTheChartsFiguresPerMonth() throws Exception {
        Document html = xhtml(report.resolve("report.html"));

        assertThat(headers(html, "caller-attempts")).containsExactly("Maand", "1 keer", "2 keer", "3 keer", "4 keer", "5–9 keer", "10+ keer",
                "Bellers", "Pogingen");
        assertThat(tableRows(html, "caller-attempts")).containsExactly(
                List.of("Januari", "90", "60", "30", "10", "10", "0", "200", "420"),
                List.of("Februari", "70", "30", "—", "—", "10", "0", "120", "250"),
                List.of("Maart", "—", "0", "0", "0", "0", "0", "—", "—"),
                List.of("2024 (som van de maanden)", "—", "90", "—", "—", "20", "0", "—", "—"));
    }

    @Test
    void theTopFiveReasonsOfTheYearStandByContactsWithTheirRepeatRates() throws Exception {
        Document html = xhtml(report.resolve("report.html"));

        assertThat(headers(html, "caller-reasons")).containsExactly("Reden", "Contacten", "Beantwoord", "Aandeel van alle beantwoorde",
                "Met herhaalcontact binnen 7 dagen", "Herhaalpercentage");
        assertThat(tableRows(html, "caller-reasons")).containsExactly(
                List.of("Verlenging verblijfsvergunning", "400", "300", "30,0%", "45", "16,1%"),
                List.of("Naturalisatie", "250", "200", "20,0%", "30", "15,8%"),
                List.of("Gezinshereniging", "180", "150", "15,0%", "—", "—"),
                List.of("Status aanvraag", "120", "100", "10,0%", "0", "0,0%"),
                List.of("Adreswijziging", "60", "50", "5,0%", "12", "25,0%"));
    }

    @Test
    void theSectionExplainsACallerTheWithheldNumbersTheDashAndTheMonthStillOpen() throws Exception {
        String html = Files.readString(report.resolve("report.html"));

        assertThat(html).contains("<h2 id=\"callers-heading\">3. Bellers en herhaalcontact</h2>")
                .contains("Wie in twee maanden belt, telt in elke maand één keer")
                .contains("Van een afgeschermd nummer kwamen in 2024 nog 24 contacten.")
                .contains("—: niet getoond om de privacy te beschermen. Aantallen van 1 tot en met 9 personen worden niet getoond")
                .contains("De cijfers van maart kunnen nog veranderen")
                .contains("De 5 redenen met de meeste contacten in 2024 (van de 7 redenen)")
                // Telephone has data on one day of 2024: every title of the section says the year is incomplete.
                .contains("Telefoon: bellers per maand, 2024 (onvolledig)</caption>")
                .contains("Telefoon: de 5 redenen met de meeste contacten, 2024 (onvolledig)</caption>");
    }

    @Test
    void markdownAndPdfCarryTheSameSection() throws Exception {
        Map<String, List<List<String>>> tables = markdownTables(Files.readAllLines(report.resolve("report.md")));
        List<List<String>> months = tables.entrySet().stream().filter(e -> e.getKey().contains("Telefoon: bellers per maand, 2024"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(months.get(3)).containsExactly("Maart", "—", "—", "—", "—", "—", "—", "4");
        assertThat(Files.readString(report.resolve("report.md"))).contains("## 3. Bellers en herhaalcontact")
                .contains("1 keer: niet getoond; 2 keer: 90");

        Path pdftotext = Programs.require("pdftotext", "poppler-utils");
        Programs.Result text = Programs.run(report, pdftotext.toString(), "report.pdf", "-");
        assertThat(text.exitCode()).isZero();
        assertThat(text.output().replaceAll("\\s+", " ")).contains("3. Bellers en herhaalcontact").contains("Telefoon: bellers per maand, 2024")
                .contains("Verlenging verblijfsvergunning 400 300 30,0% 45 16,1%");
    }

    @Test
    void noCountOfOneToNinePeopleLeavesInTheSectionOrTheCsv() throws Exception {
        Document html = xhtml(report.resolve("report.html"));
        for (String id : List.of("caller-months", "caller-queues", "caller-attempts", "caller-reasons")) {
            for (List<String> row : tableRows(html, id)) {
                // The last column of the month and queue tables counts contacts of withheld numbers, not people.
                int people = id.equals("caller-months") || id.equals("caller-queues") ? row.size() - 1 : row.size();
                for (String cell : row.subList(1, people)) {
                    assertThat(cell).as(id + " " + row).doesNotMatch("[1-9]");
                }
            }
        }
        List<String> csv = Files.readAllLines(report.resolve("report.csv"));
        assertThat(csv).contains("callers,reached_share,2024-01,CALL,ALL,0.750000,,", "callers,callers,2024-03,CALL,ALL,,,",
                "callers,repeat_after_answer_share,2024-02,CALL,ALL,,,", "reasons,repeat_after_answer_rate,2024,CALL,Gezinshereniging,,,",
                "reasons,contacts,2024,CALL,Adreswijziging,60,,");
        assertThat(csv.stream().filter(l -> l.startsWith("callers,callers,") || l.startsWith("reasons,contacts,")))
                .noneMatch(l -> l.matches(".*,[1-9],,$"));
    }

    @Test
    void aReplayWithoutCallerFilesSaysSoInOneSentenceNeverWithZeros() throws Exception {
        Path replay = replayOutput(dir.resolve("old-replay"));
        Path out = dir.resolve("old-report");

        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--format", "html,md",
                "--output", out.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertNoCallerFigures(out);
    }

    @Test
    void rowsOfWithheldNumbersOnlyAreNoCallerFigures() throws Exception {
        Path replay = replayOutput(dir.resolve("withheld-replay"));
        Files.writeString(replay.resolve("caller_metrics.csv"), String.join(",", CallerSuppression.COLUMNS) + "\n"
                + "CALL,ALL,month,2024-01-01T00:00+01:00,0,0,0,0,0,0,0,0,0,0,0,0,0,0,12,false,true,false,\n"
                + "CALL,ALL,year,2024-01-01T00:00+01:00,0,0,0,0,0,0,0,0,0,0,0,0,0,0,12,true,false,false,\n");
        Files.writeString(replay.resolve("reason_metrics.csv"), String.join(",", ReasonSuppression.COLUMNS) + "\n");
        Path out = dir.resolve("withheld-report");

        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--format", "html,md",
                "--output", out.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertNoCallerFigures(out);
    }

    @Test
    void aMonthOfTheYearWithoutCallerRowsIsNamedNeverShownAsZero() throws Exception {
        Path replay = replayOutput(dir.resolve("gap-replay"));
        Files.writeString(replay.resolve("caller_metrics.csv"), String.join(",", CallerSuppression.COLUMNS) + "\n"
                + "CALL,ALL,month,2024-01-01T00:00+01:00,200,150,100,120,0,50,420,90,60,30,10,10,0,30,17,false,true,true,\n"
                + "CALL,ALL,month,2024-03-01T00:00+01:00,120,96,60,84,0,24,250,70,30,10,0,10,0,20,3,false,true,true,\n");
        Path out = dir.resolve("gap-report");

        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--format", "html",
                "--output", out.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        // The clock is 2 April 2024: February lacks its row, and April, begun, has none; May to December have not begun.
        assertThat(Files.readString(out.resolve("report.html"))).contains("<p>Over februari, april 2024 zijn geen gegevens over bellers aangeleverd;")
                // No count of these rows is hidden, so no dash needs explaining.
                .doesNotContain("niet getoond");
        assertThat(tableRows(xhtml(out.resolve("report.html")), "caller-months")).extracting(row -> row.get(0))
                .containsExactly("Januari", "Maart");
    }

    private static void assertNoCallerFigures(Path out) throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        String section = html.substring(html.indexOf("<section id=\"callers\""), html.indexOf("<section id=\"email\""));
        assertThat(section).contains("<p>Over deze periode zijn geen gegevens over bellers aangeleverd.</p>")
                .contains("<p>Over 2024 zijn geen redenen van contact aangeleverd.</p>")
                .doesNotContain("<table").doesNotContain("<svg");
        assertThat(Files.readString(out.resolve("report.md"))).contains("Over deze periode zijn geen gegevens over bellers aangeleverd.");
    }

    private static Element element(Document html, String tag, String id) {
        NodeList nodes = html.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).getAttribute("id").equals(id)) {
                return (Element) nodes.item(i);
            }
        }
        throw new AssertionError("no " + tag + " " + id);
    }

    private static double attribute(Element element, String name) {
        return Double.parseDouble(element.getAttribute(name));
    }
}
