package nl.kic.analytics.agents;

import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.time.ApplicationClock;
import nl.kic.analytics.time.EventTimeExtractor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Agents: {@code kic.agent-events ─► agent-state} (each agent's current state, counts at query time;
 * each agent's states by event time and the time present per interval and set of queues).
 */
public final class AgentTopology {
    public static final String AGENT_STATE_STORE = "agent-state-store";
    /** Each agent's states by event time ({@link AgentTimeline}). */
    public static final String TIMELINE_STORE = "agent-timeline-store";
    /** Time present per interval and set of queues ({@link PresenceRow}), keyed like the contact rows. */
    public static final String PRESENCE_STORE = "agent-presence-store";

    private AgentTopology() {
    }

    public static void build(StreamsBuilder builder, KicConfig config, Serde<AgentEvent> agentEventSerde, ApplicationClock clock,
                             PipelineMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AGENT_STATE_STORE), Serdes.String(), AgentStatus.serde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TIMELINE_STORE), Serdes.String(), AgentTimeline.serde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PRESENCE_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.stream(config.agentEventsTopic(), Consumed.with(Serdes.String(), agentEventSerde)
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("agent-events"))
                .process(() -> new AgentStatusProcessor(metrics, config.eventChecks(clock), config.contactRetention(), config.purgeInterval(),
                                config.zone(), config.fineIntervalRetention()),
                        Named.as("agent-state"), AGENT_STATE_STORE, TIMELINE_STORE, PRESENCE_STORE);
    }
}
