package nl.kic.analytics.agents;

import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.serde.BinaryReader;
import nl.kic.analytics.serde.BinarySerde;
import nl.kic.analytics.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;

/**
 * One agent now: its team, queues and state from its latest event by event time (at the same
 * millisecond, the one received last), and the ids of its recent events for duplicate detection.
 */
public final class AgentStatus {
    private static final int FORMAT_VERSION = 1;

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
        return out.writeByte(state.ordinal()).writeVarLong(stateSinceMillis).toByteArray();
    }

    private static AgentStatus fromBytes(byte[] bytes) {
        BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "agent status");
        int seenCount = in.readVarInt();
        List<SeenEvent> seen = new ArrayList<>(seenCount + 1);
        for (int i = 0; i < seenCount; i++) {
            seen.add(new SeenEvent(in.readString(), in.readVarLong()));
        }
        String team = in.readString();
        List<String> queues = in.readStrings();
        AgentState state = AgentState.values()[in.readByte()];
        return new AgentStatus(seen, team, List.copyOf(queues), state, in.readVarLong());
    }
}
