package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import nl.kic.analytics.tools.importer.ImportSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay_summary.json} holds what the report relies on, and a summary of an earlier version still reads. */
class ReplaySummaryFileTest {

    @Test
    void theSimulatedEventsTheRefusedEventsAndTheImportsAreWrittenAndReadBack(@TempDir Path dir) throws Exception {
        SortedMap<String, SortedMap<String, Long>> refused = new TreeMap<>();
        refused.put("CALL", new TreeMap<>(Map.of("2022-03-01", 12L, "2022-03-02", 1L)));
        refused.put("UNKNOWN", new TreeMap<>(Map.of("unknown", 2L)));
        ImportSummary imported = new ImportSummary("bank.jsonl", "csv", "anonymous_bank_1999_02.tsv", "ab".repeat(32),
                new TreeMap<>(Map.of("never_queued_calls", 15_008L, "phantom_records", 278L, "unreadable_lines", 0L)));
        Replay.Summary summary = new Replay.Summary(10, 20, 30, 1, 2, 3, 4, 5, 6, Instant.parse("2022-03-02T17:00:00Z"), null,
                Duration.ofMillis(1234), List.of(new ReplaySummaryFile.InputFile("bank.jsonl", 99, "cd".repeat(32))),
                new TreeMap<>(Map.of("too_late", 15L)), new TreeMap<>(Map.of("kic.zone", "Europe/Amsterdam")), "1.2.3", 60,
                refused, List.of(imported));

        ReplaySummaryFile.write(dir, summary);
        String written = Files.readString(dir.resolve(ReplaySummaryFile.NAME));

        assertThat(ReplaySummaryFile.read(dir)).isEqualTo(summary);
        assertThat(written.replaceAll("\\s", "")).contains("\"simulatedEvents\":60")
                .contains("\"refusedByChannelAndDay\":{\"CALL\":{\"2022-03-01\":12,\"2022-03-02\":1},\"UNKNOWN\":{\"unknown\":2}}")
                .contains("\"imports\":[{\"input\":\"bank.jsonl\",\"format\":\"csv\",\"sourceFile\":\"anonymous_bank_1999_02.tsv\","
                        + "\"sourceSha256\":\"" + "ab".repeat(32) + "\",\"countsByReason\":{\"never_queued_calls\":15008,"
                        + "\"phantom_records\":278,\"unreadable_lines\":0}}]");
        assertThat(summary.simulated()).isTrue();
    }

    @Test
    void aSummaryWrittenBeforeTheseCountsReadsAsNoneOfThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ReplaySummaryFile.NAME), """
                {"version": "0.9", "clock": "2022-03-02T17:00:00Z", "clockWarning": null,
                 "inputs": [{"file": "events.jsonl", "bytes": 99, "sha256": "00"}],
                 "counts": {"contactEvents": 10, "emailEvents": 0, "agentEvents": 0, "unreadableLines": 0,
                            "duplicatesDropped": 0, "impossibleEvents": 0, "tooLateEvents": 0, "deadLetters": 0,
                            "contactRows": 12, "emailRows": 0},
                 "deadLettersByReason": {}, "settings": {}, "elapsedMillis": 5}
                """);

        Replay.Summary read = ReplaySummaryFile.read(dir);

        assertThat(read.contactEvents()).isEqualTo(10);
        assertThat(read.simulatedEvents()).isZero();
        assertThat(read.simulated()).isFalse();
        assertThat(read.refusedByChannelAndDay()).isEmpty();
        assertThat(read.imports()).isEmpty();
    }
}
