package nl.kic.analytics.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.events.AgentState;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Counts the agents now per queue and per team from the agent state store. */
public final class AgentsQuery {
    /** The counts by queue and by team. */
    public record Agents(List<AgentCounts> queues, List<AgentCounts> teams) {
    }

    private final ReadOnlyKeyValueStore<String, AgentStatus> store;

    public AgentsQuery(ReadOnlyKeyValueStore<String, AgentStatus> store) {
        this.store = store;
    }

    private static final class Tally {
        long loggedIn;
        long available;
        long busy;
        long away;

        void add(AgentState state) {
            if (state == AgentState.LOGGED_OUT) {
                return;
            }
            loggedIn++;
            available += state == AgentState.AVAILABLE ? 1 : 0;
            busy += state == AgentState.BUSY ? 1 : 0;
            away += state == AgentState.AWAY ? 1 : 0;
        }
    }

    public Agents now() {
        Map<String, Tally> byQueue = new TreeMap<>();
        Map<String, Tally> byTeam = new TreeMap<>();
        try (KeyValueIterator<String, AgentStatus> it = store.all()) {
            while (it.hasNext()) {
                AgentStatus status = it.next().value;
                status.queues().forEach(q -> byQueue.computeIfAbsent(q, k -> new Tally()).add(status.state()));
                byTeam.computeIfAbsent(status.team(), k -> new Tally()).add(status.state());
            }
        }
        return new Agents(counts(byQueue), counts(byTeam));
    }

    private static List<AgentCounts> counts(Map<String, Tally> tallies) {
        List<AgentCounts> result = new ArrayList<>();
        tallies.forEach((name, t) -> result.add(new AgentCounts(name, t.loggedIn, t.available, t.busy, t.away)));
        return result;
    }
}
