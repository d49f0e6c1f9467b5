package nl.kic.analytics.domain.contacts;

import static nl.kic.analytics.events.ContactEventType.ABANDONED;
import static nl.kic.analytics.events.ContactEventType.ANSWERED;
import static nl.kic.analytics.events.ContactEventType.OFFERED;
import static nl.kic.analytics.events.ContactEventType.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.Channel;
import org.junit.jupiter.api.Test;

/** The live figures at the application clock's now, counted by outcome time. */
class LiveFiguresTest {

    @Test
    void rollingFiguresCountOutcomesOfTheLastFifteenMinutesAndOfToday() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T11:00:00+01:00")) {
            h.call("c8", OFFERED, "2023-02-28T16:00:00+01:00");   // yesterday: in neither window
            h.call("c8", ANSWERED, "2023-02-28T16:10:00+01:00");
            h.call("c9", OFFERED, "2023-03-01T02:00:00+01:00");   // 9 h ago, no outcome: lost, not waiting
            h.call("c2", OFFERED, "2023-03-01T10:00:00+01:00");
            h.call("c2", ANSWERED, "2023-03-01T10:40:00+01:00");  // today only, wait 2400 s
            h.call("c10", OFFERED, "2023-03-01T10:44:00+01:00");
            h.call("c10", ANSWERED, "2023-03-01T10:45:00+01:00"); // exactly 15 min ago: today only, wait 60 s
            h.call("c1", OFFERED, "2023-03-01T10:30:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:50:00+01:00");  // last 15 min, wait 1200 s
            h.call("c3", OFFERED, "2023-03-01T10:55:00+01:00");
            h.call("c3", ABANDONED, "2023-03-01T10:55:03+01:00"); // last 15 min, short
            h.call("c4", OFFERED, "2023-03-01T10:50:00+01:00");
            h.call("c4", ABANDONED, "2023-03-01T10:58:00+01:00"); // last 15 min
            h.call("c5", REJECTED, "2023-03-01T10:59:00+01:00");  // last 15 min
            h.call("c6", OFFERED, "2023-03-01T10:52:00+01:00");   // waiting 8 min
            h.call("c7", OFFERED, "2023-03-01T10:40:00+01:00");   // waiting 20 min

            LiveFigures asiel = h.live(Channel.CALL, "asiel");
            assertThat(asiel.waitingNow()).isEqualTo(2);
            assertThat(asiel.longestWaitNowSeconds()).isCloseTo(1200.0, within(1e-9));
            // Last 15 min: answered 1, abandoned 2 (1 short), rejected 1: D = 1 + 2 - 1 + 1 = 3
            assertThat(asiel.last15Minutes().answered()).isEqualTo(1);
            assertThat(asiel.last15Minutes().abandoned()).isEqualTo(2);
            assertThat(asiel.last15Minutes().rejected()).isEqualTo(1);
            assertThat(asiel.last15Minutes().reachability()).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(asiel.last15Minutes().asaSeconds()).isCloseTo(1200.0, within(1e-9));
            // Today: answered 3, abandoned 2 (1 short), rejected 1: D = 3 + 2 - 1 + 1 = 5
            assertThat(asiel.today().answered()).isEqualTo(3);
            assertThat(asiel.today().reachability()).isCloseTo(3.0 / 5, within(1e-12));
            assertThat(asiel.today().asaSeconds()).isCloseTo((2400 + 60 + 1200) / 3.0, within(1e-9));
            assertThat(asiel.today().serviceLevel()).isCloseTo(0.0, within(1e-12));

            LiveFigures all = h.live(Channel.CALL, "ALL");
            assertThat(all.waitingNow()).isEqualTo(2);
            assertThat(all.today().answered()).isEqualTo(3);

