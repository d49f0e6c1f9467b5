package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.checks.NameRule;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue_log as a careless supplier delivers it: every good line is imported, every bad one listed
 * with its number and a reason that quotes nothing of it, and the import goes on to the end.
 */
class ImportRobustnessTest {
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));
    private static final String PHONE = "+31612340000";

    @Test
    void everyGoodLineIsImportedAndEveryBadOneListedByNumberWithoutItsContent(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        line(log, "1677661202|c1|asiel|NONE|ENTERQUEUE||0612345678|1".getBytes(StandardCharsets.UTF_8));             // 1
        line(log, "1677661203|c2|asiel|NONE|ENTERQUEUE||Ren\u00e9 Dupont|1".getBytes(StandardCharsets.ISO_8859_1));  // 2: Latin-1
        line(log, ("1677661204|c3|asiel|NONE|ENTERQUEUE||" + "9".repeat(10_000_000) + "|1").getBytes(StandardCharsets.UTF_8)); // 3: 10 MB
        line(log, "99999999999999999|c4|asiel|NONE|ENTERQUEUE||0612345678|1".getBytes(StandardCharsets.UTF_8));      // 4: overflow
        line(log, ("1677661205|c5|asiel|NONE|" + PHONE + "|x").getBytes(StandardCharsets.UTF_8));                    // 5: a number as event
        line(log, ("1677661206||asiel|NONE|Jan de Vries|x").getBytes(StandardCharsets.UTF_8));                       // 6: a name, no uniqueid
        line(log, new byte[] {0, (byte) 0xFF, (byte) 0xFE, 1, 2, (byte) 0xC3, 0x28});                                 // 7: binary
        line(log, "1677661222|c1|asiel|SIP/jan|CONNECT|20|1677661222.2|3".getBytes(StandardCharsets.UTF_8));         // 8
        Path file = dir.resolve("queue_log");
        Files.write(file, log.toByteArray());

        List<SpecificRecord> events = new ArrayList<>();
        StringWriter errors = new StringWriter();
        ImportReport report = Import.run(Import.Format.ASTERISK_QUEUE_LOG, file, ImportMapping.empty(), PSEUDONYMS,
                ZoneId.of("Europe/Amsterdam"), errors, events::add);

        assertThat(events.stream().filter(e -> e instanceof ContactEvent).map(e -> ((ContactEvent) e).getType().name()))
                .containsExactly("OFFERED", "ANSWERED");
        assertThat(errors.toString().lines()).containsExactly(
                "line 2: not valid UTF-8 text (another encoding?)",
                "line 3: longer than 1048576 bytes",
                "line 4: the time is not a Unix time of the years 1970 to 9999",
                "line 6: an event without a uniqueid",
                "line 7: not valid UTF-8 text (another encoding?)");
        assertThat(report.linesRead()).isEqualTo(8);
        assertThat(report.errors()).isEqualTo(5);
        // A field that is not an Asterisk event is counted as other_event_lines, never under its text.
        assertThat(report.skipped()).containsEntry("other_event_lines", 1L);
        assertThat(report.summary()).doesNotContain(PHONE).doesNotContain("Jan de Vries").doesNotContain("0612345678");
        assertThat(errors.toString()).doesNotContain(PHONE).doesNotContain("Jan de Vries").doesNotContain("Dupont");

        // Read as Latin-1, line 2 is a call too (and line 7's bytes are Latin-1 characters, but no line).
        List<SpecificRecord> latin1 = new ArrayList<>();
        StringWriter latin1Errors = new StringWriter();
        Import.run(Import.Format.ASTERISK_QUEUE_LOG, file, StandardCharsets.ISO_8859_1, 1 << 20, ImportMapping.empty(), PSEUDONYMS,
                ZoneId.of("Europe/Amsterdam"), latin1Errors, latin1::add);
        assertThat(latin1.stream().filter(e -> e instanceof ContactEvent).map(e -> ((ContactEvent) e).getContactId()).distinct().count())
                .isEqualTo(2);
        assertThat(latin1Errors.toString()).doesNotContain("line 2:");
    }

    private static void line(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(bytes);
        out.write('\n');
    }

    @Test
    void utf16WithItsByteOrderMarkIsReadInEitherByteOrderAndWithoutItNothingIs(@TempDir Path dir) throws Exception {
        String text = "1677661202|c1|asiel|NONE|ENTERQUEUE||0612345678|1\r\n"
                + "1677661222|c1|asiel|SIP/Ren\u00e9|CONNECT|20|1677661222.2|3\r\n"
                + "1677661300|c2|asiel|NONE|ENTERQUEUE||0612345679|1";
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        for (Charset order : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            Path file = dir.resolve("queue_log-" + order.name());
            // The byte-order mark, U+FEFF, written in the file's own order.
            Files.write(file, ("\uFEFF" + text).getBytes(order));
            List<SpecificRecord> events = new ArrayList<>();
            StringWriter errors = new StringWriter();
            Import.run(Import.Format.ASTERISK_QUEUE_LOG, file, StandardCharsets.UTF_16, 1 << 20, ImportMapping.empty(), PSEUDONYMS,
                    zone, errors, events::add);
            assertThat(events.stream().filter(e -> e instanceof ContactEvent).map(e -> ((ContactEvent) e).getType().name()))
                    .as(order.name()).containsExactly("OFFERED", "ANSWERED", "OFFERED");
            assertThat(errors.toString()).as(order.name()).isEmpty();
        }
        Path withoutMark = dir.resolve("queue_log-no-mark");
        Files.write(withoutMark, text.getBytes(StandardCharsets.UTF_16LE));
        StringWriter errors = new StringWriter();
        ImportReport report = Import.run(Import.Format.ASTERISK_QUEUE_LOG, withoutMark, StandardCharsets.UTF_16, 1 << 20,
                ImportMapping.empty(), PSEUDONYMS, zone, errors, e -> { });
        assertThat(errors.toString()).isEqualTo("line 1: UTF-16 text without a byte-order mark\n");
        assertThat(report.eventsWritten()).isZero();
        // A line longer than the limit, and half a character at the end, are listed; the lines between are read.
        Path broken = dir.resolve("queue_log-broken");
        byte[] lines = ("\uFEFF1677661202|c1|asiel|NONE|ENTERQUEUE||" + "9".repeat(300) + "|1\n"
                + "1677661300|c2|asiel|NONE|ENTERQUEUE||0612345679|1\n1677661400|c3|asiel|NONE|ENTERQUEUE||0612345670|1")
                .getBytes(StandardCharsets.UTF_16LE);
        byte[] oddEnd = Arrays.copyOf(lines, lines.length + 1);
        Files.write(broken, oddEnd);
        StringWriter brokenErrors = new StringWriter();
        List<SpecificRecord> read = new ArrayList<>();
        Import.run(Import.Format.ASTERISK_QUEUE_LOG, broken, StandardCharsets.UTF_16, 200, ImportMapping.empty(), PSEUDONYMS, zone,
                brokenErrors, read::add);
        assertThat(brokenErrors.toString().lines()).containsExactly("line 1: longer than 200 bytes",
                "line 3: not valid UTF-16 text (another encoding?)");
        assertThat(read).hasSize(1);
        // An empty file has no lines, as in every other encoding.
        Path empty = Files.createFile(dir.resolve("queue_log-empty"));
        StringWriter emptyErrors = new StringWriter();
        Import.run(Import.Format.ASTERISK_QUEUE_LOG, empty, StandardCharsets.UTF_16, 1 << 20, ImportMapping.empty(), PSEUDONYMS, zone,
                emptyErrors, e -> { });
        assertThat(emptyErrors.toString()).isEmpty();
    }

    @Test
    void aQueueTheApplicationWouldRefuseIsListedAsTheLinesErrorAndNeverWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queue_log");
        Files.writeString(file, String.join("\n",
                "1677661202|c1|asiel|NONE|ENTERQUEUE||0612345678|1",        // 1: a listed queue
                "1677661203|c2|=1+1|NONE|ENTERQUEUE||0612345678|1",         // 2: a formula
                "1677661204|c3| all |NONE|ENTERQUEUE||0612345678|1",        // 3: the reserved name
                "1677661205|c4|0687654321|NONE|ENTERQUEUE||asiel|1",         // 4: a number shifted into the queue's place
                "1677661206|c5|Jan de Vries|NONE|ENTERQUEUE||0612345678|1",  // 5: a name shifted into it
                "1677661207|NONE|NONE|SIP/jan|PAUSEALL|",                   // 6: an agent line of no queue
                "1677661208|c6|1001|NONE|ENTERQUEUE||0612345678|1"));       // 7: renamed to werk
        Properties mapping = new Properties();
        mapping.setProperty("queues", "asiel, werk");
        mapping.setProperty("queue.1001", "werk");
        List<SpecificRecord> events = new ArrayList<>();
        StringWriter errors = new StringWriter();
        Import.run(Import.Format.ASTERISK_QUEUE_LOG, file, ImportMapping.of(mapping), PSEUDONYMS, ZoneId.of("Europe/Amsterdam"), errors,
                events::add);
        assertThat(events.stream().filter(e -> e instanceof ContactEvent).map(e -> ((ContactEvent) e).getQueue()))
                .containsExactly("asiel", "werk");
        assertThat(errors.toString().lines()).containsExactly(
                "line 2: invalid_name: field 'queue' does not match kic.name-pattern",
                "line 3: invalid_name: field 'queue' is ALL, the reserved name of the totals",
                "line 4: unknown_queue: field 'queue' is not in the mapping's queue list (queues=)",
                "line 5: unknown_queue: field 'queue' is not in the mapping's queue list (queues=)");

        // kic.queues stops what the mapping's list would let through.
        StringWriter configured = new StringWriter();
        Import.run(Import.Format.ASTERISK_QUEUE_LOG, file, ImportMapping.empty().checkedBy(NameRule.of(".+"),
                Set.of("asiel")), PSEUDONYMS, ZoneId.of("Europe/Amsterdam"), configured, e -> { });
        assertThat(configured.toString().lines()).containsExactly(
                "line 2: unknown_queue: field 'queue' is not in the configured queue list (kic.queues)",
                "line 3: invalid_name: field 'queue' is ALL, the reserved name of the totals",
                "line 4: unknown_queue: field 'queue' is not in the configured queue list (kic.queues)",
                "line 5: unknown_queue: field 'queue' is not in the configured queue list (kic.queues)",
                "line 7: unknown_queue: field 'queue' is not in the configured queue list (kic.queues)");
    }
}
