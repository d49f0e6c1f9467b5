package nl.kic.analytics.domain.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * Records that cannot be read are counted by reason and processing goes on. (What reaches kic.dlq,
 * bytes and headers, is checked on a real broker in ServiceIT and DeadLetterIT.)
 */
class DeadLetterTest {

    @Test
    void undecodableRecordsAreCountedByReasonAndProcessingGoesOn() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T12:00:00+01:00")) {
            h.sendRaw("kic.contact-events", "c1", "hello, this is not Avro".getBytes(StandardCharsets.UTF_8));
            h.sendRaw("kic.contact-events", "c2", new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 4});
            h.sendRaw("kic.email-events", "m1", new byte[] {0});
            h.call("c3", ContactEventType.OFFERED, "2023-03-01T10:00:00+01:00");

            assertThat(h.metrics.deadLetteredCount("undecodable")).isEqualTo(2);
            assertThat(h.metrics.deadLetteredCount("unknown_schema")).isEqualTo(1);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-01T00:00+01:00").offered()).isEqualTo(1);
        }
    }
}