            // Ten minutes later the window has moved on: only c3, c4 and c5 remain in it.
            h.clock.advance(Duration.ofMinutes(10));
            LiveFigures later = h.live(Channel.CALL, "asiel");
            assertThat(later.last15Minutes().answered()).isZero();
            assertThat(later.last15Minutes().abandoned()).isEqualTo(2);
            assertThat(later.last15Minutes().reachability()).isCloseTo(0.0, within(1e-12));
            assertThat(later.longestWaitNowSeconds()).isCloseTo(1800.0, within(1e-9));
        }
    }

    @Test
    void outcomeThatReplacesAnotherMovesInTheLiveWindow() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T11:00:00+01:00")) {
            h.call("c1", OFFERED, "2023-03-01T10:30:00+01:00");
            h.call("c1", ANSWERED, "2023-03-01T10:55:00+01:00");
            h.call("c1", ABANDONED, "2023-03-01T10:40:00+01:00"); // earlier outcome wins, outside the window
            LiveFigures asiel = h.live(Channel.CALL, "asiel");
            assertThat(asiel.last15Minutes().answered()).isZero();
            assertThat(asiel.last15Minutes().abandoned()).isZero();
            assertThat(asiel.today().abandoned()).isEqualTo(1);
            assertThat(asiel.today().answered()).isZero();
        }
    }

    @Test
    void queueWithContactsYesterdayIsListedWithEmptyFiguresToday() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T08:55:00+01:00")) {
            h.send("c1", Channel.CHAT, OFFERED, "livechat", "2023-02-28T16:00:00+01:00");
            h.send("c1", Channel.CHAT, ANSWERED, "livechat", "2023-02-28T16:01:00+01:00");
            LiveFigures chat = h.live(Channel.CHAT, "livechat");
            assertThat(chat.waitingNow()).isZero();
            assertThat(chat.today().answered()).isZero();
            assertThat(chat.today().reachability()).isNull();
        }
    }

    @Test
    void onMondayTheQueuesOfThursdayAndFridayAreListedAndAFeedThatHasNotStartedIsStale() {
        // Monday 6 March 2023, 09:10: nothing yet today. Friday 3 March and Thursday 2 March are the two
        // working days before; Wednesday 1 March is not.
        try (TopologyHarness h = new TopologyHarness("2023-03-06T09:10:00+01:00")) {
            h.send("w1", Channel.CALL, OFFERED, "werk", "2023-03-03T16:50:00+01:00");
            h.send("w1", Channel.CALL, ANSWERED, "werk", "2023-03-03T16:55:00+01:00");
            h.send("a1", Channel.CALL, OFFERED, "asiel", "2023-03-02T10:00:00+01:00");
            h.send("a1", Channel.CALL, ANSWERED, "asiel", "2023-03-02T10:01:00+01:00");
            h.send("s1", Channel.CALL, OFFERED, "studie", "2023-03-01T10:00:00+01:00");
            h.send("s1", Channel.CALL, ANSWERED, "studie", "2023-03-01T10:01:00+01:00");
            assertThat(h.liveFigures(Channel.CALL, "werk")).isPresent();
            assertThat(h.liveFigures(Channel.CALL, "asiel")).isPresent();
            assertThat(h.liveFigures(Channel.CALL, "studie")).isEmpty();
            LiveFigures all = h.live(Channel.CALL, "ALL");
            assertThat(all.today().answered()).isZero();
            // Open since 09:00 and nothing since Friday 16:55: stale from 09:10, the stale time after the opening.
            assertThat(all.stale()).isTrue();
            assertThat(all.newestEventAgeSeconds()).isEqualTo(Duration.ofDays(2).plusHours(16).plusMinutes(15).toSeconds());
        }
    }

    @Test
    void afterAClosureLongerThanOutcomesAreKeptOnlyDaysStillWhollyKeptListQueues() {
        // Closed Tuesday 7 to Friday 10 March 2023; Monday 13 March at 09:10 the two working days before
        // are 6 and 3 March, but outcomes are kept for seven days: the queues of 7 March 00:00 on are listed.
        try (TopologyHarness h = new TopologyHarness("2023-03-13T09:10:00+01:00", p -> {
            p.setProperty("kic.calendar.extra-closure-days", "2023-03-07,2023-03-08,2023-03-09,2023-03-10");
            return p;
        })) {
            h.send("w1", Channel.CALL, OFFERED, "werk", "2023-03-06T15:00:00+01:00");
            h.send("w1", Channel.CALL, ANSWERED, "werk", "2023-03-06T15:05:00+01:00");
            h.send("a1", Channel.CALL, OFFERED, "asiel", "2023-03-13T09:00:00+01:00");
            assertThat(h.liveFigures(Channel.CALL, "asiel")).isPresent();
            assertThat(h.liveFigures(Channel.CALL, "werk")).isEmpty();
        }
    }

    @Test
    void contactOfferedExactlyTheLostTimeoutAgoIsNoLongerWaitingEvenBeforeTheClockCheck() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T17:00:00+01:00")) {
            h.call("lost", OFFERED, "2023-03-01T10:00:00+01:00");    // waiting when it arrives ...
            h.call("waiting", OFFERED, "2023-03-01T10:00:01+01:00");
            h.clock.set("2023-03-01T18:00:00+01:00");                // ... 8 h before the clock now, not yet checked
            LiveFigures asiel = h.live(Channel.CALL, "asiel");
            assertThat(asiel.waitingNow()).isEqualTo(1);
            assertThat(asiel.longestWaitNowSeconds()).isEqualTo(8 * 3600 - 1.0);
        }
    }

    @Test
    void outcomeAtMidnightCountsForTheNewDay() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T09:00:00+01:00")) {
            h.call("c1", OFFERED, "2023-02-28T23:59:50+01:00");
            h.call("c1", ANSWERED, "2023-03-01T00:00:00+01:00");
            h.call("c2", OFFERED, "2023-02-28T23:59:40+01:00");
            h.call("c2", ANSWERED, "2023-02-28T23:59:59.999+01:00");
            assertThat(h.live(Channel.CALL, "asiel").today().answered()).isEqualTo(1);
            assertThat(h.live(Channel.CALL, "asiel").today().asaSeconds()).isEqualTo(10.0);
        }
    }

    @Test
    void allSumsTheQueuesOfAChannelInBothWindowsAndTheListIsOrderedByChannelAndQueue() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T11:00:00+01:00")) {
            h.send("a", Channel.CALL, OFFERED, "werk", "2023-03-01T10:50:00+01:00");
            h.send("a", Channel.CALL, ANSWERED, "werk", "2023-03-01T10:50:10+01:00");
            h.send("b", Channel.CALL, OFFERED, "asiel", "2023-03-01T10:55:00+01:00");
            h.send("b", Channel.CALL, ANSWERED, "asiel", "2023-03-01T10:55:30+01:00");
            h.send("c", Channel.CHAT, OFFERED, "asiel", "2023-03-01T10:00:00+01:00");
            h.send("c", Channel.CHAT, ANSWERED, "asiel", "2023-03-01T10:01:00+01:00");
            LiveFigures all = h.live(Channel.CALL, "ALL");
            assertThat(all.last15Minutes().answered()).isEqualTo(2);
            assertThat(all.last15Minutes().asaSeconds()).isEqualTo(20.0);
            assertThat(all.today().answered()).isEqualTo(2);
            assertThat(h.allLiveFigures()).extracting(f -> f.channel() + "|" + f.queue())
                    .containsExactly("CALL|ALL", "CALL|asiel", "CALL|werk", "CHAT|ALL", "CHAT|asiel");
        }
    }

    @Test
    void aChannelIsStaleWhenNothingArrivedForTheStaleTimeDuringOpeningHoursCountedFromTheOpening() {
        // Opening hours 09:00–17:00 on working days; the stale time is 10 minutes. 1 March 2023 is a Wednesday.
        try (TopologyHarness h = new TopologyHarness("2023-03-01T08:00:00+01:00")) {
            h.call("c1", OFFERED, "2023-02-28T16:55:00+01:00"); // yesterday, answered at 16:56
            h.call("c1", ANSWERED, "2023-02-28T16:56:00+01:00");
            LiveFigures before = h.live(Channel.CALL, "ALL");
            assertThat(before.newestEventAgeSeconds()).isEqualTo((15 * 3600 + 4 * 60) * 1.0); // 16:56 to 08:00
            assertThat(before.stale()).as("closed: nothing is expected").isFalse();

            h.clock.set("2023-03-01T09:09:59+01:00");
            assertThat(h.live(Channel.CALL, "ALL").stale()).as("open for less than the stale time").isFalse();
            h.clock.set("2023-03-01T09:10:00+01:00");
            assertThat(h.live(Channel.CALL, "ALL").stale()).as("open for exactly the stale time, nothing since").isTrue();

            h.call("c2", OFFERED, "2023-03-01T09:10:00+01:00");
            LiveFigures fresh = h.live(Channel.CALL, "ALL");
            assertThat(fresh.stale()).isFalse();
            assertThat(fresh.newestEventAgeSeconds()).isZero();
            h.clock.set("2023-03-01T09:19:59+01:00");
            assertThat(h.live(Channel.CALL, "ALL").stale()).isFalse();
            h.clock.set("2023-03-01T09:20:00+01:00");
            assertThat(h.live(Channel.CALL, "ALL").stale()).isTrue();
            assertThat(h.live(Channel.CALL, "ALL").newestEventAgeSeconds()).isEqualTo(600.0);
            h.clock.set("2023-03-01T17:30:00+01:00");
            assertThat(h.live(Channel.CALL, "ALL").stale()).as("closed again").isFalse();
        }
    }
}
