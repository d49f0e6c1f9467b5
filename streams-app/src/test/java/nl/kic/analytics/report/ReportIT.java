package nl.kic.analytics.report;

import static nl.kic.analytics.report.ReportFiles.command;
import static nl.kic.analytics.report.ReportFiles.headers;
import static nl.kic.analytics.report.ReportFiles.markdownTables;
import static nl.kic.analytics.report.ReportFiles.tableRows;
import static nl.kic.analytics.report.ReportFiles.xhtml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.input.EventJson;
import nl.kic.analytics.observability.Programs;
import nl.kic.analytics.replay.CsvRows;
import nl.kic.analytics.serving.HeadlessChromium;
import nl.kic.analytics.simulation.KicSimulator;
import nl.kic.analytics.simulation.SimulationConfig;
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
    private static final Path PICTURES = Path.of("target/report-pictures");

    @TempDir
    static Path dir;
    static Path events;
    static Path report;
    static Path replay;
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
                            out.write(EventJson.toJson(event));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).runDaysUntil(LocalDate.of(2025, 1, 1));
        }
        // Two years replayed at once: the year before lies beyond the default retention of the fine rows
        // before the replay's clock, and would be too late.
        Properties settings = kafka.config().toProperties();
        settings.setProperty("kic.fine-interval-retention-days", "800");
        Path settingsFile = TestKafka.settingsFile(KicConfig.fromProperties(settings), dir.resolve("report.properties"));
        report = dir.resolve("report-2024");
        ReportFiles.Command result = command("report", "--period", "2024", "--input", events.toString(), "--config", settingsFile.toString(),
                "--output", report.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        replay = report.resolve("replay");
        contactRows = CsvRows.read(replay.resolve("contact_metrics.csv"));
        emailRows = CsvRows.read(replay.resolve("email_metrics.csv"));
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
            List<List<String>> reachability = new ArrayList<>();
            for (int month = 1; month <= 12; month++) {
                String start = String.format("-%02d-01", month);
                reachability.add(List.of(ExpectedFormats.DUTCH_MONTHS[month - 1],
                        nl.share(contactRow(channel, "ALL", "month", "2024" + start).get("reachability")),
                        nl.share(contactRow(channel, "ALL", "month", "2023" + start).get("reachability")), "80%"));
            }
            reachability.add(List.of("Totaal 2024", nl.share(contactRow(channel, "ALL", "year", "2024-01-01").get("reachability")),
                    nl.share(contactRow(channel, "ALL", "year", "2023-01-01").get("reachability")), "80%"));
            assertThat(tableRows(html, prefix + "-reachability-table")).isEqualTo(reachability);
            assertThat(headers(html, prefix + "-reachability-table")).containsExactly("Maand", "2024", "2023", "Norm");
            // Per queue over the year, each with the same queue in 2023 under it.
            List<List<String>> queues = new ArrayList<>();
            for (String queue : queues(channel)) {
                queues.add(expectedContactRow(queue, contactRow(channel, queue, "year", "2024-01-01"), nl));
                queues.add(expectedContactRow(queue + ", 2023", contactRow(channel, queue, "year", "2023-01-01"), nl));
            }
            queues.add(expectedContactRow("Alle wachtrijen", contactRow(channel, "ALL", "year", "2024-01-01"), nl));
            queues.add(expectedContactRow("Alle wachtrijen, 2023", contactRow(channel, "ALL", "year", "2023-01-01"), nl));
            assertThat(tableRows(html, prefix + "-queues")).isEqualTo(queues);
        }
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

        Map<String, String> year = contactRow("CALL", "ALL", "year", "2024-01-01");
        long minutes = Math.round(Double.parseDouble(year.get("asa_seconds")) / 60);
        assertThat(html.getElementsByTagName("p").item(1).getTextContent()).isEqualTo("In 2024 werden " + nl.count(year.get("answered"))
                + " telefonische gesprekken gevoerd. De feitelijke bereikbaarheid was " + nl.share(year.get("reachability"))
                + " (norm 80%); de gemiddelde wachttijd was " + minutes + " minuten. In 2023 was de bereikbaarheid "
                + nl.share(contactRow("CALL", "ALL", "year", "2023-01-01").get("reachability")) + ", bij "
                + nl.count(contactRow("CALL", "ALL", "year", "2023-01-01").get("answered")) + " gevoerde gesprekken.");
        // Every indicator is a chart beside its data table, with a title and a description.
        NodeList figures = html.getElementsByTagName("figure");
        assertThat(figures.getLength()).isEqualTo(2 * 9 + 5);
        for (int i = 0; i < figures.getLength(); i++) {
            Element figure = (Element) figures.item(i);
            assertThat(figure.getElementsByTagName("svg").getLength()).isEqualTo(1);
            assertThat(figure.getElementsByTagName("table").getLength()).isEqualTo(1);
            assertThat(figure.getElementsByTagName("desc").item(0).getTextContent()).startsWith("Staafdiagram");
        }
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
        return new java.math.BigDecimal(part).divide(new java.math.BigDecimal(whole), 12, java.math.RoundingMode.HALF_UP).toPlainString();
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
        assertThat(markdown.get("Telefoon: cijfers per maand, 2024").subList(1, 14)).isEqualTo(expectedContactRows("CALL", new ExpectedFormats(true)));
    }

    // ---- PDF ----

    @Test
    void pdfTextShowsTheReplaysFigures() throws Exception {
        Path pdftotext = Programs.require("pdftotext", "poppler-utils");
        Programs.Result text = Programs.run(report, pdftotext.toString(), "-layout", "report.pdf", "-");
        assertThat(text.exitCode()).isZero();
        List<String> lines = List.of(text.output().split("\n"));
        int from = indexOf(lines, "Telefoon: cijfers per maand, 2024", 0);
        int to = indexOf(lines, "Telefoon: Aangeboden", from);
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
        assertThat(info.output()).contains("Title:           Bereikbaarheid van het Klantinformatiecentrum (KiC), 2024");
        try (PDDocument pdf = Loader.loadPDF(report.resolve("report.pdf").toFile())) {
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("nl");
            assertThat(new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("<pdfuaid:part>1</pdfuaid:part>");
            Map<String, Integer> types = new LinkedHashMap<>();
            List<String> alternatives = new ArrayList<>();
            count(pdf.getDocumentCatalog().getStructureTreeRoot(), types, alternatives);
            assertThat(alternatives).hasSize(2 * 9 + 5).allSatisfy(alt -> assertThat(alt).startsWith("Staafdiagram: "));
            assertThat(types.getOrDefault("H1", 0)).isEqualTo(1);
            assertThat(types.getOrDefault("H2", 0)).isEqualTo(6); // contents and the five chapters
            assertThat(types.getOrDefault("Table", 0)).isGreaterThanOrEqualTo(2 * 9 + 5 + 2 + 2);
            assertThat(types.getOrDefault("Figure", 0)).isEqualTo(2 * 9 + 5);
        }
        Programs.Result text = Programs.run(report, Programs.require("pdftotext", "poppler-utils").toString(), "report.pdf", "-");
        int at = 0;
        for (String heading : List.of("1. Samenvatting", "In 2024 werden", "2. Telefoon en chat", "Telefoon: cijfers per maand, 2024",
                "Chat: cijfers per maand, 2024", "3. E-mail en de e-mailgedragslijn", "4. Kwaliteit van de gegevens",
                "5. Definities en instellingen")) {
            int next = text.output().indexOf(heading, at);
            assertThat(next).as(heading + " after the text before it").isGreaterThan(at);
            at = next;
        }
        Path pictures = Files.createDirectories(PICTURES.toAbsolutePath());
        Programs.Result pages = Programs.run(report, Programs.require("pdftoppm", "poppler-utils").toString(), "-r", "70", "-png",
                "report.pdf", pictures.resolve("report-2024-page").toString());
        assertThat(pages.exitCode()).isZero();
        try (Stream<Path> files = Files.list(pictures)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("report-2024-page")).count()).isGreaterThan(5);
        }
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
            browser.screenshot(PICTURES.toAbsolutePath().resolve("report-2024-html.png"));
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
        List<List<String>> table = markdownTables(Files.readAllLines(out.resolve("report.md"))).get("Telephone: figures per day, March 2024");
        assertThat(table.get(0)).containsExactly("Day", "Offered", "Answered", "Abandoned", "Not reached", "Reachability", "Average wait",
                "Median wait", "90th percentile wait", "Service level");
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
        assertThat(headers(xhtml(out.resolve("report.html")), "call-reachability-table")).containsExactly("Maand", "2024", "Norm");
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
        assertThat(tableRows(xhtml(out.resolve("report.html")), "call-reachability-table").get(0)).endsWith("85%");
        assertThat(tableRows(xhtml(out.resolve("report.html")), "call-asa-seconds-table").get(0)).endsWith("5:00");
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
        assertThat(result.err()).contains("no figures for 2021-06").contains("its figures cover 2023-01 to ");
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
