package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.platform.input.EventJson;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary file beside an import's output is read only for the events it was written for. */
class ImportSummaryTest {
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theSummaryBesideTheEventsIsReadWhileTheyAreUnchanged(@TempDir Path dir) throws Exception {
        Path queueLog = dir.resolve("queue_log");
        Files.write(queueLog, List.of(
                "1677661200|NONE|NONE|NONE|QUEUESTART|",
                "1677661202|1677661202.1|asiel|NONE|ENTERQUEUE||0612345678|1",
                "1677661203|1677661202.1|asiel|SIP/jan|RINGNOANSWER|1000",
                "1677661204|1677661202.1|asiel|NONE|ABANDON|1|1|2",
                "1677661205|1677661202.1",
                ""));
        List<SpecificRecord> events = new ArrayList<>();
        ImportReport report = Import.run(Import.Format.ASTERISK_QUEUE_LOG, queueLog, ImportMapping.empty(), PSEUDONYMS,
                ZoneId.of("Europe/Amsterdam"), new StringWriter(), events::add);
        Path eventsFile = dir.resolve("calls.jsonl");
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(EventJson.toJson(e)));
        Files.write(eventsFile, lines);

        assertThat(ImportSummary.readBeside(eventsFile, sha256(eventsFile))).as("before the summary is written").isEmpty();
        ImportSummary.writeBeside(eventsFile, Import.Format.ASTERISK_QUEUE_LOG, queueLog, report);

        assertThat(ImportSummary.fileBeside(eventsFile)).isEqualTo(dir.resolve("calls.jsonl.import.json"));
        // The blank last line, QUEUESTART, RINGNOANSWER and the cut-off line: four lines of six made no event.
        assertThat(ImportSummary.readBeside(eventsFile, sha256(eventsFile))).contains(new ImportSummary("calls.jsonl",
                "asterisk-queue-log", "queue_log", sha256(queueLog), new TreeMap<>(Map.of("blank_lines", 1L, "queuestart_lines", 1L,
                        "ringnoanswer_lines", 1L, "unreadable_lines", 1L))));

        Files.writeString(eventsFile, lines.get(0) + "\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ImportSummary.readBeside(eventsFile, sha256(eventsFile)))
                .isInstanceOf(ImportSummary.MismatchException.class)
                .hasMessage("calls.jsonl.import.json was written for other events than those now in calls.jsonl");
    }
}
