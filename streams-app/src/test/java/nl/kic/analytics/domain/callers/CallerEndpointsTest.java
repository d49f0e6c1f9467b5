package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Map;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.Endpoint;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/callers/metrics} and {@code /api/reasons/metrics} as the domain answers them (HTTP is
 * the serving layer's): the rows asked for, small cells hidden and named, no person count from 1 to 9.
 */
class CallerEndpointsTest {
    private final TopologyHarness harness = new TopologyHarness("2023-05-01T12:00:00+02:00");
    private int sequence;

    @BeforeEach
    void twelveCallersInAsielThreeInWerk() {
        for (int i = 0; i < 12; i++) {
            answered("a" + i, "A" + i, "asiel", "2023-03-01T09:00:00+01:00", i % 2 == 0 ? "verlenging" : "biometrie");
        }
        for (int i = 0; i < 3; i++) {
            answered("w" + i, "W" + i, "werk", "2023-03-01T10:00:00+01:00", "verlenging");
        }
        answered("x", null, "werk", "2023-03-01T11:00:00+01:00", null); // withheld
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void answered(String contactId, String key, String queue, String at, String reason) {
        OffsetDateTime offered = OffsetDateTime.parse(at).plusMinutes(sequence);
        send(contactId, key, ContactEventType.OFFERED, queue, offered, null);
        send(contactId, null, ContactEventType.ANSWERED, queue, offered.plusSeconds(30), null);
        send(contactId, null, ContactEventType.ENDED, queue, offered.plusSeconds(330), reason);
    }

    private void send(String contactId, String key, ContactEventType type, String queue, OffsetDateTime at, String reason) {
        harness.send(ContactEvent.newBuilder().setEventId("e" + (++sequence)).setContactId(contactId).setChannel(Channel.CALL).setType(type)
                .setQueue(queue).setOccurredAt(at.toInstant()).setCallerKey(key).setReason(reason).build());
    }

    private JsonNode ask(String path, Map<String, String> parameters) {
        Endpoint endpoint = harness.queries().domains().get(Callers.class).endpoints().stream().filter(e -> e.path().equals(path))
                .findFirst().orElseThrow();
        return endpoint.answerer().answer(parameters, harness.reader()).body();
    }

    @Test
    void aQueueRowOfThreeCallersIsHiddenAndNamedWhileTheUnidentifiedContactStays() {
        JsonNode rows = ask("/api/callers/metrics", Map.of("granularity", "day", "channel", "CALL")).get("rows");
        JsonNode werk = null;
        JsonNode all = null;
        for (JsonNode row : rows) {
            werk = row.get("queue").asText().equals("werk") ? row : werk;
            all = row.get("queue").asText().equals("ALL") ? row : all;
            for (String column : CallerSuppression.COLUMNS.subList(4, 18)) {
                long value = row.get(column).asLong(0);
                assertThat(value).as(row.get("queue") + " " + column).satisfiesAnyOf(v -> assertThat(v).isZero(), v -> assertThat(v).isGreaterThanOrEqualTo(10));
            }
        }
        assertThat(werk.get("callers").isNull()).isTrue();
        assertThat(werk.get("attempts").isNull()).isTrue();
        assertThat(werk.get("unidentified_contacts").asLong()).isEqualTo(1);
        assertThat(werk.get("suppressed_cells").asText()).startsWith("callers;reached;reached_first_attempt");
        assertThat(werk.get("interval_start").asText()).isEqualTo("2023-03-01T00:00+01:00");
        assertThat(werk.get("granularity").asText()).isEqualTo("day");
        // 15 people in ALL, every one reached at the first attempt
        assertThat(all.get("callers").asLong()).isEqualTo(15);
        assertThat(all.get("reached_first_attempt").asLong()).isEqualTo(15);
        assertThat(all.get("final").asBoolean()).isFalse();
        assertThat(rows.size()).isEqualTo(3);
    }

    @Test
    void reasonRowsHideSmallCountsAndTheSharesThatWouldRevealThem() {
        JsonNode rows = ask("/api/reasons/metrics", Map.of("granularity", "month", "queue", "werk")).get("rows");
        // werk: three answered with "verlenging" (hidden), the withheld call without a reason
        assertThat(rows.size()).isEqualTo(1);
        JsonNode verlenging = rows.get(0);
        assertThat(verlenging.get("reason").asText()).isEqualTo("verlenging");
        assertThat(verlenging.get("contacts").isNull()).isTrue();
        assertThat(verlenging.get("answered_share").isNull()).isTrue();
        assertThat(verlenging.get("aht_seconds").isNull()).isTrue();
    }

    @Test
    void quarterHoursAreRefusedAndAnUnknownQueueIsNamedAsSuch() {
        assertThatThrownBy(() -> ask("/api/callers/metrics", Map.of("granularity", "15m")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("day, week, month or year");
        assertThatThrownBy(() -> ask("/api/callers/metrics", Map.of("granularity", "day", "queue", "wekr")))
                .isInstanceOf(Endpoint.UnknownName.class);
    }
}
