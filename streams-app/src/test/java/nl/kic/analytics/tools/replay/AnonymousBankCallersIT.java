package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.cli.Main;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.input.ReplayInput;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.serving.Service;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Citizens, not calls, on real data: the calls of February 1999 of the anonymous bank
 * (../shared/data), imported with {@code import} through the CSV mapping shipped in docs/examples, so
 * that the bank's customer_id becomes the caller's monthly key, then replayed. The caller figures of
 * the month, per queue and ALL, equal what this test works out from the TSV with its own reading of
 * it and the definitions of docs/metrics.md; with the default smallest cell no small cell of the caller
 * figures, nor of reason figures (the calls given their customer's priority as a reason), shows, and
 * none can be worked out from the sums; the API of a running instance answers the CSV's cells, and the
 * report made from that API shows no small count either; no key and no customer id leaves the product.
 *
 * <p>The test's reading of the TSV, as the mapping and docs/metrics.md say: PHANTOM records and calls
 * without a queue entry time (q_start 0:00:00) are no contacts; a contact is OFFERED at q_start (Israel's
 * time) in the queue of its service type; AGENT is answered, HANG abandoned after q_time seconds, and
 * an abandon with a wait below 5 s is a short abandon, which is no attempt; customer 0 is a withheld
 * number, so its attempts are unidentified contacts. Every call of the month has an outcome, so no
 * attempt is open and still_open is 0.
 */
@ExtendWith(SharedBroker.class)
class AnonymousBankCallersIT {
    private static final Path TSV = Path.of("../../shared/data/anonymous-bank/anonymous_bank_1999_02.tsv");
    private static final Path MAPPING = Path.of("../docs/examples/anonymous-bank.mapping");
    private static final ZoneId ISRAEL = ZoneId.of("Asia/Jerusalem");
    /** The zone of the intervals and the callers' months (kic.zone's default). */
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The mapping's queue names of the bank's service types, as docs/examples/anonymous-bank.mapping lists them. */
    private static final Map<String, String> QUEUES = Map.of("PS", "regular", "PE", "regular-english", "IN", "internet",
            "NE", "stock-exchange", "NW", "new-customer", "TT", "callback");
    private static final String WITHHELD = "0";
    private static final int SHORT_ABANDON_SECONDS = 5;
    private static final String MONTH_START = "1999-02-01T00:00+01:00";

    /** The columns of caller_metrics.csv and reason_metrics.csv, as issue 27 lists them. */
    private static final List<String> CALLER_COLUMNS = List.of("channel", "queue", "granularity", "interval_start", "callers", "reached",
            "reached_first_attempt", "reached_within_1_working_day", "still_open", "never_reached", "attempts", "attempts_1", "attempts_2",
            "attempts_3", "attempts_4", "attempts_5_9", "attempts_10_plus", "repeat_after_answer", "unidentified_contacts",
            "spans_key_months", "final", "repeat_window_truncated", "suppressed_cells");
    private static final List<String> REASON_COLUMNS = List.of("channel", "queue", "granularity", "interval_start", "reason", "contacts",
            "answered", "answered_share", "repeat_after_answer", "repeat_after_answer_rate", "aht_seconds", "suppressed_cells");
    /** Counts of people: hidden from 1 to k−1. */
    private static final List<String> CALLER_PERSON_COUNTS = List.of("callers", "reached", "reached_first_attempt",
            "reached_within_1_working_day", "still_open", "never_reached", "attempts_1", "attempts_2", "attempts_3", "attempts_4",
            "attempts_5_9", "attempts_10_plus", "repeat_after_answer");
    private static final List<String> BUCKETS = List.of("attempts_1", "attempts_2", "attempts_3", "attempts_4", "attempts_5_9",
            "attempts_10_plus");
    /** The caller columns that can be hidden, in column order: the person counts and attempts (hidden with callers). */
    private static final List<String> CALLER_HIDEABLE = CALLER_COLUMNS.subList(CALLER_COLUMNS.indexOf("callers"),
            CALLER_COLUMNS.indexOf("unidentified_contacts"));
    private static final List<String> REASON_PERSON_COUNTS = List.of("contacts", "answered", "repeat_after_answer");
    /** Reason columns emptied with a hidden count they would reveal. */
    private static final List<String> REASON_RATIOS = List.of("answered_share", "repeat_after_answer_rate", "aht_seconds");

    @TempDir
    static Path imported;
    private static Path events;
    /** Queue (and ALL) → column → the count this test works out from the TSV. */
    private static final Map<String, Map<String, Long>> EXPECTED = new TreeMap<>();
    /** The customer ids that called most often (long ids only, so that no count or time can contain one by chance). */
    private static List<String> frequentCustomers;
    /** The TSV's priority of each call, by the call id the mapping makes (vru+line and call_id). */
    private static final Map<String, String> PRIORITY_BY_CALL = new HashMap<>();

    @BeforeAll
    static void deriveFromTheTsvAndImportIt() throws IOException {
        Assumptions.assumeTrue(Files.exists(TSV), "skipped: " + TSV.toAbsolutePath() + " is not there");
        deriveCallerFigures();

        events = imported.resolve("events.jsonl");
        Path keyFile = Files.writeString(imported.resolve("key"), "a test key of 32 bytes, not real");
        int exit = new CommandLine(new Main()).execute("import", "--format", "csv", "--input", TSV.toString(), "--mapping",
                MAPPING.toString(), "--key-file", keyFile.toString(), "--errors", imported.resolve("errors.txt").toString(),
                "--output", events.toString());
        assertThat(exit).isZero();
        assertThat(Files.readString(imported.resolve("errors.txt"))).isEmpty();
    }

    @Test
    void callerFiguresOfEveryQueueOfFebruary1999AreThoseOfTheTsvsCustomers(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        List<String> log = replayWithLogCaptured(kafka, events, out, "1", dir.getFileName().toString());

        List<Map<String, String>> rows = readWithHeader(out.resolve("caller_metrics.csv"), CALLER_COLUMNS);
        Map<String, Map<String, String>> months = new TreeMap<>();
        for (Map<String, String> row : rows) {
            if (row.get("channel").equals("CALL") && row.get("granularity").equals("month")) {
                assertThat(row.get("interval_start")).isEqualTo(MONTH_START);
                months.put(row.get("queue"), row);
            }
        }
        assertThat(months.keySet()).isEqualTo(EXPECTED.keySet());
        SoftAssertions softly = new SoftAssertions(); // every differing cell named at once
        for (Map.Entry<String, Map<String, Long>> queue : EXPECTED.entrySet()) {
            Map<String, String> month = months.get(queue.getKey());
            queue.getValue().forEach((column, expected) ->
                    softly.assertThat(month.get(column)).as(queue.getKey() + " " + column).isEqualTo(Long.toString(expected)));
            // With a smallest cell of 1 nothing is hidden.
            softly.assertThat(month.get("suppressed_cells")).as(queue.getKey()).isEmpty();
        }
        softly.assertAll();
        assertNoCallerIdentityIn(out, log, "caller_metrics.csv", "reason_metrics.csv");
    }

    @Test
    void smallCellsOfTheBankMonthAreHiddenAndCannotBeWorkedOutFromTheSums(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        // The bank recorded no reason for a call; to give the reason figures cells of every size, each
        // call gets its customer's priority (0, 1 or 2 in the TSV) as its reason, on its OFFERED event.
        Path withReasons = dir.resolve("events-with-reasons.jsonl");
        try (Writer writer = Files.newBufferedWriter(withReasons)) {
            for (String line : Files.readAllLines(events)) {
                ObjectNode event = (ObjectNode) JSON.readTree(line);
                if (event.path("kind").asText().equals("contact") && event.path("type").asText().equals("OFFERED")) {
                    event.put("reason", "priority-" + PRIORITY_BY_CALL.get(event.path("contactId").asText()));
                }
                writer.write(JSON.writeValueAsString(event) + "\n");
            }
        }
        List<String> log = replayWithLogCaptured(kafka, withReasons, out, null, dir.getFileName().toString());
        int k = 10; // kic.privacy.min-cell's default

        List<Map<String, String>> callers = readWithHeader(out.resolve("caller_metrics.csv"), CALLER_COLUMNS);
        assertThat(callers).isNotEmpty();
        List<Map<String, String>> reasons = readWithHeader(out.resolve("reason_metrics.csv"), REASON_COLUMNS);
        assertThat(reasons).extracting(r -> r.get("reason")).containsOnly("priority-0", "priority-1", "priority-2");

        int hiddenCells = 0;
        for (Map<String, String> row : callers) {
            String where = row.get("queue") + " " + row.get("granularity") + " " + row.get("interval_start");
            for (String column : CALLER_PERSON_COUNTS) {
                assertNotSmall(row.get(column), k, where + " " + column);
            }
            assertThat(row.get("unidentified_contacts")).as(where).isNotEmpty();
            if (row.get("callers").isEmpty()) {
                assertThat(row.get("attempts")).as(where + " attempts with callers hidden").isEmpty();
            }
            if (row.get("reached").isEmpty()) {
                // Its parts would bound it; where nobody tried twice, reached at the first attempt would be reached itself.
                assertThat(List.of(row.get("reached_first_attempt"), row.get("reached_within_1_working_day")))
                        .as(where + " the parts of a hidden reached").allMatch(c -> c.isEmpty() || c.equals("0"));
            }
            List<String> empty = CALLER_HIDEABLE.stream().filter(c -> row.get(c).isEmpty()).toList();
            assertThat(row.get("suppressed_cells")).as(where).isEqualTo(String.join(";", empty));
            hiddenCells += empty.size();

            assertNotExactlyOneHidden(List.of(row.get("callers"), row.get("reached"), row.get("still_open"), row.get("never_reached")),
                    where + ": callers = reached + still_open + never_reached");
            List<String> bucketSum = new ArrayList<>(List.of(row.get("callers")));
            BUCKETS.forEach(b -> bucketSum.add(row.get(b)));
            assertNotExactlyOneHidden(bucketSum, where + ": callers = the attempt buckets");
        }
        // The month has people in cells of 1 to 9 (days of the small queues): the test is not vacuous.
        assertThat(hiddenCells).isPositive();
        assertYearIsSumOfMonths(callers, CALLER_HIDEABLE);
        assertAllIsSumOfQueues(callers, List.of("attempts"), "");
        // Attempts are contacts, so a month's and a week's are also the sum of their days'.
        assertPeriodIsSumOfDays(callers, "month", "attempts");
        assertPeriodIsSumOfDays(callers, "week", "attempts");

        int hiddenReasonCells = 0;
        for (Map<String, String> row : reasons) {
            String where = row.get("queue") + " " + row.get("granularity") + " " + row.get("interval_start") + " a reason";
            REASON_PERSON_COUNTS.forEach(column -> assertNotSmall(row.get(column), k, where + " " + column));
            List<String> named = row.get("suppressed_cells").isEmpty() ? List.of() : List.of(row.get("suppressed_cells").split(";"));
            assertThat(named.stream().filter(REASON_PERSON_COUNTS::contains).toList()).as(where)
                    .isEqualTo(REASON_PERSON_COUNTS.stream().filter(c -> row.get(c).isEmpty()).toList());
            hiddenReasonCells += named.size();
            assertThat(named).as(where).allMatch(c -> (REASON_PERSON_COUNTS.contains(c) || REASON_RATIOS.contains(c)) && row.get(c).isEmpty());
        }
        assertThat(hiddenReasonCells).isPositive();
        assertYearIsSumOfMonths(reasons, REASON_PERSON_COUNTS);
        assertAllIsSumOfQueues(reasons, List.of("contacts", "answered"), "reason");
        assertNoCallerIdentityIn(out, log, "caller_metrics.csv", "reason_metrics.csv");

        Path report = dir.resolve("report");
        assertApiAndItsReportShowTheCsvsCells(kafka, withReasons, dir, callers, reasons, report, k);
        assertNoCallerIdentityIn(report, List.of(), "report.csv", "report.html", "report.pdf", "report.md", "report.json");
    }

    /**
     * The same month through the API of a running application: every caller and reason row of every
     * granularity equals the CSV's, hidden cells included; and the report made from that API shows no
     * count of people from 1 to k−1 in its callers' and reasons' tables nor in report.csv.
     */
    private static void assertApiAndItsReportShowTheCsvsCells(TestKafka kafka, Path input, Path dir, List<Map<String, String>> callers,
                                                             List<Map<String, String>> reasons, Path report, int k) throws Exception {
        KicConfig config = kafka.config().withStateDir(Files.createDirectories(dir.resolve("state")))
                .withSchemaRegistryUrl("mock://bank-callers-api-" + dir.getFileName()).withHttpPort(0);
        Instant clock = ReplayInput.scan(List.of(input)).clock();
        try (Service service = Service.start(config, ApplicationClock.fixed(clock));
             EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            ReplayInput.forEachEvent(List.of(input), read -> producer.send(read.event(), read.simulated()));
            producer.flush();
            service.app.awaitProcessed(Duration.ofMinutes(2));
            String api = "http://127.0.0.1:" + service.api.port();
            for (String granularity : List.of("day", "week", "month", "year")) {
                assertSameRows(api + "/api/callers/metrics?granularity=" + granularity, callers, granularity, CALLER_COLUMNS, List.of());
                assertSameRows(api + "/api/reasons/metrics?granularity=" + granularity, reasons, granularity, REASON_COLUMNS,
                        List.of("reason"));
            }
            int exit = new CommandLine(new Main()).execute("report", "--period", "1999-02", "--api", api, "--output", report.toString());
            assertThat(exit).isZero();
        }
        List<String> facts = Files.readAllLines(report.resolve("report.csv"));
        int counts = 0;
        for (String line : facts.subList(1, facts.size())) {
            String[] f = line.split(",", -1); // section,indicator,period,channel,queue_or_category,value,norm,previous_year_value
            boolean person = f[0].equals("callers") && f[1].equals("callers") || f[0].equals("reasons") && f[1].equals("contacts");
            if (person) {
                assertNotSmall(f[5], k, "report.csv " + line);
                counts++;
            }
        }
        assertThat(counts).as("report.csv holds the callers and the reasons' contacts").isPositive();
        String html = Files.readString(report.resolve("report.html"));
        int cells = 0;
        // A month's report: its month row is the last row of the queue table (no table of one month).
        assertThat(html).doesNotContain("id=\"caller-months\"");
        for (String table : List.of("caller-queues", "caller-attempts", "caller-reasons")) {
            Matcher body = Pattern.compile("<table[^>]*id=\"" + table + "\".*?</table>", Pattern.DOTALL).matcher(html);
            assertThat(body.find()).as(table + " in report.html").isTrue();
            List<String> headers = new ArrayList<>();
            Matcher th = Pattern.compile("<th[^>]*scope=\"col\"[^>]*>(.*?)</th>", Pattern.DOTALL).matcher(body.group());
            while (th.find()) {
                headers.add(th.group(1).replaceAll("<[^>]+>", "").trim());
            }
            Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body.group());
            while (row.find()) {
                Matcher cell = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL).matcher(row.group(1));
                for (int column = 0; cell.find(); column++) {
                    String value = cell.group(1).replaceAll("<[^>]+>", "").trim();
                    // Past the row's name, a whole number is a count of people, but for the contacts of withheld numbers.
                    if (column > 0 && value.matches("[0-9.]+") && !headers.get(column).equals("Contacten zonder nummer")) {
                        assertNotSmall(value.replace(".", ""), k, table + " " + headers.get(column) + " in report.html");
                        cells++;
                    }
                }
            }
        }
        assertThat(cells).as("counts of people in the report's tables").isPositive();
    }

    /** The API's rows of {@code granularity} are the CSV's, cell for cell (null for an empty cell). */
    private static void assertSameRows(String url, List<Map<String, String>> csv, String granularity, List<String> columns,
                                       List<String> keyColumns) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        Map<String, Map<String, String>> expected = new TreeMap<>();
        csv.stream().filter(r -> r.get("granularity").equals(granularity)).forEach(r -> expected.put(rowKey(r::get, keyColumns), r));
        Map<String, Map<String, String>> answered = new TreeMap<>();
        for (JsonNode row : JSON.readTree(response.body()).path("rows")) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (String column : columns) {
                JsonNode value = row.path(column);
                assertThat(value.isMissingNode()).as(url + " field " + column).isFalse();
                cells.put(column, value.isNull() ? "" : value.asText());
            }
            answered.put(rowKey(cells::get, keyColumns), cells);
        }
        assertThat(answered.keySet()).as(url).isEqualTo(expected.keySet());
        for (Map.Entry<String, Map<String, String>> row : expected.entrySet()) {
            for (String column : columns) {
                String csvCell = row.getValue().get(column);
                String apiCell = answered.get(row.getKey()).get(column);
                if (csvCell.matches("-?[0-9]+\\.[0-9]+")) {
                    // The CSV rounds a share to 6 decimals and seconds to 3; the API gives the whole double.
                    int decimals = csvCell.length() - csvCell.indexOf('.') - 1;
                    assertThat(Math.abs(Double.parseDouble(apiCell) - Double.parseDouble(csvCell))).as(url + " " + row.getKey() + " " + column)
                            .isLessThanOrEqualTo(0.5 * Math.pow(10, -decimals) + 1e-12);
                } else {
                    assertThat(apiCell).as(url + " " + row.getKey() + " " + column).isEqualTo(csvCell);
                }
            }
        }
    }

    private static String rowKey(java.util.function.Function<String, String> cell, List<String> extra) {
        StringBuilder key = new StringBuilder(cell.apply("channel") + "|" + cell.apply("queue") + "|" + cell.apply("interval_start"));
        extra.forEach(c -> key.append('|').append(cell.apply(c)));
        return key.toString();
    }

    /** The test's own caller figures of the month per queue and ALL, from the TSV and the definitions of docs/metrics.md. */
    private static void deriveCallerFigures() throws IOException {
        record Call(Instant queued, boolean answered) {
        }
        List<String> lines = Files.readAllLines(TSV);
        Map<String, Map<String, List<Call>>> attemptsByQueue = new TreeMap<>(); // queue or ALL → customer → attempts
        Map<String, Long> unidentified = new TreeMap<>();
        Map<String, Long> callsByCustomer = new HashMap<>();
        long phantom = 0;
        long neverQueued = 0;
        long queued = 0;
        long answered = 0;
        long abandoned = 0;
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t", -1);
            if (f[12].equals("PHANTOM")) {
                phantom++;
                continue;
            }
            if (f[9].equals("0:00:00")) {
                neverQueued++;
                continue;
            }
            queued++;
            PRIORITY_BY_CALL.put(f[0] + "-" + f[1], f[3]);
            boolean isAnswered = f[12].equals("AGENT");
            assertThat(isAnswered || f[12].equals("HANG")).as("line %d's outcome", n + 1).isTrue();
            if (isAnswered) {
                answered++;
            } else {
                abandoned++;
            }
            if (!isAnswered && Long.parseLong(f[11]) < SHORT_ABANDON_SECONDS) {
                continue; // a short abandon: no attempt
            }
            // Two-digit years of this data set are 19xx.
            LocalDate day = LocalDate.parse("19" + f[5], DateTimeFormatter.ofPattern("yyyyMMdd"));
            Instant at = day.atTime(LocalTime.parse(f[9], DateTimeFormatter.ofPattern("H:mm:ss"))).atZone(ISRAEL).toInstant();
            // Every call of the file lies in February 1999 in Amsterdam too: one month row, one caller key per customer.
            assertThat(YearMonth.from(at.atZone(AMSTERDAM))).isEqualTo(YearMonth.of(1999, 2));
            String queue = QUEUES.get(f[4]);
            assertThat(queue).as("line %d's type", n + 1).isNotNull();
            for (String row : List.of(queue, "ALL")) {
                if (f[2].equals(WITHHELD)) {
                    unidentified.merge(row, 1L, Long::sum);
                } else {
                    attemptsByQueue.computeIfAbsent(row, q -> new HashMap<>()).computeIfAbsent(f[2], c -> new ArrayList<>())
                            .add(new Call(at, isAnswered));
                }
            }
            if (!f[2].equals(WITHHELD)) {
                callsByCustomer.merge(f[2], 1L, Long::sum);
            }
        }
        // The figures of the data set's description, as a check of this test's own reading of the TSV.
        assertThat(phantom).isEqualTo(278);
        assertThat(neverQueued).isEqualTo(15_008);
        assertThat(queued).isEqualTo(18_058);
        assertThat(answered).isEqualTo(14_095);
        assertThat(abandoned).isEqualTo(3_963);
        // The import keeps a number's digits; a few customer ids of the TSV are spreadsheet-mangled
        // (6.02157E+11), and none of them shares its digits with another id, so each id is one caller.
        Set<String> customers = callsByCustomer.keySet();
        assertThat(customers.stream().map(id -> id.replaceAll("\\D", "")).distinct().count()).isEqualTo(customers.size());

        for (String queue : Stream.concat(QUEUES.values().stream(), Stream.of("ALL")).toList()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String column : List.of("callers", "reached", "reached_first_attempt", "still_open", "never_reached", "attempts",
                    "attempts_1", "attempts_2", "attempts_3", "attempts_4", "attempts_5_9", "attempts_10_plus")) {
                counts.put(column, 0L);
            }
            for (List<Call> calls : attemptsByQueue.getOrDefault(queue, Map.of()).values()) {
                calls.sort(Comparator.comparing(Call::queued));
                // No customer has two attempts at the same second, so the earliest attempt needs no tie-break.
                assertThat(calls.size() < 2 || calls.get(0).queued().isBefore(calls.get(1).queued())).isTrue();
                boolean reached = calls.stream().anyMatch(Call::answered);
                int n = calls.size();
                counts.merge("callers", 1L, Long::sum);
                counts.merge(reached ? "reached" : "never_reached", 1L, Long::sum);
                counts.merge("reached_first_attempt", calls.get(0).answered() ? 1L : 0L, Long::sum);
                counts.merge("attempts", (long) n, Long::sum);
                counts.merge(n >= 10 ? "attempts_10_plus" : n >= 5 ? "attempts_5_9" : "attempts_" + n, 1L, Long::sum);
            }
            counts.put("unidentified_contacts", unidentified.getOrDefault(queue, 0L));
            EXPECTED.put(queue, counts);
        }
        frequentCustomers = callsByCustomer.entrySet().stream().filter(e -> e.getKey().matches("\\d{8,}"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(Map.Entry::getKey).toList();
        assertThat(frequentCustomers).hasSize(5);
    }

    /** Replays {@code input} to {@code out} with kic.privacy.min-cell set (or its default when null); returns what was logged meanwhile. */
    private static List<String> replayWithLogCaptured(TestKafka kafka, Path input, Path out, String minCell, String name) throws Exception {
        Properties settings = kafka.config().withSchemaRegistryUrl("mock://bank-callers-" + name).toProperties();
        if (minCell != null) {
            settings.setProperty("kic.privacy.min-cell", minCell);
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            Replay.Summary summary = Replay.run(List.of(input), out, KicConfig.fromProperties(settings), null);
            assertThat(summary.deadLetters()).isZero();
        } finally {
            root.detachAppender(appender);
        }
        List<String> log = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            log.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                log.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        return log;
    }

    /** No caller key of the imported events and no raw id of the most frequent customers in any output file or the log. */
    private static void assertNoCallerIdentityIn(Path out, List<String> log, String... expectedFiles) throws IOException {
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode key = JSON.readTree(line).path("callerKey");
            if (key.isTextual()) {
                keys.add(key.asText());
            }
        }
        assertThat(keys).hasSizeGreaterThan(1_000);
        List<String> forbidden = new ArrayList<>(keys);
        forbidden.addAll(frequentCustomers);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains(expectedFiles);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(forbidden).as(file.getFileName().toString()).noneMatch(text::contains);
        }
        String logged = String.join("\n", log);
        assertThat(forbidden).as("the log").noneMatch(logged::contains);
    }

    private static List<Map<String, String>> readWithHeader(Path file, List<String> columns) throws IOException {
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(String.join(",", columns));
        return CsvRows.read(file);
    }

    private static void assertNotSmall(String cell, int k, String where) {
        if (!cell.isEmpty()) {
            long value = Long.parseLong(cell);
            assertThat(value == 0 || value >= k).as(where + " = " + value).isTrue();
        }
    }

    /** A sum with exactly one hidden cell gives that cell away. */
    private static void assertNotExactlyOneHidden(List<String> cells, String relation) {
        assertThat(cells.stream().filter(String::isEmpty).count()).as(relation + " " + cells).isNotEqualTo(1L);
    }

    /** Each year row is the sum of its month rows (same channel, queue and, for reasons, reason). */
    private static void assertYearIsSumOfMonths(List<Map<String, String>> rows, List<String> columns) {
        Map<String, List<Map<String, String>>> bySeries = rows.stream().collect(Collectors.groupingBy(r ->
                r.get("channel") + "|" + r.get("queue") + "|" + r.getOrDefault("reason", "")));
        int years = 0;
        for (List<Map<String, String>> series : bySeries.values()) {
            for (Map<String, String> year : series.stream().filter(r -> r.get("granularity").equals("year")).toList()) {
                years++;
                String yearStart = year.get("interval_start").substring(0, 4);
                List<Map<String, String>> months = series.stream().filter(r -> r.get("granularity").equals("month")
                        && r.get("interval_start").startsWith(yearStart)).toList();
                assertThat(months).isNotEmpty();
                for (String column : columns) {
                    List<String> cells = new ArrayList<>(List.of(year.get(column)));
                    months.forEach(m -> cells.add(m.get(column)));
                    assertNotExactlyOneHidden(cells, year.get("queue") + " " + yearStart + ": the year's " + column + " = its months'");
                }
            }
        }
        assertThat(years == 0 && !rows.isEmpty()).as("year rows present").isFalse();
    }

    /** A month's or week's {@code column} is the sum of its day rows' (same channel and queue). */
    private static void assertPeriodIsSumOfDays(List<Map<String, String>> rows, String granularity, String column) {
        int periods = 0;
        for (Map<String, String> period : rows.stream().filter(r -> r.get("granularity").equals(granularity)).toList()) {
            periods++;
            LocalDate start = OffsetDateTime.parse(period.get("interval_start")).toLocalDate();
            LocalDate end = granularity.equals("week") ? start.plusWeeks(1) : start.plusMonths(1);
            List<String> cells = new ArrayList<>(List.of(period.get(column)));
            rows.stream().filter(r -> r.get("granularity").equals("day") && r.get("channel").equals(period.get("channel"))
                    && r.get("queue").equals(period.get("queue"))).forEach(day -> {
                        LocalDate date = OffsetDateTime.parse(day.get("interval_start")).toLocalDate();
                        if (!date.isBefore(start) && date.isBefore(end)) {
                            cells.add(day.get(column));
                        }
                    });
            assertNotExactlyOneHidden(cells, period.get("queue") + " " + granularity + " " + start + ": " + column + " = its days'");
        }
        assertThat(periods).isPositive();
    }

    /** An additive count of ALL is the sum of its queues' (same channel, granularity, interval and reason). */
    private static void assertAllIsSumOfQueues(List<Map<String, String>> rows, List<String> columns, String label) {
        Map<String, List<Map<String, String>>> byInterval = rows.stream().collect(Collectors.groupingBy(r -> r.get("channel") + "|"
                + r.get("granularity") + "|" + r.get("interval_start") + "|" + r.getOrDefault("reason", "")));
        for (Map.Entry<String, List<Map<String, String>>> interval : byInterval.entrySet()) {
            for (String column : columns) {
                List<String> cells = interval.getValue().stream().map(r -> r.get(column)).toList();
                assertNotExactlyOneHidden(cells, label + " " + interval.getKey() + ": ALL's " + column + " = its queues'");
            }
        }
    }
}
