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
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one contact: the event ids seen (for duplicates), the events kept (impossible
 * ones too, which the judgement ignores), and the contribution now counted in the figures. The
 * judgement ({@link #judge}) depends only on the set of kept events and the clock, never on the order
 * in which they arrived.
 */
public final class ContactState {

    /** An event as kept in the state: what the judgement needs, nothing personal. */
    public record KeptEvent(ContactEventType type, long occurredAtMillis, Channel channel, String queue, boolean reportedImpossible) {
        KeptEvent asReported() {
            return new KeptEvent(type, occurredAtMillis, channel, queue, true);
        }
    }

    private static final int FORMAT_VERSION = 1;
    private static final Comparator<KeptEvent> BY_TIME = Comparator.comparingLong(KeptEvent::occurredAtMillis);

    private final List<String> seenEventIds;
    private final List<KeptEvent> events;
    private long lastEventMillis;
    private Contribution counted;

    public ContactState() {
        this(new ArrayList<>(4), new ArrayList<>(4), Long.MIN_VALUE, null);
    }

    private ContactState(List<String> seenEventIds, List<KeptEvent> events, long lastEventMillis, Contribution counted) {
        this.seenEventIds = seenEventIds;
        this.events = events;
        this.lastEventMillis = lastEventMillis;
        this.counted = counted;
    }

    public boolean hasSeen(String eventId) {
        return seenEventIds.contains(eventId);
    }

    /** Remembers the event id and keeps the event; the caller has checked it is no duplicate. */
    public void accept(ContactEvent event) {
        long occurredAt = event.getOccurredAt().toEpochMilli();
        seenEventIds.add(event.getEventId());
        events.add(new KeptEvent(event.getType(), occurredAt, event.getChannel(), event.getQueue(), false));
        lastEventMillis = Math.max(lastEventMillis, occurredAt);
    }

    /**
     * Whether {@code event} is impossible given what is known now: an outcome or ENDED timed before
     * the contact's OFFERED, or an ENDED timed before its ANSWERED.
     */
    public boolean isImpossible(ContactEvent event) {
        return isImpossible(event.getType(), event.getOccurredAt().toEpochMilli());
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
     * returned once. They stay in the state, where the judgement ignores them.
     */
    public List<KeptEvent> newlyImpossible() {
        List<KeptEvent> found = new ArrayList<>(0);
        for (int i = 0; i < events.size(); i++) {
            KeptEvent e = events.get(i);
            if (!e.reportedImpossible() && isImpossible(e.type(), e.occurredAtMillis())) {
                events.set(i, e.asReported());
                found.add(e);
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
     * after OFFERED counts, and the earliest ENDED at or after it; without an outcome it is open, or
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

    /** The earliest kept event of a type timed at or after {@code notBeforeMillis}. */
    private KeptEvent earliest(ContactEventType type, long notBeforeMillis) {
        KeptEvent found = null;
        for (KeptEvent e : events) {
            if (e.type() == type && e.occurredAtMillis() >= notBeforeMillis && (found == null || BY_TIME.compare(e, found) < 0)) {
                found = e;
            }
        }
        return found;
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

    public static Serde<ContactState> serde() {
        return BinarySerde.of(ContactState::toBytes, ContactState::fromBytes);
    }

    private byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(128).writeByte(FORMAT_VERSION);
        out.writeStrings(seenEventIds);
        out.writeVarLong(events.size());
        for (KeptEvent e : events) {
            out.writeByte(e.type().ordinal())
                    .writeVarLong(e.occurredAtMillis())
                    .writeByte(e.channel().ordinal() | (e.reportedImpossible() ? 0x80 : 0))
                    .writeString(e.queue());
        }
        out.writeVarLong(lastEventMillis);
        out.writeByte(counted == null ? 0 : 1);
        if (counted != null) {
            counted.writeTo(out);
        }
        return out.toByteArray();
    }

    private static ContactState fromBytes(byte[] bytes) {
        BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "contact state");
        List<String> seen = in.readStrings();
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            ContactEventType type = ContactEventType.values()[in.readByte()];
            long at = in.readVarLong();
            int channelAndFlag = in.readByte();
            Channel channel = Channel.values()[channelAndFlag & 0x7F];
            events.add(new KeptEvent(type, at, channel, in.readString(), (channelAndFlag & 0x80) != 0));
        }
        long last = in.readVarLong();
        Contribution counted = in.readByte() == 1 ? Contribution.readFrom(in) : null;
        return new ContactState(seen, events, last, counted);
    }
}
