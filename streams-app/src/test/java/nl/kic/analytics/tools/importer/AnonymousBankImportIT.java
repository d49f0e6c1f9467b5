package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.cli.Main;
import nl.kic.analytics.tools.replay.CsvRows;
import nl.kic.analytics.tools.replay.Replay;
import nl.kic.analytics.tools.replay.ReplaySummaryFile;
import nl.kic.analytics.tools.report.ReportFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real calls of February 1999 (the anonymous bank of ../shared/data) through {@code import} and
 * {@code replay}, once as an Asterisk queue_log that this test writes from the TSV with its own code,
 * once through the CSV mapping shipped in docs/examples, each with the {@code import} command. Both
 * give, per queue, the statistics taken straight from the TSV; what each import left out (never-queued
 * calls and phantom records of the TSV, RINGNOANSWER and broken lines of the queue_log) is in the
 * summary file beside its output, and the replay records it.
 */
@ExtendWith(SharedBroker.class)
class AnonymousBankImportIT {
    private static final Path TSV = Path.of("../../shared/data/anonymous-bank/anonymous_bank_1999_02.tsv");
    private static final Path MAPPING = Path.of("../docs/examples/anonymous-bank.mapping");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ISRAEL = ZoneId.of("Asia/Jerusalem");
    /** Per queue: queued, answered, abandoned, summed wait of the answered (s); read straight from the TSV. */
    private static final Map<String, long[]> EXPECTED = new TreeMap<>();
    private static List<String[]> rows;

