package nl.kic.analytics.domain.contacts;

import static nl.kic.analytics.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.serde.StoredFormatException;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The live index's keys and outcome values, byte by byte as written out by hand. */
class LiveIndexFormatTest {

    @Test
    void keyIsTimeChannelCodeQueueLengthQueueAndContact() {
        // time 0 (sortable) | CHAT 1 | length 5 | "asiel" | "c1"
        byte[] expected = bytes("80 00 00 00 00 00 00 00 | 01 | 05 | 61 73 69 65 6C | 63 31");
        assertThat(LiveIndex.key(0, Channel.CHAT, "asiel", "c1").get()).isEqualTo(expected);
        assertThat(LiveIndex.decodeKey(Bytes.wrap(expected))).isEqualTo(new LiveIndex.Entry(0, Channel.CHAT, "asiel", "c1"));
    }

    @Test
    void aQueueNameOf128BytesOrMoreTakesATwoByteLength() {
        String queue = "q".repeat(200);
        byte[] key = LiveIndex.key(0, Channel.CALL, queue, "c1").get();
        // 200 as an unsigned varint: C8 01
        assertThat(key[9] & 0xFF).isEqualTo(0xC8);
        assertThat(key[10]).isEqualTo((byte) 0x01);
        assertThat(LiveIndex.decodeKey(Bytes.wrap(key))).isEqualTo(new LiveIndex.Entry(0, Channel.CALL, queue, "c1"));
    }

    @Test
    void outcomeIsMarkedVersionTwoAndTheUnversionedFirstFormatIsRead() {
        Contribution abandoned = new Contribution(Channel.CALL, "asiel", 1000, Contribution.Status.ABANDONED, 60, -1, false, true);
        // version 2 with the mark (82) | ABANDONED 5 | wait 60 | short abandoned
        byte[] expected = bytes("82 | 05 | 78 | 02");
        assertThat(LiveIndex.encodeOutcome(abandoned)).isEqualTo(expected);
        LiveIndex.Outcome outcome = new LiveIndex.Outcome(Contribution.Status.ABANDONED, 60, false, true);
        assertThat(LiveIndex.Outcome.decode(expected)).isEqualTo(outcome);
        // The first format had no version: ABANDONED's ordinal 4 first.
        assertThat(LiveIndex.Outcome.decode(bytes("04 | 78 | 02"))).isEqualTo(outcome);
        assertThatThrownBy(() -> LiveIndex.Outcome.decode(bytes("83 05 78 02")))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("newer");
    }
}
