package nl.kic.analytics.tools.report;

import static nl.kic.analytics.tools.report.ReportFiles.command;
import static nl.kic.analytics.tools.report.ReportFiles.headers;
import static nl.kic.analytics.tools.report.ReportFiles.markdownTables;
import static nl.kic.analytics.tools.report.ReportFiles.tableRows;
import static nl.kic.analytics.tools.report.ReportFiles.xhtml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.observability.Programs;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.serving.HeadlessChromium;
import nl.kic.analytics.tools.replay.CsvRows;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Two simulated years (2023 and 2024, at 3% of the KiC's traffic) through {@code report --period 2024
 * --input}: the report's figures in HTML, PDF, Markdown and CSV equal those of the replay's CSV it
 * made on the way, each beside the same month of 2023, written as this test formats them itself.
 */
@ExtendWith(SharedBroker.class)
class ReportIT {
    private static final Path AXE = Path.of("../node_modules/axe-core/axe.min.js");
    private static final Path PAGES = Path.of("target/report-pages");

    @TempDir
    static Path dir;
    static Path events;
    static Path report;
    static Path replay;
    static Path settingsFile;
    static List<Map<String, String>> contactRows;
    static List<Map<String, String>> emailRows;

    @BeforeAll
    static void simulateTwoYearsAndReportTheSecond(TestKafka kafka) throws Exception {
        events = dir.resolve("two-years.jsonl");
        KicConfig config = KicConfig.defaults();
        try (Writer out = Files.newBufferedWriter(events)) {
            new KicSimulator(SimulationConfig.kicDefaults(2024).scaled(0.03), config.calendar(), config.zone(), LocalDate.of(2023, 1, 1),
                    event -> {
                        try {
                            out.write(EventJson.toJson(event, true));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).runDaysUntil(LocalDate.of(2025, 1, 1));
        }
        // Two years replayed at once: the report keeps the fine rows of the year before itself, beyond
        // the default retention. At 3% of the traffic a weekend day may pass without any e-mail, so
        // e-mail is expected on working days here.
        Properties settings = kafka.config().toProperties();
        settings.setProperty("kic.report.expected-days.email", "working-days");
        settingsFile = TestKafka.settingsFile(KicConfig.fromProperties(settings), dir.resolve("report.properties"));
        report = dir.resolve("report-2024");
        ReportFiles.Command result = command("report", "--period", "2024", "--input", events.toString(), "--config", settingsFile.toString(),
                "--output", report.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        replay = report.resolve("replay");
        contactRows = CsvRows.read(replay.resolve("contact_metrics.csv"));
        emailRows = CsvRows.read(replay.resolve("email_metrics.csv"));
    }

    // ---- the replay's caller figures ----

    /**
     * Every month of the two replayed years has all its attempts in the caller figures: each month's
     * attempts of callers and contacts of withheld numbers add up to the reachability denominator's
     * contacts with the open ones (offered − short abandons + rejected), per the contact figures. The
     * replay's tasks run weeks of event time apart, which once cost the earlier months most of them.
     */
    @Test
    void everyMonthsCallerFiguresHoldEveryAttemptOfTheContactFigures() throws IOException {
        List<Map<String, String>> callerRows = CsvRows.read(replay.resolve("caller_metrics.csv"));
        int months = 0;
        for (Map<String, String> contacts : contactRows) {
            if (contacts.get("channel").equals("CALL") && contacts.get("queue").equals("ALL") && contacts.get("granularity").equals("month")) {
                String start = contacts.get("interval_start");
                Map<String, String> callers = callerRows.stream().filter(r -> r.get("channel").equals("CALL") && r.get("queue").equals("ALL")
                        && r.get("granularity").equals("month") && r.get("interval_start").equals(start)).findFirst()
                        .orElseThrow(() -> new AssertionError("no caller row for " + start));
                long attempts = Long.parseLong(contacts.get("offered")) - Long.parseLong(contacts.get("short_abandoned"))
                        + Long.parseLong(contacts.get("rejected"));
                assertThat(Long.parseLong(callers.get("attempts")) + Long.parseLong(callers.get("unidentified_contacts"))).as(start)
                        .isEqualTo(attempts);
                months++;
            }
        }
        assertThat(months).isEqualTo(24);
    }

    // ---- CSV ----

    @Test
    void csvHoldsEveryFigureOfTheReplayWithTheSameMonthOfTheYearBefore() throws IOException {
        Map<String, String[]> facts = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(report.resolve("report.csv"));
        assertThat(lines.get(0)).isEqualTo("section,indicator,period,channel,queue_or_category,value,norm,previous_year_value");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(facts.put(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4], f)).as("one fact per key: " + line).isNull();
        }
        int contactFacts = 0;
        for (String channel : List.of("CALL", "CHAT")) {
            for (int month = 1; month <= 12; month++) {
                String start = String.format("2024-%02d-01", month);
                contactFacts += checkContactFacts(facts, channel, "ALL", "month", start, start.substring(0, 7));
            }
            contactFacts += checkContactFacts(facts, channel, "ALL", "year", "2024-01-01", "2024");
            for (String queue : queues(channel)) {
                contactFacts += checkContactFacts(facts, channel, queue, "year", "2024-01-01", "2024");
            }
        }
        assertThat(facts.keySet().stream().filter(k -> k.startsWith("telephone_chat|")).count()).isEqualTo(contactFacts);

        int emailFacts = 0;
        for (int month = 1; month <= 12; month++) {
            String start = String.format("2024-%02d-01", month);
            emailFacts += checkEmailFacts(facts, "ALL", "month", start, start.substring(0, 7));
        }
        emailFacts += checkEmailFacts(facts, "ALL", "year", "2024-01-01", "2024");
        for (String category : List.of("URGENT", "OTHER_DEPARTMENT", "NOT_ON_WEBSITE", "GENERAL", "DOSSIER", "SPAM")) {
            if (emailRow(category, "year", "2024-01-01") != null) {
                emailFacts += checkEmailFacts(facts, category, "year", "2024-01-01", "2024");
            }
        }
        assertThat(facts.keySet().stream().filter(k -> k.startsWith("email|")).count()).isEqualTo(emailFacts);
    }

    private static int checkContactFacts(Map<String, String[]> facts, String channel, String queue, String granularity, String start,
                                         String period) {
        Map<String, String> row = contactRow(channel, queue, granularity, start);
        Map<String, String> before = contactRow(channel, queue, granularity, start.replace("2024-", "2023-"));
        assertThat(row).as(channel + " " + queue + " " + start).isNotNull();
        assertThat(before).as("the simulated 2023 has " + channel + " " + queue + " " + start).isNotNull();
        for (String column : List.of("offered", "answered", "abandoned", "reachability", "asa_seconds", "wait_p50_seconds",
                "wait_p90_seconds", "service_level")) {
            String[] fact = facts.get("telephone_chat|" + column + "|" + period + "|" + channel + "|" + queue);
            assertThat(fact).as(column + " " + period + " " + channel + " " + queue).isNotNull();
            assertThat(fact[5]).as(column + " " + period + " " + channel + " " + queue).isEqualTo(row.get(column));
            assertThat(fact[7]).as("year before: " + column + " " + period + " " + channel + " " + queue).isEqualTo(before.get(column));
        }
        String[] notReached = facts.get("telephone_chat|not_reached|" + period + "|" + channel + "|" + queue);
        assertThat(notReached[5]).isEqualTo(Long.toString(notReached(row)));
        assertThat(notReached[7]).isEqualTo(Long.toString(notReached(before)));
        assertThat(facts.get("telephone_chat|reachability|" + period + "|" + channel + "|" + queue)[6]).isEqualTo("0.800000");
        assertThat(facts.get("telephone_chat|asa_seconds|" + period + "|" + channel + "|" + queue)[6]).isEqualTo("480.000");
        assertThat(facts.get("telephone_chat|service_level|" + period + "|" + channel + "|" + queue)[6]).isEqualTo("0.800000");
        assertThat(facts.get("telephone_chat|offered|" + period + "|" + channel + "|" + queue)[6]).isEmpty();
        return 9;
    }

    private static int checkEmailFacts(Map<String, String[]> facts, String category, String granularity, String start, String period) {
        Map<String, String> row = emailRow(category, granularity, start);
        Map<String, String> before = emailRow(category, granularity, start.replace("2024-", "2023-"));
        for (String column : List.of("received_gross", "spam", "received_net", "answered_share", "must_answer_violations")) {
            String[] fact = facts.get("email|" + column + "|" + period + "|EMAIL|" + category);
            assertThat(fact).as(column + " " + period + " " + category).isNotNull();
            assertThat(fact[5]).as(column + " " + period + " " + category).isEqualTo(row.get(column));
            assertThat(fact[7]).as("year before: " + column + " " + period + " " + category).isEqualTo(before == null ? "" : before.get(column));
        }
        long net = Long.parseLong(row.get("received_net"));
        for (String column : List.of("acknowledged_on_time", "answered_on_time")) {
            String[] fact = facts.get("email|" + column + "_share|" + period + "|EMAIL|" + category);
            if (net == 0) {
                assertThat(fact[5]).as("no share of no e-mail: " + column + " " + period + " " + category).isEmpty();
            } else {
                assertThat(Double.parseDouble(fact[5])).as(column + " " + period + " " + category)
                        .isCloseTo((double) Long.parseLong(row.get(column)) / net, within(1e-6));
            }
            assertThat(fact[6]).isEqualTo("1.000000");
        }
        assertThat(facts.get("email|must_answer_violations|" + period + "|EMAIL|" + category)[6]).isEqualTo("0");
        return 7;
    }

    // ---- HTML ----

    @Test
    void htmlShowsTheReplaysFiguresInDutchBesideTheYearBeforeAndTheNorm() throws Exception {
        Document html = xhtml(report.resolve("report.html"));
        ExpectedFormats nl = new ExpectedFormats(true);
        for (String channel : List.of("CALL", "CHAT")) {
            String prefix = channel.toLowerCase();
            assertThat(tableRows(html, prefix + "-parts")).isEqualTo(expectedContactRows(channel, nl));
            // Per queue over the year, each with the same queue in 2023 under it: 2023 is complete.
            List<List<String>> queues = new ArrayList<>();
            for (String queue : queues(channel)) {
                queues.add(expectedContactRow(queue, contactRow(channel, queue, "year", "2024-01-01"), nl));
                queues.add(expectedContactRow(queue + ", 2023", contactRow(channel, queue, "year", "2023-01-01"), nl));
            }
            queues.add(expectedContactRow("Alle wachtrijen", contactRow(channel, "ALL", "year", "2024-01-01"), nl));
            queues.add(expectedContactRow("Alle wachtrijen, 2023", contactRow(channel, "ALL", "year", "2023-01-01"), nl));
            assertThat(tableRows(html, prefix + "-queues")).isEqualTo(queues);
        }
        assertThat(headers(html, "chat-parts")).contains("Verlaten").doesNotContain("Opgehangen");
        // The days off of 2024 by the Dutch calendar (Easter Sunday 2024 is 31 March), among the footnotes.
        assertThat(Files.readString(report.resolve("report.html"))).contains("Dagen zonder dienst in 2024: Nieuwjaarsdag (1 januari), "
                + "Eerste Paasdag (31 maart), Tweede Paasdag (1 april), Koningsdag (27 april), Bevrijdingsdag (5 mei), Hemelvaartsdag (9 mei), "
                + "Eerste Pinksterdag (19 mei), Tweede Pinksterdag (20 mei), Eerste Kerstdag (25 december), Tweede Kerstdag (26 december).");
        List<List<String>> emails = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            emails.add(expectedEmailRow(ExpectedFormats.DUTCH_MONTHS[month - 1], emailRow("ALL", "month", String.format("2024-%02d-01", month)), nl));
        }
        emails.add(expectedEmailRow("Totaal 2024", emailRow("ALL", "year", "2024-01-01"), nl));
        assertThat(tableRows(html, "email-parts")).isEqualTo(emails);

        // The summary names every norm and the verdict on the value as printed; waits in minutes and seconds.
        Map<String, String> year = contactRow("CALL", "ALL", "year", "2024-01-01");
        String reachability = nl.share(year.get("reachability"));
        String serviceLevel = nl.share(year.get("service_level"));
        long asa = new BigDecimal(year.get("asa_seconds")).setScale(0, RoundingMode.HALF_UP).longValueExact();
        String summary = paragraphStartingWith(html, "Telefoon: in 2024");
        assertThat(summary).isEqualTo("Telefoon: in 2024 werden " + nl.count(year.get("offered")) + " gesprekken aangeboden, waarvan "
                + nl.count(year.get("answered")) + " beantwoord. De bereikbaarheid was " + reachability + "; daarmee is de norm van ten minste 80% "
                + verdict(percent(reachability) >= 80.0) + " De gemiddelde wachttijd van de beantwoorde gesprekken was " + minutesAndSeconds(asa)
                + "; daarmee is de norm van ten hoogste 8 minuten " + verdict(asa <= 480)
                + " Het servicelevel (het aandeel binnen 20 seconden beantwoord) was " + serviceLevel + "; daarmee is de norm van ten minste 80% "
                + verdict(percent(serviceLevel) >= 80.0) + " In 2023 was de bereikbaarheid "
                + nl.share(contactRow("CALL", "ALL", "year", "2023-01-01").get("reachability")) + ".");
        // Page 1's key figures: realisation, norm, verdict in words and symbol, the complete year before, a trend line.
        List<String> keyRow = tableRows(html, "key-figures").stream().filter(r -> r.get(0).equals("Telefoon: bereikbaarheid")).findFirst().orElseThrow();
        assertThat(keyRow.subList(0, 5)).containsExactly("Telefoon: bereikbaarheid", reachability, "ten minste 80%",
                percent(reachability) >= 80.0 ? "✔ gehaald" : "✖ niet gehaald", nl.share(contactRow("CALL", "ALL", "year", "2023-01-01").get("reachability")));
        assertThat(keyRow.get(5)).startsWith("Lijndiagram: bereikbaarheid per maand van december 2023 tot en met december 2024, 13 volledige maanden");
        assertThat(headers(html, "key-figures")).containsExactly("Indicator", "2024", "Norm", "Oordeel", "2023", "Verloop 13 maanden");
        // Small multiples: six charts per contact channel and five for e-mail, each with a title and a description;
        // an indicator that is zero in every month is a sentence instead.
        NodeList figures = html.getElementsByTagName("figure");
        assertThat(figures.getLength()).isEqualTo(2 * 6 + 5 - allZeroEmailCharts() + 2 + 1); // the staffing of telephone and chat, the callers' attempts
        for (int i = 0; i < figures.getLength(); i++) {
            Element figure = (Element) figures.item(i);
            assertThat(figure.getElementsByTagName("svg").getLength()).isEqualTo(1);
            assertThat(figure.getElementsByTagName("figcaption").item(0).getTextContent()).startsWith("Figuur " + (i + 1) + ". ");
            assertThat(figure.getElementsByTagName("desc").item(0).getTextContent()).startsWith("Staafdiagram").contains("De cijfers staan in tabel ");
        }
        assertThat(PdfLayout.chartLabelProblems(html)).isEmpty();
    }

