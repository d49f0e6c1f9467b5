package nl.kic.analytics.contacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.serde.BinaryReader;
import nl.kic.analytics.serde.BinarySerde;
import nl.kic.analytics.serde.BinaryWriter;
import nl.kic.analytics.serde.EnumCodes;
import nl.kic.analytics.serde.Fingerprints;
import nl.kic.analytics.serde.HeldSource;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one contact: the event ids seen (for duplicates), the events kept (impossible
 * ones too, which the judgement ignores), and the contribution now counted in the figures. The
 * judgement ({@link #judge}) depends only on the set of kept events and the clock, never on the order
 * in which they arrived.
 *
 * <p>Two forms share this class. The full state, kept for the contact retention after the contact's
 * last event, remembers event ids as they are and the bytes of events whose possibility is not known
 * yet. The compact record ({@link #compacted()}, {@link #compactSerde()}), kept after that for the
 * retention of the 15-minute rows, remembers 64-bit fingerprints of the event ids instead and no
 * bytes: enough to drop a late duplicate and to judge the contact again exactly when a late event
 * arrives.
 */
public final class ContactState {

    /** An event as kept in the state: what the judgement needs, nothing personal. */
    public record KeptEvent(ContactEventType type, long occurredAtMillis, Channel channel, String queue, boolean reportedImpossible,
                            HeldSource heldSource) {
        KeptEvent asReported() {
            return new KeptEvent(type, occurredAtMillis, channel, queue, true, null);
        }

        KeptEvent released() {
            return new KeptEvent(type, occurredAtMillis, channel, queue, reportedImpossible, null);
        }

        /** Whether the queue of this event can decide the contact's queue (only OFFERED and REJECTED do). */
        boolean decidesQueue() {
            return type == ContactEventType.OFFERED || type == ContactEventType.REJECTED;
        }
    }

    // Full format 3 and compact format 2 store the counted contribution with explicit codes; the
    // earlier ones (read, never written) with enum ordinals; full format 1 also the events' ordinals.
    private static final int FULL_FORMAT_V1 = 1;
    private static final int FULL_FORMAT_V2 = 2;
    public static final int FULL_FORMAT = 3;
    private static final int COMPACT_FORMAT_V1 = 1;
    public static final int COMPACT_FORMAT = 2;
    private static final Comparator<KeptEvent> BY_TIME = Comparator.comparingLong(KeptEvent::occurredAtMillis);

    private final List<String> seenEventIds;
    private final long[] fingerprints;
    private final List<KeptEvent> events;
    private long lastEventMillis;
    private Contribution counted;

    public ContactState() {
        this(new ArrayList<>(4), new long[0], new ArrayList<>(4), Long.MIN_VALUE, null);
    }

    private ContactState(List<String> seenEventIds, long[] fingerprints, List<KeptEvent> events, long lastEventMillis, Contribution counted) {
        this.seenEventIds = seenEventIds;
        this.fingerprints = fingerprints;
        this.events = events;
        this.lastEventMillis = lastEventMillis;
        this.counted = counted;
    }

    public boolean hasSeen(String eventId) {
        return seenEventIds.contains(eventId) || Fingerprints.contain(fingerprints, eventId);
    }

    /**
     * Remembers the event id and keeps the event; the caller has checked it is no duplicate.
     * {@code source} is where the event was read, kept only while the event's possibility is not
     * known (see {@link #isUndecided}), so that it can be dead-lettered should it turn out impossible.
     */
    public void accept(ContactEvent event, HeldSource source) {
        long occurredAt = event.getOccurredAt().toEpochMilli();
        seenEventIds.add(event.getEventId());
        events.add(new KeptEvent(event.getType(), occurredAt, event.getChannel(), event.getQueue(), false, source));
        lastEventMillis = Math.max(lastEventMillis, occurredAt);
    }

    /**
     * Whether {@code event} is impossible given what is known now: an outcome or ENDED timed before
     * the contact's OFFERED, or an ENDED timed before its ANSWERED.
     */
    public boolean isImpossible(ContactEvent event) {
        return isImpossible(event.getType(), event.getOccurredAt().toEpochMilli());
    }

    /**
     * Whether it cannot be known yet if {@code event} is possible: an outcome while the OFFERED is
     * unknown, an ENDED while the OFFERED or ANSWERED is. Once known to be possible, an event stays
     * possible: later events can only move the OFFERED and ANSWERED that count earlier.
     */
    public boolean isUndecided(ContactEvent event) {
        return isUndecided(event.getType());
    }

    private boolean isUndecided(ContactEventType type) {
        if (type == ContactEventType.OFFERED || type == ContactEventType.REJECTED) {
            return false;
        }
        KeptEvent offered = earliest(ContactEventType.OFFERED, Long.MIN_VALUE);
        if (offered == null) {
            return true;
        }
        return type == ContactEventType.ENDED && earliest(ContactEventType.ANSWERED, offered.occurredAtMillis()) == null;
    }

    private boolean isImpossible(ContactEventType type, long at) {
        KeptEvent offered = earliest(ContactEventType.OFFERED, Long.MIN_VALUE);
        if (offered == null || type == ContactEventType.OFFERED || type == ContactEventType.REJECTED) {
            return false;
        }
        if (at < offered.occurredAtMillis()) {
            return true;
        }
        KeptEvent answered = earliest(ContactEventType.ANSWERED, offered.occurredAtMillis());
        return type == ContactEventType.ENDED && answered != null && at < answered.occurredAtMillis();
    }

    /**
     * Events held before their OFFERED (or ANSWERED) was known that turn out impossible now, each
     * returned once, with the source they were held with. They stay in the state, where the judgement
     * ignores them. Held events that are now known to be possible let go of their source.
     */
    public List<KeptEvent> settleHeld() {
        List<KeptEvent> found = new ArrayList<>(0);
        for (int i = 0; i < events.size(); i++) {
            KeptEvent e = events.get(i);
            if (!e.reportedImpossible() && isImpossible(e.type(), e.occurredAtMillis())) {
                events.set(i, e.asReported());
                found.add(e);
            } else if (e.heldSource() != null && !isUndecided(e.type())) {
                events.set(i, e.released());
            }
        }
        return found;
    }

    /** Marks the event just accepted as reported impossible (it is dead-lettered on arrival). */
    public void markLastReported() {
        events.set(events.size() - 1, events.get(events.size() - 1).asReported());
    }

    /**
     * The contribution of this contact by the definitions of docs/metrics.md: its queue, channel and
     * interval come from the earliest OFFERED (else the earliest REJECTED); the earliest outcome at or
     * after OFFERED counts (a REJECTED then makes it rejected), and the earliest ENDED at or after it; without an outcome it is open, or
     * lost once OFFERED lies {@code lostAfter} or more before {@code nowMillis}. Null while only events
     * that wait for their OFFERED are known. A function of the set of kept events: the order in which
     * they arrived does not matter.
     */
    public Contribution judge(ContactRules rules, long nowMillis) {
        KeptEvent offered = earliest(ContactEventType.OFFERED, Long.MIN_VALUE);
        if (offered == null) {
            KeptEvent rejected = earliest(ContactEventType.REJECTED, Long.MIN_VALUE);
            return rejected == null ? null
                    : Contribution.rejected(rejected.channel(), rejected.queue(), rejected.occurredAtMillis());
        }
        Channel channel = offered.channel();
        String queue = offered.queue();
        long offeredAt = offered.occurredAtMillis();
        KeptEvent answered = earliest(ContactEventType.ANSWERED, offeredAt);
        KeptEvent abandoned = earliest(ContactEventType.ABANDONED, offeredAt);
        // A refusal after the contact entered the queue (the system took it out: no agents left) is a
        // rejection, whatever its wait, when it came before any answer or abandon.
        KeptEvent refused = earliest(ContactEventType.REJECTED, offeredAt);
        if (refused != null && (answered == null || refused.occurredAtMillis() < answered.occurredAtMillis())
                && (abandoned == null || refused.occurredAtMillis() < abandoned.occurredAtMillis())) {
            return Contribution.rejected(channel, queue, offeredAt);
        }
        // With both outcomes the earlier counts; at the same millisecond the answer counts.
        if (answered != null && (abandoned == null || answered.occurredAtMillis() <= abandoned.occurredAtMillis())) {
            long wait = answered.occurredAtMillis() - offeredAt;
            KeptEvent ended = earliest(ContactEventType.ENDED, answered.occurredAtMillis());
            long talk = ended == null ? -1 : ended.occurredAtMillis() - answered.occurredAtMillis();
            boolean withinServiceLevel = wait <= rules.serviceLevelTargetMillis(channel);
            return new Contribution(channel, queue, offeredAt, Contribution.Status.ANSWERED, wait, talk, withinServiceLevel, false);
        }
        if (abandoned != null) {
            long wait = abandoned.occurredAtMillis() - offeredAt;
            boolean shortAbandoned = wait < rules.shortAbandonThresholdMillis();
            return new Contribution(channel, queue, offeredAt, Contribution.Status.ABANDONED, wait, -1, false, shortAbandoned);
        }
        return Contribution.waiting(channel, queue, offeredAt, offeredAt <= nowMillis - rules.lostAfterMillis());
    }

    /**
     * The earliest kept event of a type timed at or after {@code notBeforeMillis}. Among events at the
     * same millisecond the one of the lowest channel and queue wins, so that the result does not depend
     * on arrival order either.
     */
    private KeptEvent earliest(ContactEventType type, long notBeforeMillis) {
        KeptEvent found = null;
        for (KeptEvent e : events) {
            if (e.type() == type && e.occurredAtMillis() >= notBeforeMillis && (found == null || earlier(e, found))) {
                found = e;
            }
        }
        return found;
    }

    private static boolean earlier(KeptEvent a, KeptEvent b) {
        int byTime = BY_TIME.compare(a, b);
        if (byTime != 0) {
            return byTime < 0;
        }
        int byChannel = a.channel().compareTo(b.channel());
        if (byChannel != 0) {
            return byChannel < 0;
        }
        return a.queue() != null && b.queue() != null && a.queue().compareTo(b.queue()) < 0;
    }

    public long lastEventMillis() {
        return lastEventMillis;
    }

    /** The contribution now counted in the aggregates, or null when none is. */
    public Contribution counted() {
        return counted;
    }

    public void setCounted(Contribution contribution) {
        this.counted = contribution;
    }

    /** The compact record of this contact: fingerprints for event ids, no held bytes. */
    public ContactState compacted() {
        long[] all = Fingerprints.with(fingerprints, seenEventIds);
        List<KeptEvent> kept = new ArrayList<>(events.size());
        for (KeptEvent e : events) {
            // Only OFFERED and REJECTED decide the queue; the compact record keeps no other queue.
            kept.add(new KeptEvent(e.type(), e.occurredAtMillis(), e.channel(), e.decidesQueue() ? e.queue() : null,
                    e.reportedImpossible(), null));
        }
        return new ContactState(new ArrayList<>(4), all, kept, lastEventMillis, counted);
    }

    /** The full state, kept for the contact retention. */
    public static Serde<ContactState> serde() {
        return BinarySerde.of(ContactState::toBytes, ContactState::fromBytes);
    }

    /** The compact record, kept for the retention of the 15-minute rows. */
    public static Serde<ContactState> compactSerde() {
        return BinarySerde.of(ContactState::toCompactBytes, ContactState::fromCompactBytes);
    }

    /** Stored codes, independent of the order in which the schema declares its symbols. */
    private static final EnumCodes<ContactEventType> TYPES = EnumCodes.of("contact event type", ContactEventType.OFFERED,
            ContactEventType.ANSWERED, ContactEventType.ABANDONED, ContactEventType.ENDED, ContactEventType.REJECTED);
    private static final EnumCodes<Channel> CHANNELS = EnumCodes.of("channel", Channel.CALL, Channel.CHAT);

    private static final int REPORTED = 0x80;
    private static final int HELD = 0x40;

    private byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(128).writeByte(FULL_FORMAT);
        out.writeStrings(seenEventIds);
        Fingerprints.write(out, fingerprints);
        out.writeVarLong(events.size());
        for (KeptEvent e : events) {
            out.writeByte(TYPES.code(e.type()))
                    .writeByte(CHANNELS.code(e.channel()) | (e.reportedImpossible() ? REPORTED : 0) | (e.heldSource() != null ? HELD : 0))
                    .writeVarLong(e.occurredAtMillis())
                    .writeString(e.queue() == null ? "" : e.queue());
            if (e.heldSource() != null) {
                e.heldSource().writeTo(out);
            }
        }
        out.writeVarLong(lastEventMillis);
        writeCounted(out, counted);
        return out.toByteArray();
    }

    private static ContactState fromBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, FULL_FORMAT_V1, FULL_FORMAT, "contact state");
        if (version == FULL_FORMAT_V1) {
            return fromBytesV1(in);
        }
        List<String> seen = in.readStrings();
        long[] fingerprints = Fingerprints.read(in);
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            ContactEventType type = TYPES.value(in.readByte());
            int channelAndFlags = in.readByte();
            long at = in.readVarLong();
            String queue = in.readString();
            HeldSource source = (channelAndFlags & HELD) != 0 ? HeldSource.readFrom(in) : null;
            events.add(new KeptEvent(type, at, CHANNELS.value(channelAndFlags & 0x0F), queue.isEmpty() ? null : queue,
                    (channelAndFlags & REPORTED) != 0, source));
        }
        long last = in.readVarLong();
        return new ContactState(seen, fingerprints, events, last, readCounted(in, version == FULL_FORMAT_V2));
    }

    /** The first format: enum ordinals as codes (OFFERED, ANSWERED, ABANDONED, ENDED, REJECTED; CALL, CHAT). */
    private static ContactState fromBytesV1(BinaryReader in) {
        ContactEventType[] types = {ContactEventType.OFFERED, ContactEventType.ANSWERED, ContactEventType.ABANDONED,
                ContactEventType.ENDED, ContactEventType.REJECTED};
        Channel[] channels = {Channel.CALL, Channel.CHAT};
        List<String> seen = in.readStrings();
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            ContactEventType type = types[in.readByte()];
            long at = in.readVarLong();
            int channelAndFlag = in.readByte();
            events.add(new KeptEvent(type, at, channels[channelAndFlag & 0x7F], in.readString(), (channelAndFlag & 0x80) != 0, null));
        }
        long last = in.readVarLong();
        Contribution counted = in.readByte() == 1 ? Contribution.readFromOrdinals(in) : null;
        return new ContactState(seen, new long[0], events, last, counted);
    }

    /**
     * The compact record: fingerprints, then the events with the first event's time in full and the
     * others as the difference to it, a queue only on OFFERED and REJECTED, then the counted contribution.
     */
    private static byte[] toCompactBytes(ContactState state) {
        ContactState c = state.seenEventIds.isEmpty() ? state : state.compacted();
        BinaryWriter out = new BinaryWriter(96).writeByte(COMPACT_FORMAT);
        Fingerprints.write(out, c.fingerprints);
        out.writeVarLong(c.events.size());
        long first = c.events.isEmpty() ? 0 : c.events.get(0).occurredAtMillis();
        for (int i = 0; i < c.events.size(); i++) {
            KeptEvent e = c.events.get(i);
            out.writeByte(TYPES.code(e.type()) << 4 | CHANNELS.code(e.channel()) | (e.reportedImpossible() ? 0x08 : 0));
            out.writeVarLong(i == 0 ? first : e.occurredAtMillis() - first);
            if (e.decidesQueue()) {
                out.writeString(e.queue());
            }
        }
        writeCounted(out, c.counted);
        return out.toByteArray();
    }

    private static ContactState fromCompactBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, COMPACT_FORMAT_V1, COMPACT_FORMAT, "compact contact record");
        long[] fingerprints = Fingerprints.read(in);
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        long first = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < eventCount; i++) {
            int code = in.readByte();
            long delta = in.readVarLong();
            long at = i == 0 ? delta : first + delta;
            if (i == 0) {
                first = at;
            }
            ContactEventType type = TYPES.value(code >> 4);
            String queue = type == ContactEventType.OFFERED || type == ContactEventType.REJECTED ? in.readString() : null;
            events.add(new KeptEvent(type, at, CHANNELS.value(code & 0x07), queue, (code & 0x08) != 0, null));
            last = Math.max(last, at);
        }
        return new ContactState(new ArrayList<>(4), fingerprints, events, last, readCounted(in, version == COMPACT_FORMAT_V1));
    }

    private static void writeCounted(BinaryWriter out, Contribution counted) {
        out.writeByte(counted == null ? 0 : 1);
        if (counted != null) {
            counted.writeTo(out);
        }
    }

    private static Contribution readCounted(BinaryReader in, boolean ordinals) {
        if (in.readByte() != 1) {
            return null;
        }
        return ordinals ? Contribution.readFromOrdinals(in) : Contribution.readFrom(in);
    }
}
