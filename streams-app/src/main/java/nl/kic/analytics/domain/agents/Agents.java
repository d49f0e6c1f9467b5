package nl.kic.analytics.domain.agents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.Endpoint;
import nl.kic.analytics.domain.FigureSink;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.Wiring;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.EventTimeExtractor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Agents as a domain: {@code kic.agent-events ─► agent-state} (each agent's current state, counted at
 * query time; each agent's states by event time ({@link AgentTimeline}) and the time present per
 * interval and set of queues ({@link PresenceRow}), keyed like the contact rows); the
 * {@code kic_agents} gauges. Their answers on the API name channels, which are the contacts', and so
 * belong to the application.
 */
public final class Agents implements Domain {

    /** The settings of agents, from the one settings table. */
    public record Settings(String inputTopic, Duration retention, Duration purgeInterval, ZoneId zone, Duration fineRetention) {
        public static Settings from(KicConfig config) {
            return new Settings(config.agentEventsTopic(), config.contactRetention(), config.purgeInterval(), config.zone(),
                    config.fineIntervalRetention());
        }
    }

    public static final String AGENT_STATE_STORE = "agent-state-store";
    /** Each agent's states by event time, per agent and day ({@link AgentTimeline#dayKey}). */
    public static final StoreHandle<Bytes, byte[]> TIMELINE_DAYS = StoreHandle.internalBytes("agent-timeline-day-store");
    /** Time present per interval and set of queues ({@link PresenceRow}), keyed like the contact rows. */
    public static final String PRESENCE_STORE = "agent-presence-store";

    public static final StoreHandle<String, AgentStatus> STATUS =
            new StoreHandle<>(Agents.AGENT_STATE_STORE, Serdes.String(), AgentStatus.serde(), true);
    /**
     * Each agent's states as one timeline, as versions before the timelines per day kept them: read
     * once at start-up, moved into {@link #TIMELINE_DAYS}, and left empty.
     */
    public static final StoreHandle<String, AgentTimeline> TIMELINE =
            new StoreHandle<>("agent-timeline-store", Serdes.String(), AgentTimeline.serde(), false);
    public static final StoreHandle<Bytes, byte[]> PRESENCE = StoreHandle.queriedBytes(Agents.PRESENCE_STORE);

    private final Settings settings;

    public Agents(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "agents";
    }

    @Override
    public String inputTopic() {
        return settings.inputTopic();
    }

    @Override
    public void addTo(StreamsBuilder builder, Wiring wiring) {
        for (StoreHandle<?, ?> store : stores()) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store.name()), store.keySerde(),
                    store.valueSerde()).withCachingEnabled());
        }
        builder.stream(settings.inputTopic(), Consumed.with(Serdes.String(), wiring.<AgentEvent>inputSerde(AgentEvent.getClassSchema()))
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("agent-events"))
                .process(() -> new AgentStatusProcessor(wiring.metrics(), wiring.checks(), settings.retention(), settings.purgeInterval(),
                                settings.zone(), settings.fineRetention()),
                        Named.as("agent-state"), STATUS.name(), TIMELINE_DAYS.name(), TIMELINE.name(), PRESENCE.name());
    }

    @Override
    public List<StoreHandle<?, ?>> stores() {
        return List.of(STATUS, TIMELINE_DAYS, TIMELINE, PRESENCE);
    }

    @Override
    public Map<String, Integer> storedFormats() {
        return Map.of("agent-status", AgentStatus.FORMAT_VERSION, "agent-timeline", AgentTimeline.FORMAT_VERSION,
                "agent-presence-row", PresenceRow.FORMAT_VERSION);
    }

    /** Agents now per queue and team. */
    public AgentsQuery now(StoreReader stores) {
        return new AgentsQuery(stores.store(STATUS));
    }

    /** Agents present per set of queues and interval. */
    public AgentPresenceQuery presence(StoreReader stores) {
        return new AgentPresenceQuery(stores.store(PRESENCE), settings.zone());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of();
    }

    @Override
    public void figures(StoreReader stores, Instant now, FigureSink sink) {
        for (AgentCounts a : now(stores).now().queues()) {
            sink.set("kic.agents", a.loggedIn(), "queue", a.name(), "state", "logged_in");
            sink.set("kic.agents", a.available(), "queue", a.name(), "state", "available");
            sink.set("kic.agents", a.busy(), "queue", a.name(), "state", "busy");
            sink.set("kic.agents", a.away(), "queue", a.name(), "state", "away");
        }
    }
}