    private static String verdict(boolean met) {
        return met ? "gehaald." : "niet gehaald.";
    }

    /** Whole seconds in words, as the summary writes a wait: "2 minuten en 34 seconden", "1 minuut", "45 seconden". */
    private static String minutesAndSeconds(long seconds) {
        String s = (seconds % 60) + (seconds % 60 == 1 ? " seconde" : " seconden");
        if (seconds < 60) {
            return s;
        }
        String m = (seconds / 60) + (seconds / 60 == 1 ? " minuut" : " minuten");
        return seconds % 60 == 0 ? m : m + " en " + s;
    }

    /** "68,1%" as 68.1. */
    private static double percent(String shown) {
        return Double.parseDouble(shown.replace("%", "").replace(',', '.'));
    }

    /** The e-mail indicators of the charts that are 0 in every month of 2024 and 2023, by the replay's CSV. */
    private static int allZeroEmailCharts() {
        int charts = 0;
        for (String column : List.of("must_answer_violations")) {
            boolean allZero = emailRows.stream().filter(r -> r.get("category").equals("ALL") && r.get("granularity").equals("month"))
                    .allMatch(r -> Long.parseLong(r.get(column)) == 0);
            charts += allZero ? 1 : 0;
        }
        return charts;
    }

    private static String paragraphStartingWith(Document html, String start) {
        NodeList paragraphs = html.getElementsByTagName("p");
        for (int i = 0; i < paragraphs.getLength(); i++) {
            if (paragraphs.item(i).getTextContent().startsWith(start)) {
                return paragraphs.item(i).getTextContent();
            }
        }
        throw new AssertionError("no paragraph starts with " + start);
    }

