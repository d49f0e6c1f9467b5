package nl.kic.analytics.domain.agents;

import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.EnumCodes;
import org.apache.kafka.common.serialization.Serde;

/**
 * One agent now: its team, queues and state from its latest event by event time (at the same
 * millisecond, the one received last), and the ids of its recent events for duplicate detection.
 */
public final class AgentStatus {
    /** 2: the state as an explicit code; 1: as the enum's ordinal (read, never written). */
    public static final int FORMAT_VERSION = 2;
    private static final int ORDINALS_VERSION = 1;
    /** Stored codes, independent of the order in which the schema declares its symbols (ordinals then were code − 1). */
    static final EnumCodes<AgentState> STATES = EnumCodes.of("agent state", AgentState.LOGGED_IN, AgentState.AVAILABLE,
            AgentState.BUSY, AgentState.AWAY, AgentState.LOGGED_OUT);

    /** An event id remembered with its event time, so that the memory can be pruned. */
    private record SeenEvent(String eventId, long occurredAtMillis) {
    }

    private final List<SeenEvent> seen;
    private String team;
    private List<String> queues;
    private AgentState state;
    private long stateSinceMillis;

    public AgentStatus() {
        this(new ArrayList<>(), "", List.of(), AgentState.LOGGED_OUT, Long.MIN_VALUE);
    }

    private AgentStatus(List<SeenEvent> seen, String team, List<String> queues, AgentState state, long stateSinceMillis) {
        this.seen = seen;
        this.team = team;
        this.queues = queues;
        this.state = state;
        this.stateSinceMillis = stateSinceMillis;
    }

    public boolean hasSeen(String eventId) {
        for (SeenEvent e : seen) {
            if (e.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** Applies an event that is not a duplicate; forgets event ids older than {@code memoryMillis} before it. */
    public void apply(AgentEvent event, long memoryMillis) {
        long at = event.getOccurredAt().toEpochMilli();
        seen.add(new SeenEvent(event.getEventId(), at));
        if (at >= stateSinceMillis) {
            team = event.getTeam();
            queues = List.copyOf(event.getQueues());
            state = event.getState();
            stateSinceMillis = at;
        }
        seen.removeIf(e -> e.occurredAtMillis() < stateSinceMillis - memoryMillis);
    }

    public String team() {
        return team;
    }

    public List<String> queues() {
        return queues;
    }

    public AgentState state() {
        return state;
    }

    public long stateSinceMillis() {
        return stateSinceMillis;
    }

    public static Serde<AgentStatus> serde() {
        return BinarySerde.of(AgentStatus::toBytes, AgentStatus::fromBytes);
    }

    private byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(128).writeByte(FORMAT_VERSION);
        out.writeVarLong(seen.size());
        for (SeenEvent e : seen) {
            out.writeString(e.eventId()).writeVarLong(e.occurredAtMillis());
        }
        out.writeString(team).writeStrings(queues);
        return out.writeByte(STATES.code(state)).writeVarLong(stateSinceMillis).toByteArray();
    }

    private static AgentStatus fromBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, ORDINALS_VERSION, FORMAT_VERSION, "agent status");
        int seenCount = in.readVarInt();
        List<SeenEvent> seen = new ArrayList<>(seenCount + 1);
        for (int i = 0; i < seenCount; i++) {
            seen.add(new SeenEvent(in.readString(), in.readVarLong()));
        }
        String team = in.readString();
        List<String> queues = in.readStrings();
        AgentState state = STATES.value(in.readByte() + (version == ORDINALS_VERSION ? 1 : 0));
        return new AgentStatus(seen, team, List.copyOf(queues), state, in.readVarLong());
    }
}