    @BeforeAll
    static void readTheTsv() throws IOException {
        Assumptions.assumeTrue(Files.exists(TSV), "skipped: " + TSV.toAbsolutePath() + " is not there");
        ImportMapping mapping = ImportMapping.load(MAPPING);
        rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(TSV);
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t", -1);
            rows.add(f);
            if (f[9].equals("0:00:00") || f[12].equals("PHANTOM")) {
                continue; // never queued, or no real call
            }
            long[] counts = EXPECTED.computeIfAbsent(mapping.queue(f[4]), q -> new long[4]);
            counts[0]++;
            if (f[12].equals("AGENT")) {
                counts[1]++;
                counts[3] += Long.parseLong(f[11]);
            } else {
                counts[2]++;
            }
        }
        long[] all = new long[4];
        EXPECTED.values().forEach(c -> {
            for (int i = 0; i < 4; i++) {
                all[i] += c[i];
            }
        });
        // The figures published with the data set, as a check of this test's own reading of the TSV.
        assertThat(all[0]).isEqualTo(18_058);
        assertThat(all[1]).isEqualTo(14_095);
        assertThat(all[2]).isEqualTo(3_963);
        assertThat((double) all[3] / all[1]).isCloseTo(78.6, within(0.05));
        EXPECTED.put("ALL", all);
    }

    @Test
    void aQueueLogWrittenFromTheTsvImportsToItsStatistics(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path queueLog = dir.resolve("queue_log");
        int ringNoAnswer = writeQueueLog(queueLog);
        Path events = dir.resolve("events.jsonl");
        assertThat(importCommand(dir, "asterisk-queue-log", queueLog, events)).isZero();
        String errors = Files.readString(dir.resolve("errors.txt"));
        assertThat(errors.lines()).hasSize(1);
        assertThat(errors).startsWith("line ").contains(": too few fields (2");

        // Beside the output, what the import left out: the RINGNOANSWER lines and the truncated one.
        SortedMap<String, Long> leftOut = new TreeMap<>(Map.of("ringnoanswer_lines", (long) ringNoAnswer, "unreadable_lines", 1L));
        assertImportSummaryBeside(events, "asterisk-queue-log", queueLog, Files.readAllLines(queueLog).size(), leftOut);
        Replay.Summary summary = assertFiguresPerQueue(kafka, dir, events);
        assertImportsRecorded(dir, summary, new ImportSummary("events.jsonl", "asterisk-queue-log", "queue_log", sha256(queueLog), leftOut));
    }

    @Test
    void theTsvThroughTheShippedCsvMappingImportsToItsStatistics(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        assertThat(importCommand(dir, "csv", TSV, events)).isZero();
        assertThat(Files.readString(dir.resolve("errors.txt"))).isEmpty();

        long phantom = rows.stream().filter(f -> f[12].equals("PHANTOM")).count();
        long neverQueued = rows.stream().filter(f -> !f[12].equals("PHANTOM") && f[9].equals("0:00:00")).count();
        // The figures of the data set's description, as a check of this test's own reading of the TSV.
        assertThat(phantom).isEqualTo(278);
        assertThat(neverQueued).isEqualTo(15_008);
        SortedMap<String, Long> leftOut = new TreeMap<>(Map.of("header_lines", 1L, "never_queued_calls", neverQueued,
                "phantom_records", phantom, "unreadable_lines", 0L));
        assertImportSummaryBeside(events, "csv", TSV, rows.size() + 1, leftOut);
        Replay.Summary summary = assertFiguresPerQueue(kafka, dir, events);
        assertImportsRecorded(dir, summary, new ImportSummary("events.jsonl", "csv", TSV.getFileName().toString(), sha256(TSV), leftOut));

        // The report's data quality says what the import left out, never 0 for what it skipped.
        Path report = dir.resolve("report");
        ReportFiles.Command result = ReportFiles.command("report", "--period", "1999-02", "--replay-output", dir.resolve("out").toString(),
                "--format", "html,csv", "--output", report.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(ReportFiles.tableRows(ReportFiles.xhtml(report.resolve("report.html")), "imports")).contains(
                List.of("events.jsonl: gesprekken die nooit in een wachtrij kwamen", "15.008"),
                List.of("events.jsonl: spookregistraties (PHANTOM)", "278"));
        assertThat(Files.readAllLines(report.resolve("report.csv"))).contains("data_quality,import_never_queued_calls,input,,events.jsonl,15008,,",
                "data_quality,import_phantom_records,input,,events.jsonl,278,,");
    }

    /** Runs {@code import} as an operator does, with the key in a file, to {@code events}; returns its exit code. */
    private static int importCommand(Path dir, String format, Path input, Path events) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("key"), "a test key of 32 bytes, not real");
        return new CommandLine(new Main()).execute("import", "--format", format, "--input", input.toString(), "--mapping",
                MAPPING.toString(), "--key-file", keyFile.toString(), "--errors", dir.resolve("errors.txt").toString(),
                "--output", events.toString());
    }

    /** The summary file beside the events: the source by name (never its path) and SHA-256, what was left out, the events by kind. */
    private static void assertImportSummaryBeside(Path events, String format, Path source, long linesRead, SortedMap<String, Long> leftOut)
            throws IOException {
        JsonNode written = JSON.readTree(events.resolveSibling(events.getFileName() + ".import.json").toFile());
        assertThat(written.path("format").asText()).isEqualTo(format);
        assertThat(written.path("sourceFile").asText()).isEqualTo(source.getFileName().toString());
        assertThat(written.toString()).doesNotContain(source.toAbsolutePath().getParent().toString());
        assertThat(written.path("sourceSha256").asText()).isEqualTo(sha256(source));
        assertThat(written.path("eventsSha256").asText()).isEqualTo(sha256(events));
        assertThat(written.path("linesRead").asLong()).isEqualTo(linesRead);
        Map<String, Long> counts = new TreeMap<>();
        written.path("countsByReason").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        assertThat(counts).isEqualTo(leftOut);
        Map<String, Long> byKind = new TreeMap<>();
        for (String line : Files.readAllLines(events)) {
            byKind.merge(JSON.readTree(line).path("kind").asText(), 1L, Long::sum);
        }
        byKind.putIfAbsent("agent", 0L);
        assertThat(written.path("eventsWritten").path("contact").asLong()).isEqualTo(byKind.get("contact"));
        assertThat(written.path("eventsWritten").path("agent").asLong()).isEqualTo(byKind.get("agent"));
    }

    /** The replay of the events records the import's summary in replay_summary.json, and reads it back. */
    private static void assertImportsRecorded(Path dir, Replay.Summary summary, ImportSummary expected) throws IOException {
        assertThat(summary.imports()).containsExactly(expected);
        JsonNode imports = JSON.readTree(dir.resolve("out").resolve(ReplaySummaryFile.NAME).toFile()).path("imports");
        assertThat(imports.size()).isEqualTo(1);
        assertThat(imports.get(0).path("input").asText()).isEqualTo("events.jsonl");
        assertThat(imports.get(0).path("countsByReason").size()).isEqualTo(expected.countsByReason().size());
        expected.countsByReason().forEach((reason, count) ->
                assertThat(imports.get(0).path("countsByReason").path(reason).asLong()).as(reason).isEqualTo(count));
        assertThat(ReplaySummaryFile.read(dir.resolve("out")).imports()).containsExactly(expected);
    }

    /** The test's own SHA-256 of a file, in lower-case hex. */
    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Replay.Summary assertFiguresPerQueue(TestKafka kafka, Path dir, Path events) throws Exception {
        Replay.Summary summary = Replay.run(List.of(events), dir.resolve("out"), kafka.config().withSchemaRegistryUrl(
                "mock://bank-import-" + dir.getFileName()), null);
        assertThat(summary.deadLetters()).isZero();
        Map<String, Map<String, String>> months = new TreeMap<>();
        for (Map<String, String> row : CsvRows.read(dir.resolve("out/contact_metrics.csv"))) {
            if (row.get("granularity").equals("month")) {
                assertThat(row.get("interval_start")).isEqualTo("1999-02-01T00:00+01:00");
                months.put(row.get("queue"), row);
            }
        }
        assertThat(months.keySet()).isEqualTo(EXPECTED.keySet());
        for (Map.Entry<String, long[]> expected : EXPECTED.entrySet()) {
            Map<String, String> month = months.get(expected.getKey());
            long[] counts = expected.getValue();
            assertThat(Long.parseLong(month.get("offered"))).as(expected.getKey() + " offered").isEqualTo(counts[0]);
            assertThat(Long.parseLong(month.get("answered"))).as(expected.getKey() + " answered").isEqualTo(counts[1]);
            assertThat(Long.parseLong(month.get("abandoned"))).as(expected.getKey() + " abandoned").isEqualTo(counts[2]);
            assertThat(Double.parseDouble(month.get("asa_seconds"))).as(expected.getKey() + " mean wait")
                    .isCloseTo((double) counts[3] / counts[1], within(0.0005)); // the CSV has three decimals
        }
        return summary;
    }

    /**
     * The TSV as Asterisk would have logged it: ENTERQUEUE at q_start; CONNECT at q_exit and
     * COMPLETECALLER ser_time later, or ABANDON at q_exit; a RINGNOANSWER on every tenth answered call,
     * ADDMEMBER when an agent first takes a call of a queue, and one truncated line. In time order.
     * Returns the number of RINGNOANSWER lines.
     */
    private static int writeQueueLog(Path file) throws IOException {
        record Line(long time, int order, String text) {
        }
        List<Line> lines = new ArrayList<>();
        Set<String> members = new HashSet<>();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyMMdd");
        int ringNoAnswer = 0;
        int order = 0;
        for (String[] f : rows) {
            if (f[9].equals("0:00:00") || f[12].equals("PHANTOM")) {
                continue;
            }
            LocalDate date = LocalDate.parse(f[5], day).minusYears(100);
            long entered = LocalDateTime.of(date, LocalTime.parse(f[9], DateTimeFormatter.ofPattern("H:mm:ss"))).atZone(ISRAEL).toEpochSecond();
            long left = entered + Long.parseLong(f[11]);
            String call = f[0] + "-" + f[1];
            String queue = f[4];
            lines.add(new Line(entered, order++, entered + "|" + call + "|" + queue + "|NONE|ENTERQUEUE||" + f[2] + "|1"));
            if (f[12].equals("AGENT")) {
                String agent = f[16];
                if (members.add(agent + "|" + queue)) {
                    lines.add(new Line(entered - 1, order++, (entered - 1) + "|NONE|" + queue + "|" + agent + "|ADDMEMBER|"));
                }
                if (order % 10 == 0) {
                    lines.add(new Line(entered + 1, order++, (entered + 1) + "|" + call + "|" + queue + "|" + agent + "|RINGNOANSWER|1000"));
                    ringNoAnswer++;
                }
                lines.add(new Line(left, order++, left + "|" + call + "|" + queue + "|" + agent + "|CONNECT|" + f[11] + "|" + call + ".2|1"));
                long ended = left + Long.parseLong(f[15]);
                lines.add(new Line(ended, order++, ended + "|" + call + "|" + queue + "|" + agent + "|COMPLETECALLER|" + f[11] + "|"
                        + f[15] + "|1"));
            } else {
                lines.add(new Line(left, order++, left + "|" + call + "|" + queue + "|NONE|ABANDON|1|1|" + f[11]));
            }
        }
        lines.sort(Comparator.comparingLong(Line::time).thenComparingInt(Line::order));
        lines.add(lines.size() / 2, new Line(0, 0, "917871|AA0101-1"));
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Line line : lines) {
                out.write(line.text());
                out.newLine();
            }
        }
        return ringNoAnswer;
    }
}
