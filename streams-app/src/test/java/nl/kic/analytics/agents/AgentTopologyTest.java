package nl.kic.analytics.agents;

import static nl.kic.analytics.events.AgentState.AVAILABLE;
import static nl.kic.analytics.events.AgentState.AWAY;
import static nl.kic.analytics.events.AgentState.BUSY;
import static nl.kic.analytics.events.AgentState.LOGGED_IN;
import static nl.kic.analytics.events.AgentState.LOGGED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.metrics.PipelineMetrics;
import org.junit.jupiter.api.Test;

class AgentTopologyTest {

    @Test
    void agentsNowPerQueueAndTeamFromEachAgentsLatestState() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T12:00:00+01:00")) {
            h.agent("a1-1", "a1", "team-1", List.of("asiel", "algemeen"), LOGGED_IN, "2023-03-06T08:55:00+01:00");
            h.agent("a1-2", "a1", "team-1", List.of("asiel", "algemeen"), AVAILABLE, "2023-03-06T08:56:00+01:00");
            h.agent("a2-1", "a2", "team-1", List.of("asiel"), BUSY, "2023-03-06T09:10:00+01:00");
            h.agent("a3-1", "a3", "team-2", List.of("werk"), AWAY, "2023-03-06T10:30:00+01:00");
            h.agent("a4-1", "a4", "team-2", List.of("werk"), LOGGED_OUT, "2023-03-06T11:00:00+01:00");
            // An older event arriving late does not override a newer state; a duplicate is dropped.
            h.agent("a3-0", "a3", "team-2", List.of("werk"), AVAILABLE, "2023-03-06T10:00:00+01:00");
            h.agent("a2-1", "a2", "team-1", List.of("asiel"), AVAILABLE, "2023-03-06T11:30:00+01:00");

            AgentsQuery.Agents agents = h.agents();
            assertThat(agents.queues()).containsExactly(
                    new AgentCounts("algemeen", 1, 1, 0, 0),
                    new AgentCounts("asiel", 2, 1, 1, 0),
                    new AgentCounts("werk", 1, 0, 0, 1));
            assertThat(agents.teams()).containsExactly(
                    new AgentCounts("team-1", 2, 1, 1, 0),
                    new AgentCounts("team-2", 1, 0, 0, 1));
            assertThat(h.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.AGENT)).isEqualTo(1);
        }
    }
}
