package nl.kic.analytics.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay's clock is the latest event of its input, with a warning when that event stands far apart. */
class ReplayInputTest {

    private static String offered(String id, String at) {
        return "{\"kind\":\"contact\",\"eventId\":\"" + id + "\",\"contactId\":\"" + id
                + "\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"" + at + "\"}";
    }

    @Test
    void aLatestEventMoreThanADayAfterTheNextLatestIsNamedInAWarning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(offered("a", "2023-03-01T09:00:00Z"), offered("b", "2023-03-02T09:00:00Z"),
                offered("c", "2099-03-02T09:00:00Z"), offered("d", "2023-03-01T10:00:00Z")));
        ReplayInput input = ReplayInput.scan(List.of(file));

        assertThat(input.clock()).isEqualTo(Instant.parse("2099-03-02T09:00:00Z"));
        assertThat(input.clockWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains(file + " line 3").contains("2099-03-02T09:00:00Z").contains("2023-03-02T09:00:00Z").contains("--as-of"));
    }

    @Test
    void noWarningWhenTheLatestEventIsWithinADayOfTheNextLatest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(offered("a", "2023-03-01T09:00:00Z"), offered("b", "2023-03-02T09:00:00Z"),
                offered("c", "2023-03-01T09:00:00Z")));
        assertThat(ReplayInput.scan(List.of(file)).clockWarning()).isEmpty();
    }

    @Test
    void eventsWithTheSimulatorsMarkerAreCountedDuplicatesIncluded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        String markedA = offered("a", "2023-03-01T09:00:00Z").replace("}", ",\"simulated\":true}");
        Files.write(file, List.of(markedA, markedA, offered("b", "2023-03-01T09:01:00Z"),
                offered("c", "2023-03-01T09:02:00Z").replace("}", ",\"simulated\":false}"),
                offered("d", "2023-03-01T09:03:00Z").replace("}", ",\"simulated\":true}"),
                offered("e", "2023-03-01T09:04:00Z").replace("}", ",\"simulated\":\"true\"}")));

        ReplayInput input = ReplayInput.scan(List.of(file));

        // a twice and d; c says false, and e's marker is not a boolean: its line is rejected.
        assertThat(input.simulatedEvents()).isEqualTo(3);
        assertThat(input.contactEvents()).isEqualTo(5);
        assertThat(input.rejected()).extracting(r -> r.line() + ": " + r.reason())
                .containsExactly("6: field 'simulated' must be true or false");
    }

    @Test
    void linesThatAreNotOneEventAreRejectedByNumberAndTheOthersCount(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : List.of(offered("a", "2023-03-01T09:00:00Z"),
                offered("b", "2023-03-01T09:01:00Z") + " " + offered("b2", "2023-03-01T09:02:00Z"),   // two objects on one line
                offered("c", "+999999999-12-31T23:59:59Z"),                                        // beyond what milliseconds hold
                "{\"kind\":\"contact\",\"eventId\":\"+31612340000 Jan de Vries"                  // broken JSON with personal data
        )) {
            bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        bytes.writeBytes(offered("d\u00e9", "2023-03-01T09:03:00Z").getBytes(StandardCharsets.ISO_8859_1)); // not UTF-8
        bytes.write('\n');
        bytes.writeBytes(offered("e", "2023-03-01T09:04:00Z").getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());

        ReplayInput input = ReplayInput.scan(List.of(file));

        assertThat(input.rejected()).extracting(r -> r.line() + ": " + r.reason()).containsExactly(
                // The second object starts after the first and a space.
                "2: more than one JSON value on the line (at column " + (offered("b", "2023-03-01T09:01:00Z").length() + 2) + ")",
                "3: field 'occurredAt' lies outside the years 0001 to 9999",
                "4: not valid JSON (at column 55)",   // 54 characters, then the end where a '"' was due
                "5: not valid UTF-8 text (another encoding?)");
        assertThat(input.rejected()).extracting(ReplayInput.RejectedLine::reason).noneMatch(r -> r.contains("Jan") || r.contains("3161"));
        assertThat(input.clock()).isEqualTo(Instant.parse("2023-03-01T09:04:00Z"));
    }
}
