package nl.kic.analytics.domain.agents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * One agent's states by event time, so that a late event is judged again exactly: it splits the
 * state it falls in, and the time present before and after it moves between intervals. An agent is
 * <b>present</b> while LOGGED_IN, AVAILABLE or BUSY (not AWAY, not LOGGED_OUT). A state lasts until
 * the agent's next event, at most {@link #LONGEST_STATE_MILLIS}: an agent whose logout never came
 * is not counted present for days; the agent's latest state counts once its next event arrives.
 * Events are ordered by event time, then state code, then event id, so that arrival order never
 * decides.
 *
 * <p>A timeline is stored per agent and day ({@link #dayKey}): an event reads and writes the states of
 * its own day, and the neighbours on other days only where it is the first or last of its day, so
 * that the work per event does not grow with the months of states kept.
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

    /** The first entry, by event time. */
    public Entry first() {
        return entries.get(0);
    }

    /** The latest entry, by event time. */
    public Entry last() {
        return entries.get(entries.size() - 1);
    }

    /** Whether {@code entry} would come before every entry of this timeline. */
    public boolean startsAfter(Entry entry) {
        return entries.isEmpty() || ORDER.compare(entry, entries.get(0)) < 0;
    }

    /** Whether {@code entry} would come after every entry of this timeline. */
    public boolean endsBefore(Entry entry) {
        return entries.isEmpty() || ORDER.compare(entries.get(entries.size() - 1), entry) <= 0;
    }

    /**
     * Adds an event that is not a duplicate; returns the time present it takes away and adds. Where it
     * comes first or last here, {@code earlier} and {@code later} are the agent's nearest entries
     * outside this timeline (on other days), or null when there are none.
     */
    public List<Segment> insert(Entry entry, Entry earlier, Entry later) {
        int at = 0;
        while (at < entries.size() && ORDER.compare(entries.get(at), entry) <= 0) {
            at++;
        }
        List<Segment> changes = new ArrayList<>();
        Entry before = at > 0 ? entries.get(at - 1) : earlier;
        Entry after = at < entries.size() ? entries.get(at) : later;
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

    /** The key of an agent's timeline of one day: the agent's id, then the day, so that one agent's days sort by time. */
    public static Bytes dayKey(String agentId, long epochDay) {
        byte[] id = agentId.getBytes(StandardCharsets.UTF_8);
        // The id's length first, so that no agent's keys fall between another's first and last day.
        return Bytes.wrap(ByteBuffer.allocate(4 + id.length + 8).putInt(id.length).put(id).putLong(epochDay).array());
    }

    /** The day of an entry's key: days since 1970-01-01 in UTC (a day's timeline only bounds the work, it is not an interval). */
    public static long epochDay(long atMillis) {
        return Math.floorDiv(atMillis, 86_400_000L);
    }

    /** The day in a {@link #dayKey}. */
    public static long dayOf(Bytes dayKey) {
        byte[] key = dayKey.get();
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }

    /** The agent's id in a {@link #dayKey}. */
    public static String agentOf(Bytes dayKey) {
        ByteBuffer key = ByteBuffer.wrap(dayKey.get());
        return new String(dayKey.get(), 4, key.getInt(), StandardCharsets.UTF_8);
    }

    /** Splits a timeline into one per day, keyed by {@link #dayKey}: the stored form of a timeline of the first format. */
    public Map<Long, AgentTimeline> byDay() {
        Map<Long, AgentTimeline> days = new TreeMap<>();
        for (Entry e : entries) {
            days.computeIfAbsent(epochDay(e.atMillis()), d -> new AgentTimeline()).entries.add(e);
        }
        return days;
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
