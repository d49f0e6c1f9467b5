package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.staffing.ErlangA;
import nl.kic.analytics.domain.staffing.QueueInputs;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.ContactEventType;
import org.junit.jupiter.api.Test;

/**
 * Staffing on a hand-made quarter hour: the model's inputs as measured from the figures (worked out
 * by hand), the prediction for the agents present, with two more, the norm's staff and the day's fit.
 * Erlang A itself is checked in ErlangModelTest; here, that the right inputs reach it.
 */
class StaffingQueryTest {

    private static double reachability(int agents) {
        // By hand from the events below: 16 calls an hour, 300 s handle time, patience 250 s / 2 = 125 s.
        return ErlangA.figures(new QueueInputs(16, 300, 125, agents, 20, 5)).reachability();
    }

    @Test
    void aQuarterHourMeasuredAndPredicted() {
        try (TopologyHarness harness = new TopologyHarness("2023-03-01T18:00:00+01:00")) {
            String day = "2023-03-01T";
            // c1: wait 60 s, talk 240 s; c2: wait 30 s, talk 360 s; c3 and c4 abandon after 120 s and 40 s.
            harness.call("c1", ContactEventType.OFFERED, day + "09:00:00+01:00");
            harness.call("c1", ContactEventType.ANSWERED, day + "09:01:00+01:00");
            harness.call("c1", ContactEventType.ENDED, day + "09:05:00+01:00");
            harness.call("c2", ContactEventType.OFFERED, day + "09:02:00+01:00");
            harness.call("c2", ContactEventType.ANSWERED, day + "09:02:30+01:00");
            harness.call("c2", ContactEventType.ENDED, day + "09:08:30+01:00");
            harness.call("c3", ContactEventType.OFFERED, day + "09:03:00+01:00");
            harness.call("c3", ContactEventType.ABANDONED, day + "09:05:00+01:00");
            harness.call("c4", ContactEventType.OFFERED, day + "09:04:00+01:00");
            harness.call("c4", ContactEventType.ABANDONED, day + "09:04:40+01:00");
            // a1 the whole quarter, a2 half of it: 1.5 agents present.
            harness.agent("1", "a1", "t", List.of("asiel"), AgentState.LOGGED_IN, day + "09:00:00+01:00");
            harness.agent("2", "a1", "t", List.of("asiel"), AgentState.LOGGED_OUT, day + "09:15:00+01:00");
            harness.agent("3", "a2", "t", List.of("asiel"), AgentState.LOGGED_IN, day + "09:00:00+01:00");
            harness.agent("4", "a2", "t", List.of("asiel"), AgentState.LOGGED_OUT, day + "09:07:30+01:00");

            StaffingQuery.Answer answer = harness.queries().staffing().between(null, null, null, 2);

            assertThat(answer.intervals()).hasSize(1);
            StaffingQuery.IntervalStaffing q = answer.intervals().get(0);
            assertThat(q.channel()).isEqualTo("CALL");
            assertThat(q.intervalStart()).hasToString("2023-03-01T09:00+01:00");
            assertThat(q.offered()).isEqualTo(4);
            assertThat(q.arrivalsPerHour()).isEqualTo(16.0);
            assertThat(q.ahtSeconds()).isEqualTo(300.0);
            assertThat(q.patience().abandonments()).isEqualTo(2);
            assertThat(q.patience().waitSecondsTotal()).isCloseTo(250.0, within(1e-9));
            assertThat(q.patience().meanPatienceSeconds()).isCloseTo(125.0, within(1e-9));
            assertThat(q.agentsPresent()).isCloseTo(1.5, within(1e-12));
            assertThat(q.measuredReachability()).isEqualTo(0.5); // 2 answered of 4, no short abandon
            // 1.5 agents: halfway between 1 and 2; two more: halfway between 3 and 4.
            assertThat(q.predictedReachability()).isCloseTo((reachability(1) + reachability(2)) / 2, within(1e-12));
            assertThat(q.predictedReachabilityWithExtra()).isCloseTo((reachability(3) + reachability(4)) / 2, within(1e-12));
            // The norm (0.8 by default) is met by agentsForNorm and not by one fewer.
            assertThat(q.agentsForNorm()).isNotNull();
            assertThat(reachability(q.agentsForNorm())).isGreaterThanOrEqualTo(0.8);
            assertThat(reachability(q.agentsForNorm() - 1)).isLessThan(0.8);
            assertThat(answer.normReachability()).isEqualTo(0.8);

            // The day has this one quarter: the same prediction, measured 0.5, one error.
            assertThat(answer.days()).hasSize(1);
            assertThat(answer.days().get(0).predictedReachability()).isCloseTo(q.predictedReachability(), within(1e-12));
            assertThat(answer.days().get(0).measuredReachability()).isEqualTo(0.5);
            assertThat(answer.dailyFit().periods()).isEqualTo(1);
            assertThat(answer.dailyFit().meanError()).isCloseTo(q.predictedReachability() - 0.5, within(1e-12));
        }
    }
}
