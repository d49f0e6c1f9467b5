package nl.kic.analytics.domain.agents;

import static nl.kic.analytics.events.AgentState.AVAILABLE;
import static nl.kic.analytics.events.AgentState.AWAY;
import static nl.kic.analytics.events.AgentState.BUSY;
import static nl.kic.analytics.events.AgentState.LOGGED_IN;
import static nl.kic.analytics.events.AgentState.LOGGED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
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

    @Test
    void eachAgentCountsOnceInEachChannelItServesAndOnceInAll() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T12:00:00+01:00")) {
            h.agent("a1-1", "a1", "team-1", List.of("asiel", "algemeen"), AVAILABLE, "2023-03-06T09:00:00+01:00");
            h.agent("a2-1", "a2", "team-1", List.of("asiel"), BUSY, "2023-03-06T09:00:00+01:00");
            h.agent("a3-1", "a3", "team-2", List.of("werk"), AWAY, "2023-03-06T09:00:00+01:00");
            h.agent("a4-1", "a4", "team-2", List.of("werk"), LOGGED_OUT, "2023-03-06T09:00:00+01:00");
            h.agent("a5-1", "a5", "team-chat", List.of("livechat"), BUSY, "2023-03-06T09:00:00+01:00");
            h.agent("a6-1", "a6", "team-chat", List.of("werk", "livechat"), AVAILABLE, "2023-03-06T09:00:00+01:00");

            AgentsQuery.Agents agents = h.queries().agents().now(Map.of(
                    "CALL", Set.of("asiel", "algemeen", "werk"), "CHAT", Set.of("livechat")));
            // Phone: a1 (in two phone queues, once), a2, a3 and a6; summed over the queues it would be
            // five logged in (algemeen a1; asiel a1, a2; werk a3, a6). Chat: a5 and a6.
            assertThat(agents.channels()).containsExactly(
                    new AgentCounts("CALL", 4, 2, 1, 1),
                    new AgentCounts("CHAT", 2, 1, 1, 0));
            // In all: a1, a2, a3, a5 and a6, each once; a4 has logged out.
            assertThat(agents.total()).isEqualTo(new AgentCounts("ALL", 5, 2, 2, 1));
        }
    }
}
