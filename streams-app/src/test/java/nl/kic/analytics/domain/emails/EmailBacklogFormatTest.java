package nl.kic.analytics.domain.emails;

import static nl.kic.analytics.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import nl.kic.analytics.events.EmailComplexity;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The e-mail backlog's keys and entries, byte by byte as written out by hand. */
class EmailBacklogFormatTest {

    @Test
    void entryIsMarkedVersionTwoAndTheUnversionedFirstFormatIsRead() {
        EmailContribution open = new EmailContribution("URGENT", 1000, false, EmailContribution.Status.OPEN, EmailComplexity.SIMPLE, 3000,
                true, false, false);
        // version 2 with the mark (82) | "URGENT" | deadline 3000 | not answered on time
        byte[] expected = bytes("82 | 0C 55 52 47 45 4E 54 | F0 2E | 00");
        assertThat(EmailBacklogIndex.encodeEntry(open)).isEqualTo(expected);
        // received 1000 (sortable) | "m1"
        Bytes key = EmailBacklogIndex.key(1000, "m1");
        assertThat(key.get()).isEqualTo(bytes("80 00 00 00 00 00 03 E8 | 6D 31"));
        EmailBacklogIndex.OpenEmail read = new EmailBacklogIndex.OpenEmail(1000, "m1", "URGENT", 3000, false);
        assertThat(EmailBacklogIndex.decode(key, expected)).isEqualTo(read);
        assertThat(EmailBacklogIndex.decode(key, bytes("0C 55 52 47 45 4E 54 | F0 2E | 00"))).isEqualTo(read);
    }
}