    private static List<List<String>> expectedContactRows(String channel, ExpectedFormats f) {
        List<List<String>> rows = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            rows.add(expectedContactRow(ExpectedFormats.DUTCH_MONTHS[month - 1],
                    contactRow(channel, "ALL", "month", String.format("2024-%02d-01", month)), f));
        }
        rows.add(expectedContactRow("Totaal 2024", contactRow(channel, "ALL", "year", "2024-01-01"), f));
        return rows;
    }

    static List<String> expectedContactRow(String header, Map<String, String> row, ExpectedFormats f) {
        return List.of(header, f.count(row.get("offered")), f.count(row.get("answered")), f.count(row.get("abandoned")),
                f.count(notReached(row)), f.share(row.get("reachability")), f.wait(row.get("asa_seconds")),
                f.wait(row.get("wait_p50_seconds")), f.wait(row.get("wait_p90_seconds")), f.share(row.get("service_level")));
    }

    private static List<String> expectedEmailRow(String header, Map<String, String> row, ExpectedFormats f) {
        long net = Long.parseLong(row.get("received_net"));
        return List.of(header, f.count(row.get("received_gross")), f.count(row.get("spam")), f.count(net), f.share(row.get("answered_share")),
                f.share(fraction(Long.parseLong(row.get("acknowledged_on_time")), net)),
                f.share(fraction(Long.parseLong(row.get("answered_on_time")), net)), f.count(row.get("must_answer_violations")));
    }

    /** part / whole as a decimal with 12 places, so that rounding to one decimal of a percentage is exact. */
    private static String fraction(long part, long whole) {
        return new BigDecimal(part).divide(new BigDecimal(whole), 12, RoundingMode.HALF_UP).toPlainString();
    }

    // ---- Markdown ----

    @Test
    void markdownCarriesEveryTableOfTheHtml() throws Exception {
        Document html = xhtml(report.resolve("report.html"));
        Map<String, List<List<String>>> markdown = markdownTables(Files.readAllLines(report.resolve("report.md")));
        NodeList tables = html.getElementsByTagName("table");
        assertThat(markdown).hasSize(tables.getLength());
        for (int i = 0; i < tables.getLength(); i++) {
            Element table = (Element) tables.item(i);
            String caption = table.getElementsByTagName("caption").item(0).getTextContent();
            List<List<String>> expected = new ArrayList<>();
            expected.add(headers(html, table.getAttribute("id")));
            expected.addAll(tableRows(html, table.getAttribute("id")));
            assertThat(markdown.get(caption)).as(caption).isEqualTo(expected);
        }
        assertThat(markdown.get("Tabel B1. Telefoon: cijfers per maand, 2024").subList(1, 14))
                .isEqualTo(expectedContactRows("CALL", new ExpectedFormats(true)));
    }

    // ---- PDF ----

    @Test
    void pdfTextShowsTheReplaysFigures() throws Exception {
        Path pdftotext = Programs.require("pdftotext", "poppler-utils");
        Programs.Result text = Programs.run(report, pdftotext.toString(), "-layout", "report.pdf", "-");
        assertThat(text.exitCode()).isZero();
        List<String> lines = List.of(text.output().split("\n"));
        int from = indexOf(lines, "Tabel B1. Telefoon: cijfers per maand, 2024", 0);
        int to = indexOf(lines, "Tabel B2. Chat: cijfers per maand, 2024", from);
        List<List<String>> expected = expectedContactRows("CALL", new ExpectedFormats(true));
        for (List<String> row : expected) {
            String start = row.get(0);
            String line = lines.subList(from, to).stream().map(String::trim).filter(l -> l.startsWith(start + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + start + " in the PDF's table"));
            assertThat(List.of(line.split("\\s+"))).as(start).isEqualTo(List.of(String.join(" ", row).split("\\s+")));
        }
    }

    @Test
    void pdfIsTaggedWithItsStructureAndTextInReadingOrder() throws Exception {
        Path pdfinfo = Programs.require("pdfinfo", "poppler-utils");
        Programs.Result info = Programs.run(report, pdfinfo.toString(), "report.pdf");
        assertThat(info.output()).containsPattern("Tagged:\\s+yes");
        assertThat(info.output()).contains("Title:           Bereikbaarheid van het Klantinformatiecentrum (KiC), 2024 — gesimuleerde gegevens");
        try (PDDocument pdf = Loader.loadPDF(report.resolve("report.pdf").toFile())) {
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("nl");
            assertThat(new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8))
                    .contains("<pdfuaid:part>1</pdfuaid:part>");
            Map<String, Integer> types = new LinkedHashMap<>();
            List<String> alternatives = new ArrayList<>();
            count(pdf.getDocumentCatalog().getStructureTreeRoot(), types, alternatives);
            // 18 charts, and a trend line for each of the 15 key figures: every month of the trend is complete.
            int charts = 2 * 6 + 5 - allZeroEmailCharts() + 2 + 1; // the small multiples, the staffing of telephone and chat, the callers' attempts
            assertThat(alternatives.stream().filter(alt -> alt.startsWith("Staafdiagram: ")).count()).as(String.join("\n", alternatives)).isEqualTo(charts);
            assertThat(alternatives.stream().filter(alt -> alt.startsWith("Lijndiagram: ")).count()).isEqualTo(15);
            assertThat(alternatives).hasSize(charts + 15);
            assertThat(types.getOrDefault("H1", 0)).isEqualTo(1);
            assertThat(types.getOrDefault("H2", 0)).isEqualTo(9); // the eight chapters and the appendix; the contents are for the screen
            assertThat(types.getOrDefault("Figure", 0)).isEqualTo(charts + 15);
        }
        Programs.Result text = Programs.run(report, Programs.require("pdftotext", "poppler-utils").toString(), "report.pdf", "-");
        int at = 0;
        for (String heading : List.of("1. Samenvatting", "Tabel 1. Kerncijfers, 2024", "Telefoon: in 2024 werden", "2. Telefoon en chat",
                "Figuur 1. Telefoon: aangeboden per maand, 2024", "3. Bellers en herhaalcontact", "4. E-mail en de e-mailgedragslijn", "5. Bezetting",
                "6. Vooruitblik", "7. Kwaliteit en volledigheid van de gegevens", "8. Definities, normen en bron", "Bijlage: cijfers per maand", "Tabel B1. Telefoon: cijfers per maand, 2024",
                "Tabel B2. Chat: cijfers per maand, 2024")) {
            int next = text.output().indexOf(heading, at);
            assertThat(next).as(heading + " after the text before it").isGreaterThan(at);
            at = next;
        }
    }

    @Test
    void theYearFitsSixteenPagesEachSayingSimulatedWithNoRowChartOrHeadingSplit() throws Exception {
        List<String> pages = pdfPages(report.resolve("report.pdf"), "report-2024");
        assertThat(pages).hasSizeLessThanOrEqualTo(16);
        assertThat(pages).allSatisfy(page -> assertThat(page).contains("Gesimuleerde gegevens"));
        assertThat(PdfLayout.problems(report.resolve("report.pdf"))).isEmpty();
    }

    /**
     * The forecast's acceptance on the simulated years: from Monday 6 January 2025, six weeks, its
     * backtest over the Mondays of 2023 and 2024 (history from 2 January 2023). Day-level MASE below 1
     * one and two to six weeks ahead, for each channel, and the 80% intervals holding 75–85% of the
     * quarter hours' actual counts (calls alone too; at 3% of the KiC a chat quarter hour has 0.3 chats,
     * where whole-count bounds cannot hold less than about 87%, see docs/forecast.md).
     */
    @Test
    void forecastOfTheSimulatedYearsBeatsTheSeasonalNaiveAndItsIntervalsCoverEightyPercent() throws Exception {
        Path out = dir.resolve("forecast-2025");
        ReportFiles.Command result = command("forecast", "--replay-output", replay.toString(), "--from", "2025-01-06", "--weeks", "6",
                "--config", settingsFile.toString(), "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode backtest = new ObjectMapper().readTree(out.resolve("backtest.json").toFile());
        // Mondays from 6 March 2023 (8 weeks after 2 January, the first day with calls) to 30 December 2024.
        assertThat(backtest.path("origins").get(0).asText()).isEqualTo("2023-03-06");
        assertThat(backtest.path("origins").size()).isEqualTo(96);
        for (String horizon : List.of("week1", "weeks2_6")) {
            assertThat(backtest.path("methods").path("chosen").path(horizon).path("mase_day").asDouble()).as(horizon).isLessThan(1.0);
            for (String channel : List.of("CALL", "CHAT")) {
                assertThat(backtest.path("channels").path(channel).path("methods").path("chosen").path(horizon).path("mase_day").asDouble())
                        .as(channel + " " + horizon).isLessThan(1.0);
            }
        }
        for (String horizon : List.of("day1", "week1", "weeks2_6")) {
            assertThat(backtest.path("methods").path("chosen").path(horizon).path("coverage80").asDouble()).as(horizon).isBetween(0.75, 0.85);
            assertThat(backtest.path("channels").path("CALL").path("methods").path("chosen").path(horizon).path("coverage80").asDouble())
                    .as("calls " + horizon).isBetween(0.75, 0.85);
            assertThat(backtest.path("methods").path("seasonal_naive").path(horizon).path("coverage80").isNull()).isTrue();
        }
        // A row for every open quarter hour of the 30 working days (none on Saturday and Sunday): a weekday and
        // quarter hour with a contact in the 8 weeks before, 11 November 2024 to 5 January 2025, as counted here from
        // the replay's rows. Calls: every quarter hour from 09:00 to 17:00; chats (0.3 a quarter hour at 3%) fewer.
        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        Set<String> openChat = new HashSet<>();
        for (Map<String, String> r : contactRows) {
            String start = r.get("interval_start");
            if (r.get("channel").equals("CHAT") && r.get("queue").equals("ALL") && r.get("granularity").equals("15m")
                    && Long.parseLong(r.get("offered")) > 0 && start.compareTo("2024-11-11") >= 0 && start.compareTo("2025-01-06") < 0) {
                openChat.add(LocalDate.parse(start.substring(0, 10)).getDayOfWeek() + " " + start.substring(11, 16));
            }
        }
        assertThat(openChat).hasSizeBetween(5 * 20, 5 * 32);
        long callAll = lines.stream().filter(l -> l.startsWith("CALL,ALL,")).count();
        assertThat(callAll).isEqualTo(30 * 32);
        assertThat(lines.stream().filter(l -> l.startsWith("CHAT,ALL,")).count()).isEqualTo(6L * openChat.size());
        assertThat(lines.stream().filter(l -> l.startsWith("CALL,")).count()).isEqualTo(callAll * (1 + queues("CALL").size()));
        assertThat(lines).noneMatch(l -> l.contains("2025-01-11T") || l.contains("2025-01-12T"));
    }

    /**
     * Vooruitblik: January 2025 (the month after the report's year), its weeks' calls expected as the
     * forecast.csv of the same figures sums them, the backtest in one sentence, within two pages.
     */
    @Test
    void outlookShowsNextMonthsForecastWithinTwoPages() throws Exception {
        Path out = dir.resolve("forecast-january");
        ReportFiles.Command result = command("forecast", "--replay-output", replay.toString(), "--from", "2025-01-01", "--weeks", "5",
                "--config", settingsFile.toString(), "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        double calls = 0;
        double chats = 0;
        for (String line : Files.readAllLines(out.resolve("forecast.csv"))) {
            String[] f = line.split(",", -1);
            if (f[1].equals("ALL") && f[2].startsWith("2025-01-")) {
                if (f[0].equals("CALL")) {
                    calls += Double.parseDouble(f[3]);
                } else {
                    chats += Double.parseDouble(f[3]);
                }
            }
        }
        Document html = xhtml(report.resolve("report.html"));
        List<List<String>> weeks = tableRows(html, "outlook-weeks");
        ExpectedFormats formats = new ExpectedFormats(true);
        assertThat(weeks.get(weeks.size() - 1).subList(0, 3)).containsExactly("Totaal januari 2025", formats.count(Math.round(calls)),
                formats.count(Math.round(chats)));
        // 1 January is Nieuwjaarsdag: the first week holds Thursday 2 and Friday 3 January only.
        assertThat(weeks.get(0).get(0)).isEqualTo("1 januari – 5 januari");
        int origins = new ObjectMapper().readTree(out.resolve("backtest.json").toFile()).path("origins").size();
        String text = Files.readString(report.resolve("report.html")).replaceAll("\\s+", " ");
        assertThat(text).contains("Achteraf getoetst op " + origins + " maandagen van 6 maart 2023 tot en met 30 december 2024");
        assertThat(tableRows(html, "call-outlook")).extracting(r -> r.get(0)).containsExactly("Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag");
        assertThat(headers(html, "outlook-shortfall")).containsExactly("Kanaal", "Weekdag", "Uren met een tekort", "Omvang (medewerkers)",
                "Medewerkeruren per dag");

        List<String> pages = pdfPages(report.resolve("report.pdf"), "report-2024-outlook");
        int first = -1;
        int next = -1;
        for (int i = 0; i < pages.size(); i++) {
            if (first < 0 && pages.get(i).contains("6. Vooruitblik")) {
                first = i;
            }
            if (pages.get(i).contains("7. Kwaliteit en volledigheid van de gegevens")) {
                next = i;
            }
        }
        assertThat(first).isGreaterThanOrEqualTo(0);
        // The section ends on the page where the next begins, at most one page after its own first.
        assertThat(next - first).as("Vooruitblik spans pages " + (first + 1) + " to " + (next + 1)).isBetween(0, 1);
    }

    @Test
    void aMonthFitsTwelvePagesAndMayBeFinalWhenComplete() throws Exception {
        Path out = dir.resolve("march-final");
        ReportFiles.Command result = command("report", "--period", "2024-03", "--replay-output", replay.toString(), "--config",
                settingsFile.toString(), "--final", "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> pages = pdfPages(out.resolve("report.pdf"), "report-2024-03");
        assertThat(pages).hasSizeLessThanOrEqualTo(12);
        assertThat(pages).allSatisfy(page -> assertThat(page).contains("Gesimuleerde gegevens").contains("definitief"));
        assertThat(pages.get(1)).as("page 1 holds the whole summary").startsWith("KiC, maart 2024 · definitief · Gesimuleerde gegevens 2. Telefoon en chat");
        assertThat(pages.get(0)).contains("Tabel 1. Kerncijfers, maart 2024").contains("Status: definitief")
                .contains("Telefoon: in maart 2024 werden").contains("In februari 2024 was de bereikbaarheid")
                .contains("In maart 2023 was de bereikbaarheid");
        assertThat(PdfLayout.problems(out.resolve("report.pdf"))).isEmpty();
        Document html = xhtml(out.resolve("report.html"));
        assertThat(PdfLayout.chartLabelProblems(html)).isEmpty();
        // The heat map of the month: offered calls per weekday and hour, summed from the hour rows by this test.
        long mondayTen = contactRows.stream().filter(r -> r.get("channel").equals("CALL") && r.get("queue").equals("ALL")
                        && r.get("granularity").equals("hour") && r.get("interval_start").startsWith("2024-03-")
                        && LocalDate.parse(r.get("interval_start").substring(0, 10)).getDayOfWeek() == DayOfWeek.MONDAY
                        && r.get("interval_start").substring(11, 13).equals("10"))
                .mapToLong(r -> Long.parseLong(r.get("offered"))).sum();
        List<String> header = headers(html, "call-heat-offered");
        List<String> monday = tableRows(html, "call-heat-offered").stream().filter(r -> r.get(0).equals("Maandag")).findFirst().orElseThrow();
        assertThat(monday.get(header.indexOf("10–11 u"))).isEqualTo(new ExpectedFormats(true).count(mondayTen));
        assertThat(new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("status").asText()).isEqualTo("final");
        // Staffing: the agents present on Mondays 10–11, averaged by this test over the quarter hours with calls and agents.
        Map<String, Long> offeredByQuarter = new HashMap<>();
        contactRows.stream().filter(r -> r.get("channel").equals("CALL") && r.get("queue").equals("ALL") && r.get("granularity").equals("15m"))
                .forEach(r -> offeredByQuarter.put(r.get("interval_start"), Long.parseLong(r.get("offered"))));
        double sum = 0;
        int quarters = 0;
        for (Map<String, String> r : CsvRows.read(replay.resolve("agent_metrics.csv"))) {
            String start = r.get("interval_start");
            if (r.get("channel").equals("CALL") && r.get("granularity").equals("15m") && start.startsWith("2024-03-")
                    && LocalDate.parse(start.substring(0, 10)).getDayOfWeek() == DayOfWeek.MONDAY && start.substring(11, 13).equals("10")
                    && offeredByQuarter.getOrDefault(start, 0L) > 0) {
                sum += Double.parseDouble(r.get("agents_present"));
                quarters++;
            }
        }
        assertThat(quarters).isGreaterThan(4);
        List<String> staffingHeader = headers(html, "call-staffing-table");
        List<String> staffingMonday = tableRows(html, "call-staffing-table").stream().filter(r -> r.get(0).equals("Maandag")).findFirst().orElseThrow();
        assertThat(staffingMonday.get(staffingHeader.indexOf("10–11 u"))).startsWith(
                new BigDecimal(sum / quarters).setScale(1, RoundingMode.HALF_EVEN).toPlainString().replace('.', ',') + " / ");
        assertThat(pages.stream().filter(p -> p.contains("5. Bezetting")).count()).isEqualTo(1);
    }

    @Test
    void coverageOfEveryChannelAndPeriodIsCountedFromTheDayRows() throws Exception {
        List<String> lines = Files.readAllLines(report.resolve("report.csv"));
        // Working days by hand: 2024 has 262 weekdays less 6 holidays on one (1 Jan, 1 Apr, 9 May, 20 May, 25 and 26 Dec);
        // 2023 has 260 less 7 (10 Apr, 27 Apr, 5 May, 18 May, 29 May, 25 and 26 Dec).
        Map<String, Integer> expectedDays = Map.of("2024", 256, "2023", 253);
        Set<String> holidays = Set.of("2024-01-01", "2024-04-01", "2024-05-09", "2024-05-20", "2024-12-25", "2024-12-26",
                "2023-04-10", "2023-04-27", "2023-05-05", "2023-05-18", "2023-05-29", "2023-12-25", "2023-12-26");
        for (String channel : List.of("CALL", "CHAT", "EMAIL")) {
            for (String year : List.of("2024", "2023")) {
                long days = (channel.equals("EMAIL") ? emailRows.stream().filter(r -> r.get("category").equals("ALL"))
                        : contactRows.stream().filter(r -> r.get("channel").equals(channel) && r.get("queue").equals("ALL")))
                        .filter(r -> r.get("granularity").equals("day") && r.get("interval_start").startsWith(year + "-")
                                && LocalDate.parse(r.get("interval_start").substring(0, 10)).getDayOfWeek().getValue() <= 5
                                && !holidays.contains(r.get("interval_start").substring(0, 10))).count();
                String prefix = "coverage,%s," + year + "," + channel + ",ALL,";
                assertThat(lines).contains(prefix.formatted("days_expected") + expectedDays.get(year) + ",,",
                        prefix.formatted("days_with_data") + days + ",,", prefix.formatted("refused_events") + "0,,",
                        prefix.formatted("complete") + "1,,");
            }
        }
    }

    @Test
    void theReadersNoteStandsUnderTheSummaryAsTextNeverAsMarkup() throws Exception {
        Path note = Files.writeString(dir.resolve("note.md"), "# Toelichting van de afdeling\n\nDe daling in *juli* komt door de "
                + "<script>alert(1)</script> zomer.\n\n![grafiek](http://example.org/x.png)\n");
        Path out = dir.resolve("note");
        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--note", note.toString(),
                "--format", "html,md", "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h4>Toelichting van de afdeling</h4>").contains("<em>juli</em>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script").doesNotContain("<img").doesNotContain("example.org");
        assertThat(html.indexOf("Toelichting van de afdeling")).isGreaterThan(html.indexOf("Telefoon: in 2024 werden"))
                .isLessThan(html.indexOf("2. Telefoon en chat"));
        Path tooLong = Files.writeString(dir.resolve("long.md"), "x".repeat(20_001));
        ReportFiles.Command refused = command("report", "--period", "2024", "--replay-output", replay.toString(), "--note", tooLong.toString(),
                "--output", dir.resolve("note-long").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("the note long.md has more than 20000 bytes");
    }

    /** The text of every page of a PDF, and a PNG of each under target/report-pages/ for a person to look at. */
    static List<String> pdfPages(Path pdf, String name) throws Exception {
        Path pdftotext = Programs.require("pdftotext", "poppler-utils");
        int count;
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            count = document.getNumberOfPages();
        }
        List<String> pages = new ArrayList<>();
        for (int page = 1; page <= count; page++) {
            Programs.Result text = Programs.run(pdf.getParent(), pdftotext.toString(), "-f", Integer.toString(page), "-l", Integer.toString(page),
                    pdf.getFileName().toString(), "-");
            assertThat(text.exitCode()).isZero();
            pages.add(text.output().replaceAll("\\s+", " ")); // a sentence may wrap over lines
        }
        Path pictures = Files.createDirectories(PAGES.toAbsolutePath());
        try (Stream<Path> old = Files.list(pictures)) { // pages of an earlier, longer run would mislead the reader
            for (Path picture : old.filter(p -> p.getFileName().toString().startsWith(name + "-page-")).toList()) {
                Files.delete(picture);
            }
        }
        Programs.Result png = Programs.run(pdf.getParent(), Programs.require("pdftoppm", "poppler-utils").toString(), "-r", "60", "-png",
                pdf.getFileName().toString(), pictures.resolve(name + "-page").toString());
        assertThat(png.exitCode()).isZero();
        return pages;
    }

    /** Counts the structure elements by type, and collects the alternative text of every figure. */
    private static void count(PDStructureNode node, Map<String, Integer> types, List<String> alternatives) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement element) {
                types.merge(element.getStructureType(), 1, Integer::sum);
                if (element.getStructureType().equals("Figure")) {
                    alternatives.add(element.getAlternateDescription());
                }
                count(element, types, alternatives);
            }
        }
    }

    // ---- accessibility ----

    @Test
    void htmlHasNoAccessibilityViolationsInChromium() throws Exception {
        if (!HeadlessChromium.installed()) {
            System.out.println("SKIPPED: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); CI installs them.");
            Assumptions.abort("chromium is not installed");
        }
        if (!Files.exists(AXE)) {
            System.out.println("SKIPPED: axe-core is not installed (npm install axe-core@4.14 in the repository root); CI installs it.");
            Assumptions.abort("axe-core is not installed");
        }
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(report.resolve("report.html").toUri().toString());
            browser.execute("const s = document.createElement('script'); s.textContent = arguments[0]; document.head.appendChild(s); return true;",
                    Files.readString(AXE));
            JsonNode result = browser.execute("return axe.run(document, {runOnly: {type: 'tag', values: "
                    + "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                    + ".then(r => ({passes: r.passes.length, violations: r.violations.map(v => v.id + ': ' + v.help + ' ('"
                    + " + v.nodes.length + ', e.g. ' + v.nodes[0].html.substring(0, 120) + ')')}));");
            assertThat(result.path("violations").toString()).isEqualTo("[]");
            assertThat(result.path("passes").asInt()).isGreaterThan(10);
            browser.screenshot(PAGES.toAbsolutePath().resolve("report-2024-html.png"));
        }
    }

    // ---- a month, in English ----

    @Test
    void monthReportInEnglishShowsEveryDayOfTheMonth() throws Exception {
        Path out = dir.resolve("march-en");
        ReportFiles.Command result = command("report", "--period", "2024-03", "--replay-output", replay.toString(), "--lang", "en", "--format", "md,csv",
                "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(out.resolve("report.html")).doesNotExist();
        ExpectedFormats en = new ExpectedFormats(false);
        List<List<String>> expected = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2024, 3, 1); day.isBefore(LocalDate.of(2024, 4, 1)); day = day.plusDays(1)) {
            Map<String, String> row = contactRow("CALL", "ALL", "day", day.toString());
            if (row != null) {
                expected.add(expectedContactRow(day.getDayOfMonth() + " March", row, en));
            }
        }
        assertThat(expected).hasSizeGreaterThan(15); // the working days of March
        expected.add(expectedContactRow("Total March 2024", contactRow("CALL", "ALL", "month", "2024-03-01"), en));
        List<List<String>> table = markdownTables(Files.readAllLines(out.resolve("report.md"))).get("Table B1. Telephone: figures per day, March 2024");
        assertThat(table.get(0)).containsExactly("Day", "Offered", "Answered", "Abandoned", "Not reached", "Reachability", "Average wait (m:ss)",
                "Median wait (m:ss)", "90th percentile wait (m:ss)", "Service level");
        assertThat(table.subList(1, table.size())).isEqualTo(expected);
        // The year before: the same day of March 2023 where it was a day with calls.
        String fact = Files.readAllLines(out.resolve("report.csv")).stream()
                .filter(l -> l.startsWith("telephone_chat,offered,2024-03-06,CALL,ALL,")).findFirst().orElseThrow();
        assertThat(fact).isEqualTo("telephone_chat,offered,2024-03-06,CALL,ALL," + contactRow("CALL", "ALL", "day", "2024-03-06").get("offered")
                + ",," + contactRow("CALL", "ALL", "day", "2023-03-06").get("offered"));
    }

    @Test
    void withoutComparingTheYearBeforeNoFigureHasOne() throws Exception {
        Path out = dir.resolve("no-compare");
        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--no-compare-previous",
                "--format", "csv,html", "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("report.csv"));
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).endsWith(","));
        assertThat(headers(xhtml(out.resolve("report.html")), "key-figures")).containsExactly("Indicator", "2024", "Norm", "Oordeel",
                "Verloop 13 maanden");
    }

    @Test
    void normsComeFromTheConfiguration() throws Exception {
        Path settings = Files.writeString(dir.resolve("norms.properties"),
                "kic.norm.reachability=0.85\nkic.norm.average-wait-seconds=300\nkic.norm.service-level.chat=0.7\n");
        Path out = dir.resolve("norms");
        ReportFiles.Command result = command("report", "--period", "2024", "--replay-output", replay.toString(), "--config",
                settings.toString(), "--format", "csv,html", "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("report.csv"));
        assertThat(lines).anyMatch(l -> l.startsWith("telephone_chat,reachability,2024,CALL,ALL,") && l.contains(",0.850000,"));
        assertThat(lines).anyMatch(l -> l.startsWith("telephone_chat,asa_seconds,2024,CALL,ALL,") && l.contains(",300.000,"));
        assertThat(lines).anyMatch(l -> l.startsWith("telephone_chat,service_level,2024,CHAT,ALL,") && l.contains(",0.700000,"));
        assertThat(lines).anyMatch(l -> l.startsWith("telephone_chat,service_level,2024,CALL,ALL,") && l.contains(",0.800000,"));
        List<List<String>> key = tableRows(xhtml(out.resolve("report.html")), "key-figures");
        assertThat(key).anySatisfy(row -> assertThat(row.subList(0, 3)).containsExactly("Telefoon: bereikbaarheid",
                new ExpectedFormats(true).share(contactRow("CALL", "ALL", "year", "2024-01-01").get("reachability")), "ten minste 85%"));
        String wait = new ExpectedFormats(true).wait(contactRow("CALL", "ALL", "year", "2024-01-01").get("asa_seconds")); // m:ss
        String[] minutesSeconds = wait.split(":");
        String inWords = (minutesSeconds[0].equals("0") ? "" : minutesSeconds[0] + " min ") + Integer.parseInt(minutesSeconds[1]) + " s";
        assertThat(key).anySatisfy(row -> assertThat(row.subList(0, 3)).containsExactly("Telefoon: gemiddelde wachttijd",
                inWords.replace(" 0 s", ""), "ten hoogste 5 min"));
    }

    // ---- the manifest ----

    @Test
    void manifestRecordsTheInputHashSettingsAndEveryFileWritten() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertThat(manifest.path("period").asText()).isEqualTo("2024");
        assertThat(manifest.path("inputs").get(0).path("sha256").asText()).isEqualTo(sha256(events));
        assertThat(manifest.path("inputs").get(0).path("bytes").asLong()).isEqualTo(Files.size(events));
        assertThat(manifest.path("settings").path("kic.short-abandon-threshold-seconds").asText()).isEqualTo("5.0");
        assertThat(manifest.path("norms").path("reachability").asDouble()).isEqualTo(0.8);
        assertThat(manifest.path("comparedWithPreviousYear").asBoolean()).isTrue();
        assertThat(manifest.path("status").asText()).isEqualTo("provisional");
        assertThat(manifest.path("simulated").asBoolean()).isTrue();
        assertThat(manifest.path("inputs").get(0).path("file").asText()).isEqualTo("two-years.jsonl"); // the name, never a local path
        assertThat(manifest.path("normSources").path("averageWaitSeconds").asText()).isEqualTo("DUO, 2019: gemiddelde wachttijd ten hoogste 8 minuten");
        List<String> names = new ArrayList<>();
        for (JsonNode file : manifest.path("files")) {
            names.add(file.path("file").asText());
            assertThat(file.path("sha256").asText()).as(file.path("file").asText()).isEqualTo(sha256(report.resolve(file.path("file").asText())));
        }
        assertThat(names).containsExactly("report.html", "report.pdf", "report.md", "report.csv");
        JsonNode summary = new ObjectMapper().readTree(replay.resolve("replay_summary.json").toFile());
        assertThat(summary.path("clock").asText()).isEqualTo(manifest.path("clock").asText());
        assertThat(summary.path("inputs").get(0).path("sha256").asText()).isEqualTo(sha256(events));
    }

    // ---- bad input ----

    @Test
    void anUnknownPeriodIsRefusedWithItsReason() throws Exception {
        ReportFiles.Command result = command("report", "--period", "2024-13", "--replay-output", replay.toString(), "--output", dir.resolve("x").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("unknown period '2024-13': give a year (2023) or a month (2023-03)");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aPeriodWithoutFiguresIsRefusedNotWrittenEmpty() throws Exception {
        Path out = dir.resolve("empty");
        ReportFiles.Command result = command("report", "--period", "2021-06", "--replay-output", replay.toString(), "--output", out.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("no figures for 2021-06").contains("the figures cover 2023-01 to ");
        assertThat(out.resolve("report.html")).doesNotExist();
        assertThat(out.resolve("report.json")).doesNotExist();
    }

    @Test
    void anUnreachableApiIsRefused() throws Exception {
        int port = RunningInstances.freePort();
        Path out = dir.resolve("api");
        ReportFiles.Command result = command("report", "--period", "2024", "--api", "http://127.0.0.1:" + port, "--output", out.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the API at http://127.0.0.1:" + port + "/api/health");
        assertThat(out.resolve("report.html")).doesNotExist();
    }

    @Test
    void exactlyOneSourceIsRequired() throws Exception {
        ReportFiles.Command none = command("report", "--period", "2024", "--output", dir.resolve("y").toString());
        ReportFiles.Command two = command("report", "--period", "2024", "--replay-output", replay.toString(), "--api", "http://127.0.0.1:1",
                "--output", dir.resolve("y").toString());
        for (ReportFiles.Command result : List.of(none, two)) {
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).contains("exactly one source of figures: --input FILE, --replay-output DIR or --api URL");
        }
    }

    // ---- helpers ----

    private static List<String> queues(String channel) {
        return contactRows.stream().filter(r -> r.get("channel").equals(channel) && r.get("granularity").equals("year")
                        && r.get("interval_start").startsWith("2024-01-01") && !r.get("queue").equals("ALL"))
                .map(r -> r.get("queue")).sorted().toList();
    }

    static Map<String, String> contactRow(String channel, String queue, String granularity, String start) {
        return contactRows.stream().filter(r -> r.get("channel").equals(channel) && r.get("queue").equals(queue)
                && r.get("granularity").equals(granularity) && r.get("interval_start").startsWith(start + "T")).findFirst().orElse(null);
    }

    private static Map<String, String> emailRow(String category, String granularity, String start) {
        return emailRows.stream().filter(r -> r.get("category").equals(category) && r.get("granularity").equals(granularity)
                && r.get("interval_start").startsWith(start + "T")).findFirst().orElse(null);
    }

    /** The reachability denominator of docs/metrics.md minus the answered, with the default switches. */
    static long notReached(Map<String, String> row) {
        return Long.parseLong(row.get("offered")) - Long.parseLong(row.get("open")) - Long.parseLong(row.get("short_abandoned"))
                + Long.parseLong(row.get("rejected")) - Long.parseLong(row.get("answered"));
    }

    private static int indexOf(List<String> lines, String text, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("the PDF's text has no line with " + text);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
