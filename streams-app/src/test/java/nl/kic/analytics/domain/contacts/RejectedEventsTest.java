package nl.kic.analytics.domain.contacts;

import static nl.kic.analytics.events.ContactEventType.ANSWERED;
import static nl.kic.analytics.events.ContactEventType.OFFERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.agents.AgentCounts;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * Readable events that are not counted are dead-lettered by reason, the contact stays as it was,
 * and processing goes on. (The records on kic.dlq are checked on a real broker in ServiceIT.)
 */
class RejectedEventsTest {
    private static final String DAY = "2023-03-01T00:00+01:00";

    @Test
    void eventsOutOfRangeOrImpossibleOrOfAnUnknownQueueAreDeadLetteredByReason() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T12:00:00+01:00", p -> {
            p.setProperty("kic.queues", "asiel,werk");
            return p;
        })) {
            h.call("future", OFFERED, "2023-03-01T13:00:01+01:00");   // more than an hour ahead of the clock
            h.call("near", OFFERED, "2023-03-01T13:00:00+01:00");     // exactly an hour ahead: accepted
            h.call("old", OFFERED, "1999-12-31T23:59:59Z");
            h.call("before-1970", OFFERED, "1969-12-31T23:59:59Z");   // a negative time, which Kafka Streams would drop unseen
            h.send("other", Channel.CALL, OFFERED, "parkeren", "2023-03-01T10:00:00+01:00");
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T09:59:00+01:00");     // before its OFFERED

            assertThat(h.metrics.deadLetteredCount("future_time")).isEqualTo(1);
            assertThat(h.metrics.deadLetteredCount("implausibly_old")).isEqualTo(2);
            assertThat(h.metrics.deadLetteredCount("unknown_queue")).isEqualTo(1);
            assertThat(h.metrics.deadLetteredCount("impossible")).isEqualTo(1);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).offered()).isEqualTo(2); // near and c1
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).open()).isEqualTo(2);
            assertThat(h.rows(Granularity.DAY, Channel.CALL, "parkeren")).isEmpty();
        }
    }

    @Test
    void namesThatAreNotNamesAreDeadLetteredAndNamesAreCountedTrimmed() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T12:00:00+01:00")) {
            h.send("formula", Channel.CALL, OFFERED, "=1+1", "2023-03-01T10:00:00+01:00");
            h.send("markup", Channel.CALL, OFFERED, "<b>asiel</b>", "2023-03-01T10:00:00+01:00");
            h.send("control", Channel.CALL, OFFERED, "x\u0001y", "2023-03-01T10:00:00+01:00");
            h.send("totals", Channel.CALL, OFFERED, "ALL ", "2023-03-01T10:00:00+01:00");
            h.send("totals-lower", Channel.CALL, OFFERED, "all", "2023-03-01T10:00:00+01:00");
            h.send("too-long", Channel.CALL, OFFERED, "q".repeat(65), "2023-03-01T10:00:00+01:00");
            h.send("padded", Channel.CALL, OFFERED, " asiel ", "2023-03-01T10:00:00+01:00");
            h.send("number", Channel.CALL, OFFERED, "700", "2023-03-01T10:00:00+01:00");
            h.send("longest", Channel.CALL, OFFERED, "q".repeat(64), "2023-03-01T10:00:00+01:00");
            h.agent("a1-1", "a1", "<script>", List.of("asiel"), AgentState.AVAILABLE, "2023-03-01T09:00:00+01:00");
            h.agent("a2-1", "a2", "team-1", List.of("asiel", "=HYPERLINK(1)"), AgentState.AVAILABLE, "2023-03-01T09:00:00+01:00");
            h.agent("a3-1", "a3", " team-1 ", List.of(" asiel"), AgentState.AVAILABLE, "2023-03-01T09:00:00+01:00");

            assertThat(h.metrics.deadLetteredCount("invalid_name")).isEqualTo(8);
            // " asiel " is asiel, and the agent's " asiel" too; a number and 64 characters are names.
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).offered()).isEqualTo(1);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "700", DAY).offered()).isEqualTo(1);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "q".repeat(64), DAY).offered()).isEqualTo(1);
            assertThat(h.agents().queues()).extracting(AgentCounts::name).containsExactly("asiel");
            assertThat(h.agents().teams()).extracting(AgentCounts::name).containsExactly("team-1");
        }
    }
}
