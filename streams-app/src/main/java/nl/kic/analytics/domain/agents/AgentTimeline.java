package nl.kic.analytics.domain.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;

/**
 * One agent's states by event time, so that a late event is judged again exactly: it splits the
 * state it falls in, and the time present before and after it moves between intervals. An agent is
 * <b>present</b> while LOGGED_IN, AVAILABLE or BUSY (not AWAY, not LOGGED_OUT). A state lasts until
 * the agent's next event, at most {@link #LONGEST_STATE_MILLIS}: an agent whose logout never came
 * is not counted present for days; the agent's latest state counts once its next event arrives.
 * Events are ordered by event time, then state code, then event id, so that arrival order never
 * decides.
 */
public final class AgentTimeline {
    public static final int FORMAT_VERSION = 1;
    /** The longest a single state counts: a working day and a half. */
    public static final long LONGEST_STATE_MILLIS = 12 * 3_600_000L;
    /** Separates the queues of a series; queue names (kic.name-pattern) never hold it. */
    public static final String QUEUE_SEPARATOR = "|";

    /** One event of the agent: when, which state, which queues, and its id (for duplicates). */
    public record Entry(String eventId, long atMillis, AgentState state, List<String> queues) {
        public static Entry of(AgentEvent event) {
            List<String> queues = new ArrayList<>();
            event.getQueues().forEach(q -> queues.add(q.toString()));
            return new Entry(event.getEventId(), event.getOccurredAt().toEpochMilli(), event.getState(), List.copyOf(queues));
        }
    }

    /**
     * Time present, added ({@code sign} +1) or taken away (−1): [start, end) with the agent's queues as
     * the series, its queues sorted and joined by {@link #QUEUE_SEPARATOR}.
     */
    public record Segment(String series, long startMillis, long endMillis, int sign) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::atMillis)
            .thenComparingInt(e -> AgentStatus.STATES.code(e.state()))
            .thenComparing(Entry::eventId);

    private final List<Entry> entries;

    public AgentTimeline() {
        this(new ArrayList<>());
    }

    private AgentTimeline(List<Entry> entries) {
        this.entries = entries;
    }

    public boolean hasSeen(String eventId) {
        for (Entry e : entries) {
            if (e.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Event time of the latest entry. */
    public long latestMillis() {
        return entries.get(entries.size() - 1).atMillis();
    }

    /** Adds an event that is not a duplicate; returns the time present it takes away and adds. */
    public List<Segment> insert(Entry entry) {
        int at = 0;
        while (at < entries.size() && ORDER.compare(entries.get(at), entry) <= 0) {
            at++;
        }
        List<Segment> changes = new ArrayList<>();
        Entry before = at > 0 ? entries.get(at - 1) : null;
        Entry after = at < entries.size() ? entries.get(at) : null;
        if (before != null) {
            addPresence(changes, before, after, -1);
            addPresence(changes, before, entry, +1);
        }
        addPresence(changes, entry, after, +1);
        entries.add(at, entry);
        return changes;
    }

    private static void addPresence(List<Segment> changes, Entry state, Entry next, int sign) {
        if (next == null || !isPresent(state.state())) {
            return;
        }
        long end = Math.min(next.atMillis(), state.atMillis() + LONGEST_STATE_MILLIS);
        if (end > state.atMillis()) {
            changes.add(new Segment(series(state.queues()), state.atMillis(), end, sign));
        }
    }

    public static boolean isPresent(AgentState state) {
        return state == AgentState.LOGGED_IN || state == AgentState.AVAILABLE || state == AgentState.BUSY;
    }

    /** The series of a set of queues: sorted, without repeats, joined by {@link #QUEUE_SEPARATOR}. */
    public static String series(List<String> queues) {
        return String.join(QUEUE_SEPARATOR, new TreeSet<>(queues));
    }

    /** The queues of a series. */
    public static List<String> queues(String series) {
        return series.isEmpty() ? List.of() : List.of(series.split("\\" + QUEUE_SEPARATOR));
    }

    /**
     * Forgets the entries whose state ended before {@code cutoffMillis} (its intervals' rows have
     * expired, and an event that early is refused as too late), keeping the one in force at it.
     */
    public void forgetBefore(long cutoffMillis) {
        while (entries.size() > 1 && entries.get(1).atMillis() <= cutoffMillis) {
            entries.remove(0);
        }
    }

    public static Serde<AgentTimeline> serde() {
        return BinarySerde.of(AgentTimeline::toBytes, AgentTimeline::fromBytes);
    }

    private byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(64 + 48 * entries.size()).writeByte(FORMAT_VERSION).writeVarLong(entries.size());
        for (Entry e : entries) {
            out.writeString(e.eventId()).writeVarLong(e.atMillis()).writeByte(AgentStatus.STATES.code(e.state())).writeStrings(e.queues());
        }
        return out.toByteArray();
    }

    private static AgentTimeline fromBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        BinarySerde.readVersion(in, FORMAT_VERSION, FORMAT_VERSION, "agent timeline");
        int count = in.readVarInt();
        List<Entry> entries = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(in.readString(), in.readVarLong(), AgentStatus.STATES.value(in.readByte()), List.copyOf(in.readStrings())));
        }
        return new AgentTimeline(entries);
    }
}
