package nl.kic.analytics.domain.agents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.kic.analytics.events.AgentState;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Counts the agents now per queue, per team, per channel and in all from the agent state store. */
public final class AgentsQuery {
    /** The name of the count over all agents. */
    public static final String ALL = "ALL";

    /**
     * The counts by queue and by team (an agent counts in every queue it serves), by channel (an
     * agent counts once in each channel with a queue it serves) and over all agents (each once).
     */
    public record Agents(List<AgentCounts> queues, List<AgentCounts> teams, List<AgentCounts> channels, AgentCounts total) {
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

    /** The counts without channels. */
    public Agents now() {
        return now(Map.of());
    }

    /**
     * The counts, with the channels {@code queuesByChannel} names: an agent counts in a channel when
     * it serves at least one of that channel's queues.
     */
    public Agents now(Map<String, Set<String>> queuesByChannel) {
        Map<String, Tally> byQueue = new TreeMap<>();
        Map<String, Tally> byTeam = new TreeMap<>();
        Map<String, Tally> byChannel = new TreeMap<>();
        Tally total = new Tally();
        try (KeyValueIterator<String, AgentStatus> it = store.all()) {
            while (it.hasNext()) {
                AgentStatus status = it.next().value;
                status.queues().forEach(q -> byQueue.computeIfAbsent(q, k -> new Tally()).add(status.state()));
                byTeam.computeIfAbsent(status.team(), k -> new Tally()).add(status.state());
                queuesByChannel.forEach((channel, queues) -> {
                    if (!Collections.disjoint(queues, status.queues())) {
                        byChannel.computeIfAbsent(channel, k -> new Tally()).add(status.state());
                    }
                });
                total.add(status.state());
            }
        }
        return new Agents(counts(byQueue), counts(byTeam), counts(byChannel), counts(ALL, total));
    }

    private static List<AgentCounts> counts(Map<String, Tally> tallies) {
        List<AgentCounts> result = new ArrayList<>();
        tallies.forEach((name, t) -> result.add(counts(name, t)));
        return result;
    }

    private static AgentCounts counts(String name, Tally t) {
        return new AgentCounts(name, t.loggedIn, t.available, t.busy, t.away);
    }
}
