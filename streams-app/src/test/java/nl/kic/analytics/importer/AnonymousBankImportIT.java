package nl.kic.analytics.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.input.EventJson;
import nl.kic.analytics.replay.CsvRows;
import nl.kic.analytics.replay.Replay;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real calls of February 1999 (the anonymous bank of ../shared/data) through {@code import} and
 * {@code replay}, once as an Asterisk queue_log that this test writes from the TSV with its own code,
 * once through the CSV mapping shipped in docs/examples. Both give, per queue, the statistics taken
 * straight from the TSV.
 */
@ExtendWith(SharedBroker.class)
class AnonymousBankImportIT {
    private static final Path TSV = Path.of("../../shared/data/anonymous-bank/anonymous_bank_1999_02.tsv");
    private static final Path MAPPING = Path.of("../docs/examples/anonymous-bank.mapping");
    private static final ZoneId ISRAEL = ZoneId.of("Asia/Jerusalem");
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));
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
        StringWriter errors = new StringWriter();
        Path events = dir.resolve("events.jsonl");
        ImportReport report;
        try (BufferedWriter out = Files.newBufferedWriter(events)) {
            report = Import.run(Import.Format.ASTERISK_QUEUE_LOG, queueLog, ImportMapping.load(MAPPING), PSEUDONYMS,
                    ZoneId.of("Europe/Amsterdam"), errors, event -> write(out, event));
        }
        assertThat(report.errors()).isEqualTo(1);
        assertThat(errors.toString()).startsWith("line ").contains(": too few fields (2");
        assertThat(report.skipped()).containsEntry("RINGNOANSWER", (long) ringNoAnswer);
        assertFiguresPerQueue(kafka, dir, events);
    }

    @Test
    void theTsvThroughTheShippedCsvMappingImportsToItsStatistics(TestKafka kafka, @TempDir Path dir) throws Exception {
        StringWriter errors = new StringWriter();
        Path events = dir.resolve("events.jsonl");
        ImportReport report;
        try (BufferedWriter out = Files.newBufferedWriter(events)) {
            report = Import.run(Import.Format.CSV, TSV, ImportMapping.load(MAPPING), PSEUDONYMS, ZoneId.of("Europe/Amsterdam"), errors,
                    event -> write(out, event));
        }
        assertThat(errors.toString()).isEmpty();
        long phantom = rows.stream().filter(f -> f[12].equals("PHANTOM")).count();
        long neverQueued = rows.stream().filter(f -> !f[12].equals("PHANTOM") && f[9].equals("0:00:00")).count();
        assertThat(report.skipped()).containsEntry("outcome PHANTOM", phantom).containsEntry("never queued", neverQueued);
        assertThat(report.linesRead()).isEqualTo(rows.size() + 1);
        assertFiguresPerQueue(kafka, dir, events);
    }

    private static void assertFiguresPerQueue(TestKafka kafka, Path dir, Path events) throws Exception {
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
        lines.sort(java.util.Comparator.comparingLong(Line::time).thenComparingInt(Line::order));
        lines.add(lines.size() / 2, new Line(0, 0, "917871|AA0101-1"));
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Line line : lines) {
                out.write(line.text());
                out.newLine();
            }
        }
        return ringNoAnswer;
    }

    private static void write(BufferedWriter out, org.apache.avro.specific.SpecificRecord event) {
        try {
            out.write(EventJson.toJson(event));
            out.newLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
