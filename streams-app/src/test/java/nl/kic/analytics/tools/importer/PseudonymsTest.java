package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class PseudonymsTest {
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCallerKeepsOneKeyWithinAMonthAndGetsAnotherNextMonth() {
        YearMonth march = YearMonth.of(2023, 3);
        String key = PSEUDONYMS.caller("+31 6 1234 5678", march);
        assertThat(PSEUDONYMS.caller("+31612345678", march)).as("the same number written otherwise").isEqualTo(key);
        assertThat(PSEUDONYMS.caller("+31612345679", march)).isNotEqualTo(key);
        assertThat(PSEUDONYMS.caller("+31612345678", YearMonth.of(2023, 4))).isNotEqualTo(key);
        assertThat(key).doesNotContain("612345678").hasSize(22);
        // Another key, other pseudonyms.
        Pseudonyms other = Pseudonyms.withKey("another test key of 32 bytes....".getBytes(StandardCharsets.UTF_8));
        assertThat(other.caller("+31612345678", march)).isNotEqualTo(key);
    }

    @Test
    void withheldNumbersHaveNoKey() {
        for (String withheld : new String[] {"", "  ", "anonymous", "Unknown", "<unknown>", "restricted", "-"}) {
            assertThat(PSEUDONYMS.caller(withheld, YearMonth.of(2023, 3))).as(withheld).isNull();
        }
        assertThat(PSEUDONYMS.caller(null, YearMonth.of(2023, 3))).isNull();
    }

    @Test
    void anAgentKeepsOnePseudonymAndEventIdsDependOnTheLineAndItsOccurrence() {
        assertThat(PSEUDONYMS.agent("SIP/jan.jansen")).isEqualTo(PSEUDONYMS.agent("SIP/jan.jansen")).startsWith("agent-").hasSize(22)
                .doesNotContain("jansen");
        assertThat(PSEUDONYMS.agent("SIP/piet")).isNotEqualTo(PSEUDONYMS.agent("SIP/jan.jansen"));
        assertThat(PSEUDONYMS.eventId("1|a|q|NONE|ENTERQUEUE", 1)).isEqualTo(PSEUDONYMS.eventId("1|a|q|NONE|ENTERQUEUE", 1))
                .isNotEqualTo(PSEUDONYMS.eventId("1|a|q|NONE|ENTERQUEUE", 2)).hasSize(32);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> Pseudonyms.withKey("short".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("at least 16 bytes");
    }
}
