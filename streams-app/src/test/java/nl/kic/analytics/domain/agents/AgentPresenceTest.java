package nl.kic.analytics.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * Agents present per channel and interval, worked out by hand from a hand-made day (1 March 2023,
 * +01:00): time LOGGED_IN, AVAILABLE or BUSY ÷ the interval's length, each agent once per channel,
 * late events judged again, duplicates dropped, and arrival order irrelevant.
 */
class AgentPresenceTest {
    private static final double MINUTE_OF_QUARTER = 1.0 / 15;
    private static final double MINUTE_OF_DAY = 1.0 / 1440;

    private record Event(String id, String agent, List<String> queues, AgentState state, String time) {
        void sendTo(TopologyHarness harness) {
            harness.agent(id, agent, "team", queues, state, "2023-03-01T" + time + ":00+01:00");
        }
    }

    /**
     * a1 serves asiel and werk (both CALL): present 09:00–09:20 and 09:25–09:40 (away 09:20–09:25).
     * a2 serves asiel: present 09:00–09:30. c1 serves livechat (CHAT): present 09:10–09:20.
     */
    private static final List<Event> DAY = List.of(
            new Event("1", "a1", List.of("asiel", "werk"), AgentState.LOGGED_IN, "09:00"),
            new Event("2", "a1", List.of("asiel", "werk"), AgentState.AVAILABLE, "09:05"),
            new Event("3", "a1", List.of("asiel", "werk"), AgentState.BUSY, "09:10"),
            new Event("4", "a1", List.of("asiel", "werk"), AgentState.AWAY, "09:20"),
            new Event("5", "a1", List.of("asiel", "werk"), AgentState.AVAILABLE, "09:25"),
            new Event("6", "a1", List.of("asiel", "werk"), AgentState.LOGGED_OUT, "09:40"),
            new Event("7", "a2", List.of("asiel"), AgentState.LOGGED_IN, "09:00"),
            new Event("8", "a2", List.of("asiel"), AgentState.LOGGED_OUT, "09:30"),
            new Event("9", "c1", List.of("livechat"), AgentState.LOGGED_IN, "09:10"),
            new Event("10", "c1", List.of("livechat"), AgentState.LOGGED_OUT, "09:20"));

    /** The contacts that tell which channel a queue belongs to. */
    private static void contacts(TopologyHarness harness) {
        harness.send("k1", Channel.CALL, ContactEventType.OFFERED, "asiel", "2023-03-01T09:01:00+01:00");
        harness.send("k2", Channel.CALL, ContactEventType.OFFERED, "werk", "2023-03-01T09:02:00+01:00");
        harness.send("k3", Channel.CHAT, ContactEventType.OFFERED, "livechat", "2023-03-01T09:03:00+01:00");
    }

    private static double present(TopologyHarness harness, Granularity granularity, String channel, String intervalStart) {
        return harness.queries().agentPresence(granularity, null, null).stream()
                .filter(r -> r.channel().equals(channel) && r.intervalStart().equals(OffsetDateTime.parse(intervalStart)))
                .mapToDouble(AgentPresenceQuery.Row::agentsPresent)
                .findFirst().orElse(0);
    }

