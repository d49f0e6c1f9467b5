package nl.kic.analytics.domain.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.ContributionCodec;
import nl.kic.analytics.platform.serde.Fingerprints;
import nl.kic.analytics.platform.serde.HeldSource;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one entity (a contact, an e-mail): the event ids seen (for duplicates), the
 * events kept (impossible ones too, which the judgement ignores), and the contribution now counted in
 * the figures. A kind of entity supplies only its rules: how an event is kept, what makes one
 * impossible or not yet decidable, and how the entity is judged; the judgement depends only on the
 * set of kept events and the clock, never on the order in which they arrived.
 *
 * <p>Two forms share this class. The full state, kept for the entity's retention after its last
 * event, remembers event ids as they are and the bytes of events whose possibility is not known yet.
 * The compact record ({@link #compacted()}), kept after that for the retention of the 15-minute rows,
 * remembers 64-bit fingerprints of the event ids instead and no bytes: enough to drop a late
 * duplicate and to judge the entity again exactly when a late event arrives.
 *
 * @param <S> the kind's own state class
 * @param <E> its input event
 * @param <K> its kept event
 * @param <C> its contribution to the figures
 */
public abstract class EntityState<S extends EntityState<S, E, K, C>, E, K extends Kept<K>, C> {

    // Full format 4 and compact format 3 store events and the counted contribution with a contact's
    // caller key and reason; full 3 and compact 2 the contribution with explicit codes; the earlier
    // ones with enum ordinals; full format 1 is each kind's own. All but the newest are read, never written.
    private static final int FULL_FORMAT_V1 = 1;
    public static final int FULL_FORMAT = 4;
    private static final int COMPACT_FORMAT_V1 = 1;
    public static final int COMPACT_FORMAT = 3;

    /** The format of the contribution stored in a full state of {@code version} (2 and later). */
    private static int contributionFormatOfFull(int version) {
        return version - 1;
    }

    /** The format of the contribution stored in a compact record of {@code version}. */
    private static int contributionFormatOfCompact(int version) {
        return version;
    }

    /** The parts of a state, as read from its stored bytes. */
    public record Parts<K, C>(List<String> seenEventIds, long[] fingerprints, List<K> events, long lastEventMillis, C counted) {
    }

    private final Format<S, K, C> format;
    private List<String> seenEventIds = new ArrayList<>(4);
    private long[] fingerprints = new long[0];
    private List<K> events = new ArrayList<>(4);
    private long lastEventMillis;
    private C counted;

    /** A new state, stored in {@code format}. */
    protected EntityState(Format<S, K, C> format) {
        this.format = format;
    }

    /** A state restored from its parts: the new state of its kind, filled. */
    private static <S extends EntityState<S, ?, K, C>, K extends Kept<K>, C> S restored(Format<S, K, C> format, Parts<K, C> parts) {
        S state = format.newState.get();
        EntityState<S, ?, K, C> restored = state;
        restored.seenEventIds = parts.seenEventIds();
        restored.fingerprints = parts.fingerprints();
        restored.events = parts.events();
        restored.lastEventMillis = parts.lastEventMillis();
        restored.counted = parts.counted();
        return state;
    }

    /** An event as it arrives: its id, by which duplicates are found, and the event as the state keeps it (not reported, not held). */
    public record Arrival<K>(String eventId, K kept) {
    }

    protected abstract Arrival<K> keep(E event);

    /** Whether a kept event is impossible given the events kept now (timed before its anchor event). */
    protected abstract boolean isImpossible(K event);

    /**
     * Whether it cannot be known yet if a kept event is possible (its anchor event is unknown). Once
     * known to be possible, an event stays possible: later events can only move its anchor earlier.
     */
    protected abstract boolean isUndecided(K event);

    /** What the compact record keeps of an event: by default all but its held source. */
    protected K compact(K event) {
        return event.released();
    }

    /**
     * Applies one event: a duplicate (by event id) is dropped; otherwise the event is kept, marked
     * impossible when it is, and held with {@code source} while its possibility is unknown. Held events
     * that turn out impossible by it are reported in the result, each once; those now known possible
     * let go of their source. The state is not judged: see the kind's judgement.
     */
    public final Applied<K> apply(E event, Supplier<HeldSource> source) {
        Arrival<K> arrival = keep(event);
        String eventId = arrival.eventId();
        if (hasSeen(eventId)) {
            return new Applied<>(Applied.Result.DUPLICATE, null, List.of());
        }
        K kept = arrival.kept();
        boolean impossible = isImpossible(kept);
        add(eventId, impossible ? kept.asReported() : kept.with(false, isUndecided(kept) ? source.get() : null));
        List<K> heldImpossible = settleHeld();
        return new Applied<>(impossible ? Applied.Result.IMPOSSIBLE : Applied.Result.ACCEPTED, kept, heldImpossible);
    }

    private void add(String eventId, K kept) {
        seenEventIds.add(eventId);
        events.add(kept);
        lastEventMillis = Math.max(lastEventMillis, kept.occurredAtMillis());
    }

    private List<K> settleHeld() {
        List<K> found = new ArrayList<>(0);
        for (int i = 0; i < events.size(); i++) {
            K e = events.get(i);
            if (!e.reportedImpossible() && isImpossible(e)) {
                events.set(i, e.asReported());
                found.add(e);
            } else if (e.heldSource() != null && !isUndecided(e)) {
                events.set(i, e.released());
            }
        }
        return found;
    }

    public final boolean hasSeen(String eventId) {
        return seenEventIds.contains(eventId) || Fingerprints.contain(fingerprints, eventId);
    }

    /** The kept events, in the order they arrived, for the judgement. */
    protected final List<K> events() {
        return events;
    }

    public final long lastEventMillis() {
        return lastEventMillis;
    }

    /** The contribution now counted in the aggregates, or null when none is. */
    public final C counted() {
        return counted;
    }

    public final void setCounted(C contribution) {
        this.counted = contribution;
    }

    /** The compact record of this entity: fingerprints for event ids, no held bytes. */
    public final S compacted() {
        List<K> kept = new ArrayList<>(events.size());
        events.forEach(e -> kept.add(compact(e)));
        return restored(format, new Parts<>(new ArrayList<>(4), Fingerprints.with(fingerprints, seenEventIds), kept, lastEventMillis, counted));
    }

    /** This record with {@code event} applied to its events and {@code contribution} to its counted one (what a kind stops keeping). */
    public final S forgetting(UnaryOperator<K> event, UnaryOperator<C> contribution) {
        List<K> kept = new ArrayList<>(events.size());
        events.forEach(e -> kept.add(event.apply(e)));
        return restored(format, new Parts<>(seenEventIds, fingerprints, kept, lastEventMillis, counted == null ? null : contribution.apply(counted)));
    }

    /**
     * How one kind of entity writes its events; the framing around them (version, ids, fingerprints,
     * count, last event time, counted contribution) is shared. {@code fullName} and
     * {@code compactName} name the two forms in errors about their bytes.
     */
    public abstract static class Format<S, K extends Kept<K>, C> {
        private final String fullName;
        private final String compactName;
        private final ContributionCodec<C> counted;
        private final Supplier<S> newState;

        protected Format(String fullName, String compactName, ContributionCodec<C> counted, Supplier<S> newState) {
            this.fullName = fullName;
            this.compactName = compactName;
            this.counted = counted;
            this.newState = newState;
        }

        /** An event of the full state, with its held source (see {@link #writeHeldSource}). */
        protected abstract void writeEvent(BinaryWriter out, K event);

        /** Reads an event of a full state written in {@code version} (2 or later). */
        protected abstract K readEvent(BinaryReader in, int version);

        /** An event of the compact record, its time written as {@code time} (the first in full, the others as differences). */
        protected abstract void writeCompactEvent(BinaryWriter out, K event, long time);

        /** Reads an event of a compact record written in {@code version}, adding {@code base} to the time read. */
        protected abstract K readCompactEvent(BinaryReader in, long base, int version);

        /** The parts of a full state in the kind's first format, after its version byte. */
        protected abstract Parts<K, C> readFirstFormat(BinaryReader in);

        /** The source of a held event, after its fields. */
        protected static void writeHeldSource(BinaryWriter out, Kept<?> event) {
            if (event.heldSource() != null) {
                event.heldSource().writeTo(out);
            }
        }

        /** The source of an event whose flags say it is held, else null. */
        protected static HeldSource readHeldSource(BinaryReader in, int flags) {
            return (flags & Kept.HELD) != 0 ? HeldSource.readFrom(in) : null;
        }
    }

    /** The full state, kept for the entity's retention. */
    public static <S extends EntityState<S, ?, K, C>, K extends Kept<K>, C> Serde<S> serde(Format<S, K, C> format) {
        return BinarySerde.of(state -> state.toBytes(format), bytes -> fromBytes(format, bytes));
    }

    /** The compact record, kept for the retention of the 15-minute rows. */
    public static <S extends EntityState<S, ?, K, C>, K extends Kept<K>, C> Serde<S> compactSerde(Format<S, K, C> format) {
        return BinarySerde.of(state -> state.toCompactBytes(format), bytes -> fromCompactBytes(format, bytes));
    }

    final byte[] toBytes(Format<S, K, C> format) {
        BinaryWriter out = new BinaryWriter(128).writeByte(FULL_FORMAT);
        out.writeStrings(seenEventIds);
        Fingerprints.write(out, fingerprints);
        out.writeVarLong(events.size());
        events.forEach(e -> format.writeEvent(out, e));
        out.writeVarLong(lastEventMillis);
        writeCounted(out, format.counted, counted);
        return out.toByteArray();
    }

    private static <S extends EntityState<S, ?, K, C>, K extends Kept<K>, C> S fromBytes(Format<S, K, C> format, byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, FULL_FORMAT_V1, FULL_FORMAT, format.fullName);
        if (version == FULL_FORMAT_V1) {
            return restored(format, format.readFirstFormat(in));
        }
        List<String> seen = in.readStrings();
        long[] fingerprints = Fingerprints.read(in);
        int eventCount = in.readVarInt();
        List<K> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            events.add(format.readEvent(in, version));
        }
        long last = in.readVarLong();
        return restored(format, new Parts<>(seen, fingerprints, events, last, readCounted(in, format.counted, contributionFormatOfFull(version))));
    }

    final byte[] toCompactBytes(Format<S, K, C> format) {
        EntityState<S, E, K, C> c = seenEventIds.isEmpty() ? this : compacted();
        BinaryWriter out = new BinaryWriter(96).writeByte(COMPACT_FORMAT);
        Fingerprints.write(out, c.fingerprints);
        out.writeVarLong(c.events.size());
        long first = c.events.isEmpty() ? 0 : c.events.get(0).occurredAtMillis();
        for (int i = 0; i < c.events.size(); i++) {
            K e = c.events.get(i);
            format.writeCompactEvent(out, e, i == 0 ? first : e.occurredAtMillis() - first);
        }
        writeCounted(out, format.counted, c.counted);
        return out.toByteArray();
    }

    private static <S extends EntityState<S, ?, K, C>, K extends Kept<K>, C> S fromCompactBytes(Format<S, K, C> format, byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, COMPACT_FORMAT_V1, COMPACT_FORMAT, format.compactName);
        long[] fingerprints = Fingerprints.read(in);
        int eventCount = in.readVarInt();
        List<K> events = new ArrayList<>(eventCount + 1);
        long first = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < eventCount; i++) {
            K e = format.readCompactEvent(in, i == 0 ? 0 : first, version);
            if (i == 0) {
                first = e.occurredAtMillis();
            }
            events.add(e);
            last = Math.max(last, e.occurredAtMillis());
        }
        C counted = readCounted(in, format.counted, contributionFormatOfCompact(version));
        return restored(format, new Parts<>(new ArrayList<>(4), fingerprints, events, last, counted));
    }

    private static <C> void writeCounted(BinaryWriter out, ContributionCodec<C> codec, C counted) {
        out.writeByte(counted == null ? 0 : 1);
        if (counted != null) {
            codec.write().accept(counted, out);
        }
    }

    private static <C> C readCounted(BinaryReader in, ContributionCodec<C> codec, int contributionFormat) {
        return in.readByte() == 1 ? codec.read(in, contributionFormat) : null;
    }
}
