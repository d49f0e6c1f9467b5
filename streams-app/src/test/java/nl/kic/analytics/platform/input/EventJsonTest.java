package nl.kic.analytics.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.junit.jupiter.api.Test;

/** The simulator's marker in a JSON line: {@code "simulated": true} or false, nothing else. */
class EventJsonTest {
    private static final String OFFERED = "{\"kind\":\"contact\",\"eventId\":\"e1\",\"contactId\":\"c1\",\"channel\":\"CALL\","
            + "\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T09:00:00Z\"";

    @Test
    void aMarkedEventIsWrittenWithTheMarkerAndReadBackWithIt() {
        ContactEvent event = ContactEvent.newBuilder().setEventId("e1").setContactId("c1").setChannel(Channel.CALL)
                .setType(ContactEventType.OFFERED).setQueue("asiel").setOccurredAt(Instant.parse("2023-03-01T09:00:00Z")).build();

        String marked = EventJson.toJson(event, true);
        String unmarked = EventJson.toJson(event);

        assertThat(marked).isEqualTo(OFFERED + ",\"simulated\":true}");
        assertThat(unmarked).isEqualTo(OFFERED + "}");
        assertThat(EventJson.read(marked)).isEqualTo(new EventJson.JsonEvent(event, true));
        assertThat(EventJson.read(unmarked)).isEqualTo(new EventJson.JsonEvent(event, false));
    }

    @Test
    void falseAndNullMeanNotSimulated() {
        assertThat(EventJson.read(OFFERED + ",\"simulated\":false}").simulated()).isFalse();
        assertThat(EventJson.read(OFFERED + ",\"simulated\":null}").simulated()).isFalse();
    }

    @Test
    void aMarkerThatIsNotABooleanIsRefusedWithoutRepeatingItsValue() {
        for (String value : new String[] {"\"true\"", "1", "\"yes-0612345678\"", "{}"}) {
            assertThatThrownBy(() -> EventJson.read(OFFERED + ",\"simulated\":" + value + "}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("field 'simulated' must be true or false");
        }
    }
}