    @Test
    void agentsPresentPerQuarterAndDayWithALateEventJudgedAgain() {
        try (TopologyHarness harness = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            contacts(harness);
            DAY.forEach(e -> e.sendTo(harness));

            // 09:00 quarter: a1 15 min + a2 15 min; 09:15: a1 5 + 5, a2 15; 09:30: a1 10 min.
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:00+01:00")).isCloseTo(30 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:15+01:00")).isCloseTo(25 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:30+01:00")).isCloseTo(10 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:45+01:00")).isZero();
            // c1 counts for CHAT only: 5 minutes in each of two quarters.
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CHAT", "2023-03-01T09:00+01:00")).isCloseTo(5 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CHAT", "2023-03-01T09:15+01:00")).isCloseTo(5 * MINUTE_OF_QUARTER, within(1e-12));
            // The day: a1 35 min, a2 30 min of 1,440; the hour 09:00 is the mean of its quarters.
            assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-01T00:00+01:00")).isCloseTo(65 * MINUTE_OF_DAY, within(1e-12));
            assertThat(present(harness, Granularity.DAY, "CHAT", "2023-03-01T00:00+01:00")).isCloseTo(10 * MINUTE_OF_DAY, within(1e-12));
            assertThat(present(harness, Granularity.HOUR, "CALL", "2023-03-01T09:00+01:00")).isCloseTo(65.0 / 60, within(1e-12));

            // A duplicate changes nothing.
            new Event("3", "a1", List.of("asiel", "werk"), AgentState.AWAY, "09:11").sendTo(harness);
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:00+01:00")).isCloseTo(30 * MINUTE_OF_QUARTER, within(1e-12));

            // Late: a2 was away from 09:05. Now a2 is present 09:00–09:05 only.
            new Event("11", "a2", List.of("asiel"), AgentState.AWAY, "09:05").sendTo(harness);
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:00+01:00")).isCloseTo(20 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:15+01:00")).isCloseTo(10 * MINUTE_OF_QUARTER, within(1e-12));
            // Later still: a2 was back at 09:12: present 09:00–09:05 and 09:12–09:30.
            new Event("12", "a2", List.of("asiel"), AgentState.AVAILABLE, "09:12").sendTo(harness);
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:00+01:00")).isCloseTo(23 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-01T09:15+01:00")).isCloseTo(25 * MINUTE_OF_QUARTER, within(1e-12));
            assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-01T00:00+01:00")).isCloseTo((35 + 5 + 18) * MINUTE_OF_DAY, within(1e-12));
        }
    }

    @Test
    void theArrivalOrderDoesNotMatter() {
        List<Event> all = new ArrayList<>(DAY);
        all.add(new Event("11", "a2", List.of("asiel"), AgentState.AWAY, "09:05"));
        all.add(new Event("12", "a2", List.of("asiel"), AgentState.AVAILABLE, "09:12"));
        List<Event> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        List<Event> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        List<List<AgentPresenceQuery.Row>> results = new ArrayList<>();
        for (List<Event> order : List.of(all, reversed, shuffled)) {
            try (TopologyHarness harness = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
                contacts(harness);
                order.forEach(e -> e.sendTo(harness));
                List<AgentPresenceQuery.Row> rows = new ArrayList<>();
                Consumer<Granularity> read = g -> rows.addAll(harness.queries().agentPresence(g, null, null));
                read.accept(Granularity.FIFTEEN_MINUTES);
                read.accept(Granularity.DAY);
                results.add(rows);
            }
        }
        assertThat(results.get(0)).hasSize(3 + 2 + 2); // CALL 09:00, 09:15, 09:30; CHAT 09:00, 09:15; a day each
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(2)).isEqualTo(results.get(0));
    }

    /**
     * a3 (asiel) over four days, each state worked out by hand: AVAILABLE 1 March 23:00 until AWAY
     * 2 March 01:00 (60 minutes on each day); AVAILABLE 2 March 20:00 until AWAY 3 March 03:00 (240
     * and 180 minutes); LOGGED_OUT 4 March 10:00. The states cross midnight and a state's next event
     * lies on another day, so that its neighbours are read from other days.
     */
    private static final List<String[]> ACROSS_DAYS = List.of(
            new String[] {"x1", "AVAILABLE", "2023-03-01T23:00:00+01:00"},
            new String[] {"x2", "AWAY", "2023-03-02T01:00:00+01:00"},
            new String[] {"x3", "AVAILABLE", "2023-03-02T20:00:00+01:00"},
            new String[] {"x5", "AWAY", "2023-03-03T03:00:00+01:00"},
            new String[] {"x4", "LOGGED_OUT", "2023-03-04T10:00:00+01:00"});

    @Test
    void statesAcrossMidnightAndSilentDaysCountTheSameInEveryOrder() {
        List<String[]> reversed = new ArrayList<>(ACROSS_DAYS);
        Collections.reverse(reversed);
        // In order of arrival: x5 comes last, between x3 (two days before x4) and x4.
        List<String[]> lateLast = List.of(ACROSS_DAYS.get(0), ACROSS_DAYS.get(1), ACROSS_DAYS.get(2), ACROSS_DAYS.get(4), ACROSS_DAYS.get(3));
        for (List<String[]> order : List.of(ACROSS_DAYS, reversed, lateLast)) {
            try (TopologyHarness harness = new TopologyHarness("2023-03-05T12:00:00+01:00")) {
                contacts(harness);
                order.forEach(e -> harness.agent(e[0], "a3", "team", List.of("asiel"), AgentState.valueOf(e[1]), e[2]));
                assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-01T00:00+01:00")).isCloseTo(60 * MINUTE_OF_DAY, within(1e-12));
                assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-02T00:00+01:00")).isCloseTo(300 * MINUTE_OF_DAY, within(1e-12));
                assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-03T00:00+01:00")).isCloseTo(180 * MINUTE_OF_DAY, within(1e-12));
                assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-04T00:00+01:00")).isZero();
                assertThat(present(harness, Granularity.FIFTEEN_MINUTES, "CALL", "2023-03-02T00:45+01:00")).isCloseTo(15 * MINUTE_OF_QUARTER, within(1e-12));
            }
        }
    }

    @Test
    void aTimelineKeptWholeByAnEarlierVersionIsMovedIntoDaysAndStillCounts() {
        try (TopologyHarness harness = new TopologyHarness("2023-03-05T12:00:00+01:00")) {
            // Before any record: the state as restored at the first start of this version.
            AgentTimeline whole = new AgentTimeline();
            whole.insert(new AgentTimeline.Entry("x1", OffsetDateTime.parse("2023-03-01T23:00:00+01:00").toInstant().toEpochMilli(),
                    AgentState.AVAILABLE, List.of("asiel")), null, null);
            harness.store(Agents.TIMELINE.name()).put("a3", whole);
            contacts(harness);

            harness.agent("x2", "a3", "team", List.of("asiel"), AgentState.AWAY, "2023-03-02T01:00:00+01:00");
            // A repeat of the moved event is known as one.
            harness.agent("x1", "a3", "team", List.of("asiel"), AgentState.AVAILABLE, "2023-03-01T23:00:00+01:00");

            assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-01T00:00+01:00")).isCloseTo(60 * MINUTE_OF_DAY, within(1e-12));
            assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-02T00:00+01:00")).isCloseTo(60 * MINUTE_OF_DAY, within(1e-12));
            assertThat(harness.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.AGENT)).isEqualTo(1);
            assertThat(harness.entries(Agents.TIMELINE.name())).isZero();
            assertThat(harness.entries(Agents.TIMELINE_DAYS.name())).isEqualTo(2);
        }
    }

    /**
     * a4's status goes a week after its logout, while its days stay: late events after that still find
     * the logout on the next day. LOGGED_IN 1 March 21:00, AVAILABLE 22:00 and AWAY 23:00 (both late),
     * LOGGED_OUT 2 March 01:30: present 21:00–23:00, 120 minutes on 1 March.
     */
    @Test
    void lateEventsOfAnAgentWhoseStatusHasGoneStillFindTheLogoutOnTheNextDay() {
        try (TopologyHarness harness = new TopologyHarness("2023-03-21T12:00:00+01:00")) {
            contacts(harness);
            harness.agent("y1", "a4", "team", List.of("asiel"), AgentState.LOGGED_IN, "2023-03-01T21:00:00+01:00");
            harness.agent("y4", "a4", "team", List.of("asiel"), AgentState.LOGGED_OUT, "2023-03-02T01:30:00+01:00");
            // Another agent moves stream time on by nearly three weeks: the purge forgets a4's status.
            harness.agent("z1", "a5", "team", List.of("asiel"), AgentState.LOGGED_IN, "2023-03-20T09:00:00+01:00");
            assertThat(harness.store(Agents.AGENT_STATE_STORE).get("a4")).isNull();

            harness.agent("y2", "a4", "team", List.of("asiel"), AgentState.AVAILABLE, "2023-03-01T22:00:00+01:00");
            harness.agent("y3", "a4", "team", List.of("asiel"), AgentState.AWAY, "2023-03-01T23:00:00+01:00");

            assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-01T00:00+01:00")).isCloseTo(120 * MINUTE_OF_DAY, within(1e-12));
            assertThat(present(harness, Granularity.DAY, "CALL", "2023-03-02T00:00+01:00")).isZero();
        }
    }

    /**
     * With two days of retention, purged daily: a day goes once the agent's next day with events has
     * ended before the cutoff, so the state in force at the cutoff (AVAILABLE on 3 March) stays.
     */
    @Test
    void aDayOfATimelineGoesOnceItsNextDayEndedBeforeTheCutoff() {
        try (TopologyHarness harness = new TopologyHarness("2023-03-07T12:00:00+01:00", p -> {
            p.setProperty("kic.fine-interval-retention-days", "2");
            p.setProperty("kic.purge-interval-minutes", "1440");
            return p;
        })) {
            contacts(harness);
            harness.agent("w1", "a6", "team", List.of("asiel"), AgentState.LOGGED_IN, "2023-03-01T09:00:00+01:00");
            harness.agent("w2", "a6", "team", List.of("asiel"), AgentState.LOGGED_OUT, "2023-03-01T17:00:00+01:00");
            harness.agent("w3", "a6", "team", List.of("asiel"), AgentState.AVAILABLE, "2023-03-03T09:00:00+01:00");
            harness.agent("w4", "a6", "team", List.of("asiel"), AgentState.AWAY, "2023-03-05T09:00:00+01:00");
            // Stream time 6 March 12:00: the cutoff is 4 March 12:00 (+01:00).
            harness.agent("v1", "a7", "team", List.of("asiel"), AgentState.LOGGED_IN, "2023-03-06T12:00:00+01:00");

            List<String> days = new ArrayList<>();
            try (var it = harness.<org.apache.kafka.common.utils.Bytes, byte[]>store(Agents.TIMELINE_DAYS.name()).all()) {
                it.forEachRemaining(kv -> days.add(AgentTimeline.agentOf(kv.key) + " "
                        + java.time.LocalDate.ofEpochDay(AgentTimeline.dayOf(kv.key))));
            }
            // 1 March goes: 3 March ended before the cutoff. 3 March stays: 5 March has not ended.
            assertThat(days).containsExactly("a6 2023-03-03", "a6 2023-03-05", "a7 2023-03-06");
        }
    }
}
