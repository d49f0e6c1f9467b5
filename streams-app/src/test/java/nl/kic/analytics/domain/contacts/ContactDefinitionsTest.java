package nl.kic.analytics.domain.contacts;

import static nl.kic.analytics.events.ContactEventType.ABANDONED;
import static nl.kic.analytics.events.ContactEventType.ANSWERED;
import static nl.kic.analytics.events.ContactEventType.ENDED;
import static nl.kic.analytics.events.ContactEventType.OFFERED;
import static nl.kic.analytics.events.ContactEventType.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Each definition of docs/metrics.md on small inputs whose figures are worked out by hand in the
 * comments. Times are Amsterdam local time (+01:00 in winter, +02:00 in summer).
 */
class ContactDefinitionsTest {
    private static final String DAY = "2023-03-01T00:00+01:00";

    @Test
    void reachabilityAndServiceLevelCountShortAbandonsRejectedOpenAndLost() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T10:30:00+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:00:15+01:00");      // wait 15 s, within 20 s
            h.call("c2", OFFERED, "2023-03-01T10:01:00+01:00");
            h.call("c2", ANSWERED, "2023-03-01T10:01:30+01:00");      // wait 30 s, not within
            h.call("c3", OFFERED, "2023-03-01T10:02:00+01:00");
            h.call("c3", ABANDONED, "2023-03-01T10:02:04.900+01:00"); // 4.9 s: short abandon
            h.call("c4", OFFERED, "2023-03-01T10:03:00+01:00");
            h.call("c4", ABANDONED, "2023-03-01T10:03:05+01:00");     // exactly 5 s: not short
            h.call("c5", REJECTED, "2023-03-01T10:04:00+01:00");
            h.call("c6", OFFERED, "2023-03-01T10:05:00+01:00");       // no outcome, 25 min ago: open
            h.call("c7", OFFERED, "2023-03-01T01:00:00+01:00");       // no outcome, 9.5 h ago: lost

            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.offered()).isEqualTo(6);
            assertThat(day.answered()).isEqualTo(2);
            assertThat(day.abandoned()).isEqualTo(2);
            assertThat(day.shortAbandoned()).isEqualTo(1);
            assertThat(day.rejected()).isEqualTo(1);
            assertThat(day.open()).isEqualTo(1);
            assertThat(day.lost()).isEqualTo(1);
            // D = offered 6 - open 1 - short 1 + rejected 1 = 5
            assertThat(day.reachability()).isCloseTo(2.0 / 5, within(1e-12));
            assertThat(day.serviceLevel()).isCloseTo(1.0 / 5, within(1e-12));
            assertThat(day.asaSeconds()).isCloseTo(22.5, within(1e-9));
            assertThat(day.maxWaitSeconds()).isCloseTo(30.0, within(1e-9));
            assertThat(day.avgAbandonWaitSeconds()).isCloseTo(4.95, within(1e-9));
            assertThat(day.ahtSeconds()).isNull();

            // The 10:00 quarter holds c1..c4 and c6, offered 5; c5 is in it as rejected.
            ContactFigures quarter = h.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-03-01T10:00+01:00");
            assertThat(quarter.offered()).isEqualTo(5);
            assertThat(quarter.rejected()).isEqualTo(1);
            assertThat(h.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-03-01T01:00+01:00").lost()).isEqualTo(1);
        }
    }

    @Test
    void shortAbandonAndRejectedHandlingIsConfigurable() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T12:00:00+01:00", p -> {
            p.setProperty("kic.exclude-short-abandoned", "false");
            p.setProperty("kic.rejected-counts-as-not-reached", "false");
            return p;
        })) {
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:00:10+01:00");
            h.call("c2", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c2", ABANDONED, "2023-03-01T10:00:02+01:00");
            h.call("c3", REJECTED, "2023-03-01T10:01:00+01:00");
            // Short abandon stays in, rejected stays out: D = offered 2 = 2
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).reachability()).isCloseTo(0.5, within(1e-12));
        }
    }

    @Test
    void waitPercentilesAreByNearestRankWithinOnePercent() {
        try (TopologyHarness h = new TopologyHarness("2023-03-02T18:00:00+01:00")) {
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("a", ANSWERED, "2023-03-01T10:00:10+01:00");
            h.call("b", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("b", ANSWERED, "2023-03-01T10:00:20+01:00");
            ContactFigures two = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(two.waitP50Seconds()).isCloseTo(10.0, withinPercentage(1));  // rank ceil(0.5*2) = 1
            assertThat(two.waitP90Seconds()).isCloseTo(20.0, withinPercentage(1));  // rank ceil(0.9*2) = 2
            assertThat(two.asaSeconds()).isCloseTo(15.0, within(1e-9));

            // 100 calls on another day with waits 1, 2, ..., 100 s: p50 is the 50th (50 s), p90 the 90th (90 s).
            for (int i = 1; i <= 100; i++) {
                h.send("d" + i, Channel.CALL, OFFERED, "werk", "2023-03-02T09:00:00+01:00");
                h.send("d" + i, Channel.CALL, ANSWERED, "werk", String.format("2023-03-02T09:%02d:%02d+01:00", i / 60, i % 60));
            }
            ContactFigures hundred = h.row(Granularity.DAY, Channel.CALL, "werk", "2023-03-02T00:00+01:00");
            assertThat(hundred.waitP50Seconds()).isCloseTo(50.0, withinPercentage(1));
            assertThat(hundred.waitP90Seconds()).isCloseTo(90.0, withinPercentage(1));
            assertThat(hundred.asaSeconds()).isCloseTo(50.5, within(1e-9));
            assertThat(hundred.maxWaitSeconds()).isCloseTo(100.0, within(1e-9));
        }
    }

    @Test
    void contactWithoutOutcomeBecomesLostEightHoursAfterOfferedAndALaterOutcomeReplacesIt() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T16:59:59+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T09:00:00+01:00");
            h.runClockCheck();
            ContactFigures before = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(before.open()).isEqualTo(1);
            assertThat(before.lost()).isZero();
            assertThat(before.reachability()).isNull(); // D = 1 - 1 = 0: undefined
            assertThat(h.waitingNow(Channel.CALL, "asiel")).isEqualTo(1);

            h.clock.set("2023-03-01T17:00:00+01:00"); // exactly 8 h after OFFERED
            h.runClockCheck();
            ContactFigures lost = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(lost.open()).isZero();
            assertThat(lost.lost()).isEqualTo(1);
            assertThat(lost.reachability()).isCloseTo(0.0, within(1e-12)); // lost counts as not reached
            assertThat(h.waitingNow(Channel.CALL, "asiel")).isZero();

            h.call("c1", ANSWERED, "2023-03-01T17:30:00+01:00");
            ContactFigures answered = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(answered.lost()).isZero();
            assertThat(answered.answered()).isEqualTo(1);
            assertThat(answered.asaSeconds()).isCloseTo(8.5 * 3600, within(1e-9));
            assertThat(answered.reachability()).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void answeredAndEndedBeforeOfferedAreHeldUntilOfferedArrives() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("c1", ENDED, "2023-03-01T10:05:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:01:00+01:00");
            assertThat(h.rows(Granularity.DAY, Channel.CALL, null)).isEmpty();

            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.offered()).isEqualTo(1);
            assertThat(day.answered()).isEqualTo(1);
            assertThat(day.asaSeconds()).isCloseTo(60.0, within(1e-9));
            assertThat(day.ahtSeconds()).isCloseTo(240.0, within(1e-9));
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.CONTACT)).isZero();
        }
    }

    @Test
    void outcomeBeforeOfferedAndEndedBeforeAnsweredAreImpossibleAndLeaveTheContactAsItWas() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T10:30:00+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T09:59:00+01:00"); // before OFFERED
            h.call("c2", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c2", ANSWERED, "2023-03-01T10:01:00+01:00");
            h.call("c2", ENDED, "2023-03-01T10:00:30+01:00");    // before ANSWERED
            // An outcome held before its OFFERED turns out to be impossible when OFFERED arrives.
            h.call("c3", ABANDONED, "2023-03-01T10:10:00+01:00");
            h.call("c3", OFFERED, "2023-03-01T10:11:00+01:00");

            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.offered()).isEqualTo(3);
            assertThat(day.open()).isEqualTo(2);     // c1 and c3 stay waiting
            assertThat(day.answered()).isEqualTo(1); // c2
            assertThat(day.abandoned()).isZero();
            assertThat(day.ahtSeconds()).isNull();   // c2's ENDED was dropped
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.CONTACT)).isEqualTo(3);
        }
    }

    @Test
    void duplicateEventIsDroppedWhateverItsContent() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.send("x1", "c1", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("x2", "c1", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:10+01:00");
            h.send("x2", "c1", Channel.CALL, ABANDONED, "asiel", "2023-03-01T10:00:05+01:00"); // same id: duplicate
            h.send("x1", "c1", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");   // plain repeat

            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.offered()).isEqualTo(1);
            assertThat(day.answered()).isEqualTo(1);
            assertThat(day.abandoned()).isZero();
            assertThat(h.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.CONTACT)).isEqualTo(2);
        }
    }

    @Test
    void earliestOfTwoOutcomesCountsWhicheverArrivesFirst() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:02:00+01:00");
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).answered()).isEqualTo(1);

            h.call("c1", ABANDONED, "2023-03-01T10:01:00+01:00"); // earlier: replaces the answer
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.answered()).isZero();
            assertThat(day.abandoned()).isEqualTo(1);
            assertThat(day.asaSeconds()).isNull();
            assertThat(day.avgAbandonWaitSeconds()).isCloseTo(60.0, within(1e-9));
            assertThat(day.maxWaitSeconds()).isCloseTo(60.0, withinPercentage(1));
        }
    }

    @Test
    void rejectedContactThatIsLaterOfferedCountsAsOfferedInItsOfferedQueue() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.send("c1", Channel.CALL, REJECTED, "werk", "2023-03-01T09:59:00+01:00");
            assertThat(h.row(Granularity.DAY, Channel.CALL, "werk", DAY).rejected()).isEqualTo(1);

            h.send("c1", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            assertThat(h.rows(Granularity.DAY, Channel.CALL, "werk")).isEmpty(); // rows exist only with a contact
            ContactFigures asiel = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(asiel.offered()).isEqualTo(1);
            assertThat(asiel.rejected()).isZero();
        }
    }

    @Test
    void refusedAfterEnteringTheQueueIsRejectedAndNotReachedEvenWithinTheShortAbandonThreshold() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            // c1: taken out of a queue without agents after 2 s (a queue_log EXITEMPTY); an abandon after
            // 2 s would be a short abandon, left out of the denominator. c2: answered after 30 s.
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", REJECTED, "2023-03-01T10:00:02+01:00");
            h.call("c2", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c2", ANSWERED, "2023-03-01T10:00:30+01:00");
            // c3: answered, and a refusal logged after the answer does not undo it.
            h.call("c3", OFFERED, "2023-03-01T10:01:00+01:00");
            h.call("c3", ANSWERED, "2023-03-01T10:01:10+01:00");
            h.call("c3", REJECTED, "2023-03-01T10:01:20+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.rejected()).isEqualTo(1);
            assertThat(day.offered()).isEqualTo(2);
            assertThat(day.answered()).isEqualTo(2);
            assertThat(day.shortAbandoned()).isZero();
            // Reachability: 2 answered of 2 offered + 1 rejected.
            assertThat(day.reachability()).isCloseTo(2.0 / 3, within(1e-9));
        }
    }

    @Test
    void theEarlierOfARefusalAndAnOutcomeCountsAndAtTheSameMillisecondTheOutcome() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            // c1, c2: refused first, an outcome logged later: rejected. c3, c4: an outcome and a refusal at the
            // same millisecond: the outcome counts (answered after 30 s; abandoned after 10 s).
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", REJECTED, "2023-03-01T10:00:10+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:00:30+01:00");
            h.call("c2", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c2", REJECTED, "2023-03-01T10:00:10+01:00");
            h.call("c2", ABANDONED, "2023-03-01T10:00:20+01:00");
            h.call("c3", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c3", REJECTED, "2023-03-01T10:00:30+01:00");
            h.call("c3", ANSWERED, "2023-03-01T10:00:30+01:00");
            h.call("c4", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c4", ABANDONED, "2023-03-01T10:00:10+01:00");
            h.call("c4", REJECTED, "2023-03-01T10:00:10+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.rejected()).isEqualTo(2);
            assertThat(day.offered()).isEqualTo(2);
            assertThat(day.answered()).isEqualTo(1);
            assertThat(day.abandoned()).isEqualTo(1);
            assertThat(day.asaSeconds()).isCloseTo(30.0, within(1e-9));
        }
    }

    @Test
    void callOfferedAt165958AndAnsweredAfterFiveBelongsToTheIntervalOfItsOffer() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T16:59:58+01:00");
            h.call("c1", ANSWERED, "2023-03-01T17:00:03+01:00");
            ContactFigures quarter = h.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-03-01T16:45+01:00");
            assertThat(quarter.answered()).isEqualTo(1);
            assertThat(quarter.asaSeconds()).isCloseTo(5.0, within(1e-9));
            assertThat(h.row(Granularity.HOUR, Channel.CALL, "asiel", "2023-03-01T16:00+01:00").answered()).isEqualTo(1);
            assertThat(h.rows(Granularity.HOUR, Channel.CALL, "asiel")).hasSize(1);
        }
    }

    @Test
    void chatsHaveTheirOwnServiceLevelTargetAndAreNeverSummedWithCalls() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.send("call", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("call", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:45+01:00"); // 45 s > 20 s
            h.send("chat", Channel.CHAT, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("chat", Channel.CHAT, ANSWERED, "asiel", "2023-03-01T10:00:45+01:00"); // 45 s <= 60 s
            assertThat(h.row(Granularity.DAY, Channel.CALL, "ALL", DAY).serviceLevel()).isCloseTo(0.0, within(1e-12));
            assertThat(h.row(Granularity.DAY, Channel.CHAT, "ALL", DAY).serviceLevel()).isCloseTo(1.0, within(1e-12));
            assertThat(h.row(Granularity.DAY, Channel.CALL, "ALL", DAY).offered()).isEqualTo(1);
        }
    }

    @Test
    void answeredAtExactlyTheTargetCountsForServiceLevel() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            // Calls: target 20 s. 20.000 s is within it, 20.001 s is not: service level 1 of 2.
            h.send("call-at", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("call-at", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:20+01:00");
            h.send("call-over", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("call-over", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:20.001+01:00");
            // Chats: target 60 s, likewise.
            h.send("chat-at", Channel.CHAT, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("chat-at", Channel.CHAT, ANSWERED, "asiel", "2023-03-01T10:01:00+01:00");
            h.send("chat-over", Channel.CHAT, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("chat-over", Channel.CHAT, ANSWERED, "asiel", "2023-03-01T10:01:00.001+01:00");
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).serviceLevel()).isEqualTo(0.5);
            assertThat(h.row(Granularity.DAY, Channel.CHAT, "asiel", DAY).serviceLevel()).isEqualTo(0.5);
        }
    }

    @Test
    void allRowMergesTheQueuesOfAChannel() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.send("a", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("a", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:10+01:00");
            h.send("a", Channel.CALL, ENDED, "asiel", "2023-03-01T10:02:10+01:00");      // talk 120 s
            h.send("b", Channel.CALL, OFFERED, "werk", "2023-03-01T10:00:00+01:00");
            h.send("b", Channel.CALL, ANSWERED, "werk", "2023-03-01T10:00:30+01:00");
            h.send("b", Channel.CALL, ENDED, "werk", "2023-03-01T10:05:30+01:00");       // talk 300 s
            h.send("c", Channel.CALL, OFFERED, "studie", "2023-03-01T10:00:00+01:00");
            h.send("c", Channel.CALL, ABANDONED, "studie", "2023-03-01T10:01:00+01:00"); // 60 s
            h.send("d", Channel.CALL, OFFERED, "werk", "2023-03-01T10:00:00+01:00");
            h.send("d", Channel.CALL, ABANDONED, "werk", "2023-03-01T10:00:02+01:00");   // short, 2 s
            h.send("e", Channel.CALL, REJECTED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("f", Channel.CALL, OFFERED, "studie", "2023-03-01T09:00:00+01:00");   // lost by 18:00
            h.send("g", Channel.CALL, OFFERED, "asiel", "2023-03-01T17:00:00+01:00");    // open
            h.runClockCheck();
            ContactFigures all = h.row(Granularity.DAY, Channel.CALL, "ALL", DAY);
            assertThat(all.offered()).isEqualTo(6);
            assertThat(all.answered()).isEqualTo(2);
            assertThat(all.abandoned()).isEqualTo(2);
            assertThat(all.shortAbandoned()).isEqualTo(1);
            assertThat(all.rejected()).isEqualTo(1);
            assertThat(all.lost()).isEqualTo(1);
            assertThat(all.open()).isEqualTo(1);
            // D = 6 - 1 open - 1 short + 1 rejected = 5; answered within 20 s: only a.
            assertThat(all.reachability()).isCloseTo(2.0 / 5, within(1e-12));
            assertThat(all.serviceLevel()).isCloseTo(1.0 / 5, within(1e-12));
            assertThat(all.asaSeconds()).isCloseTo(20.0, within(1e-9));
            assertThat(all.waitP50Seconds()).isCloseTo(10.0, withinPercentage(1));
            assertThat(all.waitP90Seconds()).isCloseTo(30.0, withinPercentage(1));
            assertThat(all.maxWaitSeconds()).isCloseTo(60.0, within(1e-9));
            assertThat(all.avgAbandonWaitSeconds()).isCloseTo(31.0, within(1e-9));
            assertThat(all.ahtSeconds()).isCloseTo(210.0, within(1e-9));
            // A week is the sum of its days, as the ALL row is of its queues.
            assertThat(h.row(Granularity.WEEK, Channel.CALL, "ALL", "2023-02-27T00:00+01:00")).isEqualTo(all);
        }
    }

    @Test
    void outcomeAtTheMillisecondOfItsOfferIsPossibleWithAWaitOfZero() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("a", ANSWERED, "2023-03-01T10:00:00+01:00");
            h.call("a", ENDED, "2023-03-01T10:00:00+01:00"); // talk 0 s: counted
            h.call("b", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("b", ABANDONED, "2023-03-01T10:00:00+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.CONTACT)).isZero();
            assertThat(day.answered()).isEqualTo(1);
            assertThat(day.abandoned()).isEqualTo(1);
            assertThat(day.shortAbandoned()).isEqualTo(1);
            assertThat(day.serviceLevel()).isEqualTo(1.0); // D = 2 - 1 short = 1
            assertThat(day.asaSeconds()).isEqualTo(0.0);
            assertThat(day.waitP50Seconds()).isEqualTo(0.0);
            assertThat(day.maxWaitSeconds()).isEqualTo(0.0);
            assertThat(day.avgAbandonWaitSeconds()).isEqualTo(0.0);
            assertThat(day.ahtSeconds()).isEqualTo(0.0);
        }
    }

    @Test
    void withoutAnAnsweredContactTheWaitFiguresOfAnswersAreEmpty() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("a", ABANDONED, "2023-03-01T10:00:40+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.asaSeconds()).isNull();
            assertThat(day.waitP50Seconds()).isNull();
            assertThat(day.waitP90Seconds()).isNull();
            assertThat(day.ahtSeconds()).isNull();
            assertThat(day.maxWaitSeconds()).isEqualTo(40.0);
            assertThat(day.reachability()).isEqualTo(0.0);
        }
    }

    @Test
    void laterArrivingOfferOrRejectionTimedBeforeTheOfferIsNotImpossible() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("a", OFFERED, "2023-03-01T09:59:00+01:00");  // an earlier offer: it counts from now on
            h.call("a", REJECTED, "2023-03-01T09:58:00+01:00"); // ignored beside an offer
            h.call("a", ANSWERED, "2023-03-01T10:00:30+01:00");
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.CONTACT)).isZero();
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.offered()).isEqualTo(1);
            assertThat(day.rejected()).isZero();
            assertThat(day.asaSeconds()).isEqualTo(90.0);
        }
    }

    @Test
    void aRowOfRejectedContactsOnlyHasNoLongestWait() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", REJECTED, "2023-03-01T10:00:00+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.rejected()).isEqualTo(1);
            assertThat(day.maxWaitSeconds()).isNull();
            assertThat(day.avgAbandonWaitSeconds()).isNull();
            assertThat(day.reachability()).isEqualTo(0.0);
        }
    }

    @Test
    void answerAndAbandonAtTheSameMillisecondCountAsAnswered() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("a", ABANDONED, "2023-03-01T10:00:30+01:00");
            h.call("a", ANSWERED, "2023-03-01T10:00:30+01:00");
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.answered()).isEqualTo(1);
            assertThat(day.abandoned()).isZero();
        }
    }

    @Test
    void ofTwoOffersAtTheSameMillisecondTheLowestChannelAndQueueCountInEitherOrder() {
        for (boolean werkFirst : new boolean[] {true, false}) {
            try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
                // Contact x: CALL beats CHAT whatever the queue; among calls asiel beats werk.
                String[][] offers = werkFirst
                        ? new String[][] {{"o1", "CHAT", "asiel"}, {"o2", "CALL", "werk"}, {"o3", "CALL", "asiel"}}
                        : new String[][] {{"o3", "CALL", "asiel"}, {"o2", "CALL", "werk"}, {"o1", "CHAT", "asiel"}};
                for (String[] offer : offers) {
                    h.send(offer[0], "x", Channel.valueOf(offer[1]), OFFERED, offer[2], "2023-03-01T10:00:00+01:00");
                }
                // Contact y: CALL in werk beats CHAT in asiel, the channel first.
                h.send(werkFirst ? "p1" : "p2", "y", werkFirst ? Channel.CALL : Channel.CHAT, OFFERED, werkFirst ? "werk" : "asiel",
                        "2023-03-01T10:00:00+01:00");
                h.send(werkFirst ? "p2" : "p1", "y", werkFirst ? Channel.CHAT : Channel.CALL, OFFERED, werkFirst ? "asiel" : "werk",
                        "2023-03-01T10:00:00+01:00");
                assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).offered()).as("werk first: %s", werkFirst).isEqualTo(1);
                assertThat(h.row(Granularity.DAY, Channel.CALL, "werk", DAY).offered()).as("werk first: %s", werkFirst).isEqualTo(1);
                assertThat(h.rows(Granularity.DAY, Channel.CHAT, "asiel")).isEmpty();
            }
        }
    }

    @Test
    void longestWaitFollowsWhenTheContactHoldingItGetsAnEarlierAnswer() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("a", ANSWERED, "2023-03-01T10:01:40+01:00"); // 100 s, the longest
            h.call("b", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("b", ANSWERED, "2023-03-01T10:00:20+01:00"); // 20 s
            h.call("a", ANSWERED, "2023-03-01T10:00:30+01:00"); // an earlier answer: 30 s
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", DAY).maxWaitSeconds()).isCloseTo(30.0, withinPercentage(1));
        }
    }

    @Test
    void heldOutcomeThatTurnsOutImpossibleIsDeadLetteredWithWhereItWasRead() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("a", ANSWERED, "2023-03-01T09:59:00+01:00");  // offset 0: held, then before its OFFERED
            h.call("b", ANSWERED, "2023-03-01T10:00:20+01:00");  // offset 1: held, then possible
            h.call("b", ENDED, "2023-03-01T10:00:10+01:00");     // offset 2: held, then before its ANSWERED
            h.call("a", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("b", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c", ENDED, "2023-03-01T10:00:10+01:00");     // offset 6: held until an answer comes, which lies after it
            h.call("c", ANSWERED, "2023-03-01T10:00:20+01:00");
            var deadLetters = h.deadLetters();
            assertThat(deadLetters).hasSize(3);
            assertThat(deadLetters).extracting(r -> header(r, "kic.dlq.reason")).containsOnly("impossible");
            assertThat(deadLetters).extracting(r -> header(r, "kic.dlq.topic")).containsOnly("kic.contact-events");
            assertThat(deadLetters).extracting(r -> header(r, "kic.dlq.offset")).containsExactlyInAnyOrder("0", "2", "6");
            assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("a", "b", "c");
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.CONTACT)).isEqualTo(3);
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.answered()).isEqualTo(2);
            assertThat(day.asaSeconds()).isEqualTo(20.0);
            assertThat(day.ahtSeconds()).isNull();
        }
    }

    @Test
    void onlyEventsWhosePossibilityIsOpenKeepTheirBytes() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.send("i1", "in-order", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("i2", "in-order", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:20+01:00");
            h.send("s2", "settled", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:20+01:00"); // held with its bytes ...
            h.send("s1", "settled", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");  // ... which go once it is possible
            h.send("h2", "held", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:20+01:00");
            h.send("r1", "rejected", Channel.CALL, REJECTED, "asiel", "2023-03-01T10:00:00+01:00");
            assertThat(h.contactStateBytes("settled")).isEqualTo(h.contactStateBytes("in-order"));
            assertThat(h.contactStateBytes("in-order")).isEqualTo(bytesWithoutSources(
                    event("i1", "in-order", OFFERED, "2023-03-01T10:00:00+01:00"), event("i2", "in-order", ANSWERED, "2023-03-01T10:00:20+01:00")));
            assertThat(h.contactStateBytes("rejected")).isEqualTo(bytesWithoutSources(event("r1", "rejected", REJECTED, "2023-03-01T10:00:00+01:00")));
            // The same one event without its bytes, as a state of its own.
            ContactState withoutBytes = new ContactState();
            withoutBytes.apply(ContactEvent.newBuilder().setEventId("h2").setContactId("held")
                    .setChannel(Channel.CALL).setType(ANSWERED).setQueue("asiel")
                    .setOccurredAt(OffsetDateTime.parse("2023-03-01T10:00:20+01:00").toInstant()).build(), () -> null);
            long plain = ContactState.serde().serializer().serialize("", withoutBytes).length;
            // The held one also keeps its topic, offset and encoding: the Avro event alone is over 30 bytes.
            assertThat(h.contactStateBytes("held")).isGreaterThan(plain + "kic.contact-events".length() + 30);
        }
    }

    private static ContactEvent event(String eventId, String contactId, ContactEventType type,
                                                            String at) {
        return ContactEvent.newBuilder().setEventId(eventId).setContactId(contactId).setChannel(Channel.CALL)
                .setType(type).setQueue("asiel").setOccurredAt(OffsetDateTime.parse(at).toInstant()).build();
    }

    /** The stored size of a contact's state made of these events, none held with its bytes, judged at the harness's clock. */
    private static long bytesWithoutSources(ContactEvent... events) {
        ContactState state = new ContactState();
        for (var e : events) {
            state.apply(e, () -> null);
        }
        state.setCounted(state.judge(new ContactRules(5_000, 20_000, 60_000, 8 * 3_600_000L),
                OffsetDateTime.parse("2023-03-01T18:00:00+01:00").toInstant().toEpochMilli()));
        return ContactState.serde().serializer().serialize("", state).length;
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void lateEventOfAContactWhoseFullStateHasGoneIsJudgedAgainExactly() {
        try (TopologyHarness h = new TopologyHarness("2023-03-20T18:00:00+01:00")) {
            h.call("old", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("old", ANSWERED, "2023-03-01T10:01:00+01:00");
            h.call("new", OFFERED, "2023-03-10T10:00:00+01:00"); // stream time 9 days on: "old" becomes a compact record
            h.call("old", ENDED, "2023-03-01T10:05:00+01:00");   // talk time 4 minutes
            h.call("other", OFFERED, "2023-03-02T10:00:00+01:00"); // never seen, older than the contact retention

            assertThat(h.metrics.tooLateCount(PipelineMetrics.Kind.CONTACT)).isZero();
            ContactFigures first = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(first.offered()).isEqualTo(1);
            assertThat(first.answered()).isEqualTo(1);
            assertThat(first.ahtSeconds()).isEqualTo(240.0);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-02T00:00+01:00").offered()).isEqualTo(1);
            assertThat(h.rows(Granularity.DAY, Channel.CALL, "asiel")).hasSize(3); // 1, 2 and 10 March
        }
    }

    @Test
    void duplicateOfAnEventOfALongClosedContactChangesNothing() {
        try (TopologyHarness h = new TopologyHarness("2023-03-20T18:00:00+01:00")) {
            h.send("o1", "old", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("a1", "old", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:01:00+01:00");
            h.call("new", OFFERED, "2023-03-10T10:00:00+01:00"); // "old" becomes a compact record
            h.send("a1", "old", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:00:30+01:00"); // same id, other time
            h.send("o1", "old", Channel.CALL, OFFERED, "asiel", "2023-03-01T09:00:00+01:00");

            assertThat(h.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.CONTACT)).isEqualTo(2);
            ContactFigures first = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(first.offered()).isEqualTo(1);
            assertThat(first.asaSeconds()).isEqualTo(60.0);
        }
    }

    @Test
    void eventMoreThanTheFineIntervalRetentionBeforeTheClockIsTooLate() {
        // 400 days before 2024-05-01T12:00+02:00 is 2023-03-28T11:00+01:00.
        try (TopologyHarness h = new TopologyHarness("2024-05-01T12:00:00+02:00")) {
            h.call("late", OFFERED, "2023-03-28T10:59:59+01:00");
            h.call("kept", OFFERED, "2023-03-28T11:00:00+01:00");

            assertThat(h.metrics.tooLateCount(PipelineMetrics.Kind.CONTACT)).isEqualTo(1);
            assertThat(h.metrics.deadLetteredCount("too_late")).isEqualTo(1);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-28T00:00+02:00").offered()).isEqualTo(1);
        }
    }

    @Test
    void quarterRowsOlderThanTheFineIntervalRetentionArePurgedAndTheirDaysStay() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00", p -> {
            p.setProperty("kic.fine-interval-retention-days", "2");
            p.setProperty("kic.purge-interval-minutes", "1440");
            return p;
        })) {
            h.call("old", OFFERED, "2023-03-01T10:00:00+01:00");
            assertThat(h.rows(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel")).hasSize(1);
            h.clock.set("2023-03-05T18:00:00+01:00");
            // Stream time 5 March 10:00: quarters before 3 March 10:00 go at the purge.
            h.call("new", OFFERED, "2023-03-05T10:00:00+01:00");

            assertThat(h.rows(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel")).extracting(r -> r.intervalStart().getDayOfMonth())
                    .containsExactly(5);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-01T00:00+01:00").offered()).isEqualTo(1);
        }
    }

    @Test
    void longestWaitStaysExactWhenTheTalkTimeComesIn() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:02:03.456+01:00"); // wait 123.456 s
            h.call("c2", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c2", ANSWERED, "2023-03-01T10:00:10+01:00");
            h.call("c1", ENDED, "2023-03-01T10:07:03.456+01:00");    // the answer with the longest wait gets its talk time
            ContactFigures day = h.row(Granularity.DAY, Channel.CALL, "asiel", DAY);
            assertThat(day.maxWaitSeconds()).isEqualTo(123.456);
            assertThat(day.ahtSeconds()).isCloseTo(300.0, within(1e-9));
        }
    }
}
