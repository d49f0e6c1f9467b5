package nl.kic.analytics.input;

import static org.assertj.core.api.Assertions.assertThat;

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
}
