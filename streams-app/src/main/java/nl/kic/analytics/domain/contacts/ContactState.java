package nl.kic.analytics.domain.contacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.kic.analytics.domain.entity.EntityState;
import nl.kic.analytics.domain.entity.Kept;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.ContributionCodec;
import nl.kic.analytics.platform.serde.EnumCodes;
import nl.kic.analytics.platform.serde.HeldSource;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one contact (see {@link EntityState}): its rules are that outcomes and ENDED
 * count only at or after the contact's OFFERED, and ENDED only at or after its ANSWERED; the
 * judgement ({@link #judge}) follows docs/metrics.md.
 */
public final class ContactState extends EntityState<ContactState, ContactEvent, ContactState.KeptEvent, Contribution> {

    /** An event as kept in the state: what the judgement needs, nothing personal. */
    public record KeptEvent(ContactEventType type, long occurredAtMillis, Channel channel, String queue, String callerKey, String reason,
                            boolean reportedImpossible, HeldSource heldSource) implements Kept<KeptEvent> {
        @Override
        public KeptEvent with(boolean reported, HeldSource source) {
            return new KeptEvent(type, occurredAtMillis, channel, queue, callerKey, reason, reported, source);
        }

        /** Whether the queue of this event can decide the contact's queue (only OFFERED and REJECTED do). */
        boolean decidesQueue() {
            return type == ContactEventType.OFFERED || type == ContactEventType.REJECTED;
        }
    }

    public static final int FULL_FORMAT = EntityState.FULL_FORMAT;
    public static final int COMPACT_FORMAT = EntityState.COMPACT_FORMAT;
    private static final Comparator<KeptEvent> BY_TIME = Comparator.comparingLong(KeptEvent::occurredAtMillis);

    public ContactState() {
        super(FORMAT);
    }

    @Override
    protected Arrival<KeptEvent> keep(ContactEvent event) {
        return new Arrival<>(event.getEventId(),
                new KeptEvent(event.getType(), event.getOccurredAt().toEpochMilli(), event.getChannel(), event.getQueue(),
                        event.getCallerKey(), event.getReason(), false, null));
    }

    /** An outcome or ENDED timed before the contact's OFFERED, or an ENDED timed before its ANSWERED. */
    @Override
    protected boolean isImpossible(KeptEvent event) {
        ContactEventType type = event.type();
        KeptEvent offered = earliest(ContactEventType.OFFERED, Long.MIN_VALUE);
        if (offered == null || type == ContactEventType.OFFERED || type == ContactEventType.REJECTED) {
            return false;
        }
        if (event.occurredAtMillis() < offered.occurredAtMillis()) {
            return true;
        }
        KeptEvent answered = earliest(ContactEventType.ANSWERED, offered.occurredAtMillis());
        return type == ContactEventType.ENDED && answered != null && event.occurredAtMillis() < answered.occurredAtMillis();
    }

    /** An outcome while the OFFERED is unknown, an ENDED while the OFFERED or ANSWERED is. */
    @Override
    protected boolean isUndecided(KeptEvent event) {
        ContactEventType type = event.type();
        if (type == ContactEventType.OFFERED || type == ContactEventType.REJECTED) {
            return false;
        }
        KeptEvent offered = earliest(ContactEventType.OFFERED, Long.MIN_VALUE);
        if (offered == null) {
            return true;
        }
        return type == ContactEventType.ENDED && earliest(ContactEventType.ANSWERED, offered.occurredAtMillis()) == null;
    }

    /** Only OFFERED and REJECTED decide the queue; the compact record keeps no other queue. */
    @Override
    protected KeptEvent compact(KeptEvent e) {
        return new KeptEvent(e.type(), e.occurredAtMillis(), e.channel(), e.decidesQueue() ? e.queue() : null, e.callerKey(), e.reason(),
                e.reportedImpossible(), null);
    }

    /** The event an impossible one lies before, in the reason of its dead letter. */
    public static String anchorOf(ContactEventType type) {
        return type == ContactEventType.ENDED ? "ANSWERED or OFFERED" : "OFFERED";
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
        Contribution judged = judgeContact(rules, nowMillis);
        return judged == null ? null : judged.withCaller(callerKey(), reason());
    }

    private Contribution judgeContact(ContactRules rules, long nowMillis) {
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

    public boolean hasCallerKey() {
        return events().stream().anyMatch(e -> e.callerKey() != null);
    }

    /** The time that places the contact in its intervals: its counted contribution's, else its last event's. */
    public long contactTimeMillis() {
        return counted() != null ? counted().contactTimeMillis() : lastEventMillis();
    }

    /** This record without caller keys: in its events and its counted contribution. */
    public ContactState withoutCallerKeys() {
        return forgetting(e -> new KeptEvent(e.type(), e.occurredAtMillis(), e.channel(), e.queue(), null, e.reason(), e.reportedImpossible(),
                e.heldSource()), c -> c.withCaller(null, c.reason()));
    }

    /** The caller key of the earliest possible event that carries one (importers put it on OFFERED and REJECTED). */
    private String callerKey() {
        KeptEvent found = null;
        for (KeptEvent e : events()) {
            if (e.callerKey() != null && !e.reportedImpossible() && (found == null || earlier(e, found)
                    || e.occurredAtMillis() == found.occurredAtMillis() && e.callerKey().compareTo(found.callerKey()) < 0)) {
                found = e;
            }
        }
        return found == null ? null : found.callerKey();
    }

    /** The reason on the latest possible event that carries one (a wrap-up code comes last); at one millisecond the lowest. */
    private String reason() {
        KeptEvent found = null;
        for (KeptEvent e : events()) {
            if (e.reason() != null && !e.reportedImpossible() && (found == null || e.occurredAtMillis() > found.occurredAtMillis()
                    || e.occurredAtMillis() == found.occurredAtMillis() && e.reason().compareTo(found.reason()) < 0)) {
                found = e;
            }
        }
        return found == null ? null : found.reason();
    }

    /**
     * The earliest kept event of a type timed at or after {@code notBeforeMillis}. Among events at the
     * same millisecond the one of the lowest channel and queue wins, so that the result does not depend
     * on arrival order either.
     */
    private KeptEvent earliest(ContactEventType type, long notBeforeMillis) {
        KeptEvent found = null;
        for (KeptEvent e : events()) {
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

    /** The full state, kept for the contact retention. */
    public static Serde<ContactState> serde() {
        return EntityState.serde(FORMAT);
    }

    /** The compact record, kept for the retention of the 15-minute rows. */
    public static Serde<ContactState> compactSerde() {
        return EntityState.compactSerde(FORMAT);
    }

    /** Stored codes, independent of the order in which the schema declares its symbols. */
    private static final EnumCodes<ContactEventType> TYPES = EnumCodes.of("contact event type", ContactEventType.OFFERED,
            ContactEventType.ANSWERED, ContactEventType.ABANDONED, ContactEventType.ENDED, ContactEventType.REJECTED);
    private static final EnumCodes<Channel> CHANNELS = EnumCodes.of("channel", Channel.CALL, Channel.CHAT);
    /** In a compact event's first byte (channel codes take the two lowest bits): a caller key or reason follows. */
    private static final int COMPACT_WITH_CALLER = 0x04;

    /**
     * Full state: per event its type, its channel with the flags, its time and queue, its caller key and
     * reason (empty for none; since full format 4), and its held source. Compact record: type, channel
     * and the reported flag in one byte, the time, a queue only on OFFERED and REJECTED, and the caller
     * key and reason on events that carry one (flag 0x04, since compact format 3).
     */
    private static final EntityState.Format<ContactState, KeptEvent, Contribution> FORMAT = new EntityState.Format<>(
            "contact state", "compact contact record", Contribution.CODEC, ContactState::new) {
        @Override
        protected void writeEvent(BinaryWriter out, KeptEvent e) {
            out.writeByte(TYPES.code(e.type()))
                    .writeByte(CHANNELS.code(e.channel()) | e.flags())
                    .writeVarLong(e.occurredAtMillis())
                    .writeString(e.queue() == null ? "" : e.queue());
            writeCaller(out, e);
            writeHeldSource(out, e);
        }

        @Override
        protected KeptEvent readEvent(BinaryReader in, int version) {
            ContactEventType type = TYPES.value(in.readByte());
            int channelAndFlags = in.readByte();
            long at = in.readVarLong();
            String queue = in.readString();
            String[] caller = readCaller(in, version >= FULL_FORMAT);
            return new KeptEvent(type, at, CHANNELS.value(channelAndFlags & 0x0F), queue.isEmpty() ? null : queue, caller[0], caller[1],
                    (channelAndFlags & Kept.REPORTED) != 0, readHeldSource(in, channelAndFlags));
        }

        private void writeCaller(BinaryWriter out, KeptEvent e) {
            out.writeString(e.callerKey() == null ? "" : e.callerKey()).writeString(e.reason() == null ? "" : e.reason());
        }

        /** The caller key and reason of an event (nulls for none), when its format has them. */
        private String[] readCaller(BinaryReader in, boolean present) {
            if (!present) {
                return new String[2];
            }
            String key = in.readString();
            String reason = in.readString();
            return new String[] {key.isEmpty() ? null : key, reason.isEmpty() ? null : reason};
        }

        @Override
        protected void writeCompactEvent(BinaryWriter out, KeptEvent e, long time) {
            boolean withCaller = e.callerKey() != null || e.reason() != null;
            out.writeByte(TYPES.code(e.type()) << 4 | CHANNELS.code(e.channel()) | (withCaller ? COMPACT_WITH_CALLER : 0)
                    | (e.reportedImpossible() ? 0x08 : 0));
            out.writeVarLong(time);
            if (e.decidesQueue()) {
                out.writeString(e.queue());
            }
            if (withCaller) {
                writeCaller(out, e);
            }
        }

        @Override
        protected KeptEvent readCompactEvent(BinaryReader in, long base, int version) {
            int code = in.readByte();
            long at = base + in.readVarLong();
            ContactEventType type = TYPES.value(code >> 4);
            String queue = type == ContactEventType.OFFERED || type == ContactEventType.REJECTED ? in.readString() : null;
            String[] caller = readCaller(in, version >= COMPACT_FORMAT && (code & COMPACT_WITH_CALLER) != 0);
            return new KeptEvent(type, at, CHANNELS.value(code & 0x03), queue, caller[0], caller[1], (code & 0x08) != 0, null);
        }

        /** The first format: enum ordinals as codes (OFFERED, ANSWERED, ABANDONED, ENDED, REJECTED; CALL, CHAT). */
        @Override
        protected Parts<KeptEvent, Contribution> readFirstFormat(BinaryReader in) {
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
                events.add(new KeptEvent(type, at, channels[channelAndFlag & 0x7F], in.readString(), null, null, (channelAndFlag & 0x80) != 0,
                        null));
            }
            long last = in.readVarLong();
            Contribution counted = in.readByte() == 1 ? Contribution.CODEC.read(in, ContributionCodec.ORDINALS) : null;
            return new Parts<>(seen, new long[0], events, last, counted);
        }
    };
}
