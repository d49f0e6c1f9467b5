package nl.kic.analytics.emails;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.serde.BinaryReader;
import nl.kic.analytics.serde.BinarySerde;
import nl.kic.analytics.serde.BinaryWriter;
import nl.kic.analytics.serde.EnumCodes;
import nl.kic.analytics.serde.Fingerprints;
import nl.kic.analytics.serde.HeldSource;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one e-mail: the event ids seen (for duplicates), the events kept (impossible
 * ones too: timed before the earliest RECEIVED, which the judgement ignores), and the contribution
 * now counted. The judgement depends only on the set of kept events and the clock, never on the order
 * in which they arrived.
 *
 * <p>As for contacts, the full state is kept for the e-mail retention once the e-mail is handled, and
 * then a compact record ({@link #compacted()}) with fingerprints instead of event ids for the
 * retention of the 15-minute rows.
 */
public final class EmailState {

    /**
     * An event as kept in the state. Category, complexity and close reason are null when the event
     * carries none; {@code heldSource} is kept while the e-mail's RECEIVED is unknown.
     */
    public record KeptEvent(EmailEventType type, long occurredAtMillis, EmailCategory category,
                            EmailComplexity complexity, CloseReason closeReason, boolean reportedImpossible, HeldSource heldSource) {
        KeptEvent asReported() {
            return new KeptEvent(type, occurredAtMillis, category, complexity, closeReason, true, null);
        }

        KeptEvent released() {
            return new KeptEvent(type, occurredAtMillis, category, complexity, closeReason, reportedImpossible, null);
        }
    }

    // Full format 3 and compact format 2 store the counted contribution with explicit codes; the
    // earlier ones (read, never written) with enum ordinals; full format 1 also the events' ordinals.
    private static final int FULL_FORMAT_V1 = 1;
    private static final int FULL_FORMAT_V2 = 2;
    public static final int FULL_FORMAT = 3;
    private static final int COMPACT_FORMAT_V1 = 1;
    public static final int COMPACT_FORMAT = 2;
    private static final Set<EmailEventType> ANSWERS = Set.of(EmailEventType.ANSWERED, EmailEventType.FORWARDED);
    private static final Set<EmailEventType> ACKNOWLEDGEMENTS =
            Set.of(EmailEventType.ACKNOWLEDGED, EmailEventType.ANSWERED, EmailEventType.FORWARDED);
    private static final Set<EmailEventType> COMPLEX_REPLIES =
            Set.of(EmailEventType.ANSWERED, EmailEventType.FORWARDED, EmailEventType.INTERIM_REPLY);

    /** Stored codes, independent of the order in which the schema declares its symbols. */
    private static final EnumCodes<EmailEventType> TYPES = EnumCodes.of("e-mail event type", EmailEventType.RECEIVED,
            EmailEventType.CLASSIFIED, EmailEventType.ACKNOWLEDGED, EmailEventType.INTERIM_REPLY, EmailEventType.ANSWERED,
            EmailEventType.FORWARDED, EmailEventType.CLOSED);
    private static final EnumCodes<EmailCategory> CATEGORIES = EnumCodes.of("e-mail category", EmailCategory.URGENT,
            EmailCategory.OTHER_DEPARTMENT, EmailCategory.NOT_ON_WEBSITE, EmailCategory.GENERAL, EmailCategory.DOSSIER, EmailCategory.SPAM);
    private static final EnumCodes<EmailComplexity> COMPLEXITIES = EnumCodes.of("e-mail complexity",
            EmailComplexity.SIMPLE, EmailComplexity.COMPLEX);
    private static final EnumCodes<CloseReason> CLOSE_REASONS = EnumCodes.of("close reason", CloseReason.ANSWER_ON_WEBSITE,
            CloseReason.NOT_BY_EMAIL, CloseReason.SPAM, CloseReason.DUPLICATE);

    /**
     * The latest event carrying a category (or complexity) decides it; at the same millisecond the
     * later type in this order wins, then the higher code, so that arrival order never does.
     */
    private static final Comparator<KeptEvent> LATEST_CATEGORY = Comparator.comparingLong(KeptEvent::occurredAtMillis)
            .thenComparingInt(e -> TYPES.code(e.type()))
            .thenComparingInt(e -> CATEGORIES.codeOrZero(e.category()));
    private static final Comparator<KeptEvent> LATEST_COMPLEXITY = Comparator.comparingLong(KeptEvent::occurredAtMillis)
            .thenComparingInt(e -> TYPES.code(e.type()))
            .thenComparingInt(e -> COMPLEXITIES.codeOrZero(e.complexity()));

    private final List<String> seenEventIds;
    private final long[] fingerprints;
    private final List<KeptEvent> events;
    private long lastEventMillis;
    private EmailContribution counted;

    public EmailState() {
        this(new ArrayList<>(4), new long[0], new ArrayList<>(4), Long.MIN_VALUE, null);
    }

    private EmailState(List<String> seenEventIds, long[] fingerprints, List<KeptEvent> events, long lastEventMillis,
                       EmailContribution counted) {
        this.seenEventIds = seenEventIds;
        this.fingerprints = fingerprints;
        this.events = events;
        this.lastEventMillis = lastEventMillis;
        this.counted = counted;
    }

    public boolean hasSeen(String eventId) {
        return seenEventIds.contains(eventId) || Fingerprints.contain(fingerprints, eventId);
    }

    /** Remembers the event id and keeps the event, with its source while the RECEIVED is unknown. */
    public void accept(EmailEvent event, HeldSource source) {
        long occurredAt = event.getOccurredAt().toEpochMilli();
        seenEventIds.add(event.getEventId());
        events.add(new KeptEvent(event.getType(), occurredAt, event.getCategory(), event.getComplexity(), event.getCloseReason(),
                false, source));
        lastEventMillis = Math.max(lastEventMillis, occurredAt);
    }

    /** Whether {@code event} is timed before the e-mail's RECEIVED, which is known. */
    public boolean isImpossible(EmailEvent event) {
        return isImpossible(event.getType(), event.getOccurredAt().toEpochMilli());
    }

    private boolean isImpossible(EmailEventType type, long at) {
        Long received = earliest(Set.of(EmailEventType.RECEIVED), Long.MIN_VALUE);
        return received != null && type != EmailEventType.RECEIVED && at < received;
    }

    /** Whether it cannot be known yet if {@code event} is possible: its e-mail's RECEIVED is unknown. */
    public boolean isUndecided(EmailEvent event) {
        return event.getType() != EmailEventType.RECEIVED && earliest(Set.of(EmailEventType.RECEIVED), Long.MIN_VALUE) == null;
    }

    /** Marks the event just accepted as reported impossible (it is dead-lettered on arrival). */
    public void markLastReported() {
        events.set(events.size() - 1, events.get(events.size() - 1).asReported());
    }

    /**
     * Events held before the e-mail's RECEIVED was known that are timed before it, each returned once
     * with its source; they stay in the state, where the judgement ignores them. Once the RECEIVED is
     * known the other held events let go of their source: an earlier RECEIVED can only make more
     * events possible.
     */
    public List<KeptEvent> settleHeld() {
        if (earliest(Set.of(EmailEventType.RECEIVED), Long.MIN_VALUE) == null) {
            return List.of();
        }
        List<KeptEvent> found = new ArrayList<>(0);
        for (int i = 0; i < events.size(); i++) {
            KeptEvent e = events.get(i);
            if (!e.reportedImpossible() && isImpossible(e.type(), e.occurredAtMillis())) {
                events.set(i, e.asReported());
                found.add(e);
            } else if (e.heldSource() != null) {
                events.set(i, e.released());
            }
        }
        return found;
    }

    /**
     * The contribution of this e-mail by docs/metrics.md, or null while its RECEIVED is unknown. Only
     * events at or after the earliest RECEIVED count. Category and complexity are those of the latest
     * event (by event time) that carries one.
     */
    public EmailContribution judge(EmailRules rules, long nowMillis) {
        Long received = earliest(Set.of(EmailEventType.RECEIVED), Long.MIN_VALUE);
        if (received == null) {
            return null;
        }
        KeptEvent categorised = null;
        KeptEvent withComplexity = null;
        boolean closed = false;
        boolean closedAsSpam = false;
        for (KeptEvent e : events) {
            if (e.occurredAtMillis() < received) {
                continue;
            }
            if (e.category() != null && (categorised == null || LATEST_CATEGORY.compare(e, categorised) > 0)) {
                categorised = e;
            }
            if (e.complexity() != null && (withComplexity == null || LATEST_COMPLEXITY.compare(e, withComplexity) > 0)) {
                withComplexity = e;
            }
            if (e.type() == EmailEventType.CLOSED) {
                closed = true;
                closedAsSpam |= e.closeReason() == CloseReason.SPAM;
            }
        }
        EmailCategory category = categorised == null ? null : categorised.category();
        EmailComplexity complexity = withComplexity == null ? EmailComplexity.SIMPLE : withComplexity.complexity();
        boolean spam = category == EmailCategory.SPAM || closedAsSpam;
        Long firstAnswer = earliest(ANSWERS, received);
        EmailContribution.Status status = firstAnswer != null ? EmailContribution.Status.ANSWERED
                : closed ? EmailContribution.Status.CLOSED_WITHOUT_ANSWER : EmailContribution.Status.OPEN;
        Long firstAcknowledgement = earliest(ACKNOWLEDGEMENTS, received);
        boolean acknowledgedOnTime = firstAcknowledgement != null && firstAcknowledgement - received <= rules.acknowledgeWithinMillis();
        long deadline = rules.calendar().deadline(java.time.Instant.ofEpochMilli(received), rules.answerWorkingDays(complexity)).toEpochMilli();
        Long reply = complexity == EmailComplexity.COMPLEX ? earliest(COMPLEX_REPLIES, received) : firstAnswer;
        boolean answeredOnTime = reply != null && reply <= deadline;
        boolean mustAnswer = category != null && EmailRules.MUST_ANSWER.contains(category);
        boolean violation = mustAnswer && !spam && (status == EmailContribution.Status.CLOSED_WITHOUT_ANSWER
                || (status == EmailContribution.Status.OPEN && !answeredOnTime && nowMillis > deadline));
        return new EmailContribution(category == null ? EmailContribution.UNCLASSIFIED : category.name(), received, spam,
                status, complexity, deadline, acknowledgedOnTime, answeredOnTime, violation);
    }

    private Long earliest(Set<EmailEventType> types, long notBeforeMillis) {
        Long found = null;
        for (KeptEvent e : events) {
            if (types.contains(e.type()) && e.occurredAtMillis() >= notBeforeMillis && (found == null || e.occurredAtMillis() < found)) {
                found = e.occurredAtMillis();
            }
        }
        return found;
    }

    public long lastEventMillis() {
        return lastEventMillis;
    }

    public EmailContribution counted() {
        return counted;
    }

    public void setCounted(EmailContribution contribution) {
        this.counted = contribution;
    }

    /** The compact record of this e-mail: fingerprints for event ids, no held bytes. */
    public EmailState compacted() {
        long[] all = Fingerprints.with(fingerprints, seenEventIds);
        List<KeptEvent> kept = new ArrayList<>(events.size());
        events.forEach(e -> kept.add(e.released()));
        return new EmailState(new ArrayList<>(4), all, kept, lastEventMillis, counted);
    }

    /** The full state, kept for the e-mail retention once the e-mail is handled. */
    public static Serde<EmailState> serde() {
        return BinarySerde.of(EmailState::toBytes, EmailState::fromBytes);
    }

    /** The compact record, kept for the retention of the 15-minute rows. */
    public static Serde<EmailState> compactSerde() {
        return BinarySerde.of(EmailState::toCompactBytes, EmailState::fromCompactBytes);
    }

    private static final int REPORTED = 0x80;
    private static final int HELD = 0x40;

    private byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(128).writeByte(FULL_FORMAT);
        out.writeStrings(seenEventIds);
        Fingerprints.write(out, fingerprints);
        out.writeVarLong(events.size());
        for (KeptEvent e : events) {
            writeEvent(out, e, e.occurredAtMillis());
            if (e.heldSource() != null) {
                e.heldSource().writeTo(out);
            }
        }
        out.writeVarLong(lastEventMillis);
        writeCounted(out, counted);
        return out.toByteArray();
    }

    private static EmailState fromBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, FULL_FORMAT_V1, FULL_FORMAT, "e-mail state");
        if (version == FULL_FORMAT_V1) {
            return fromBytesV1(in);
        }
        List<String> seen = in.readStrings();
        long[] fingerprints = Fingerprints.read(in);
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            events.add(readEvent(in, 0, true));
        }
        long last = in.readVarLong();
        return new EmailState(seen, fingerprints, events, last, readCounted(in, version == FULL_FORMAT_V2));
    }

    /** The first format: enum ordinals as codes; impossible events were not kept. */
    private static EmailState fromBytesV1(BinaryReader in) {
        List<String> seen = in.readStrings();
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            // Ordinals of the schema's symbols as they stood: code = ordinal + 1 in the tables above.
            EmailEventType type = TYPES.value(in.readByte() + 1);
            long at = in.readVarLong();
            EmailCategory category = CATEGORIES.valueOrNull(in.readByte());
            EmailComplexity complexity = COMPLEXITIES.valueOrNull(in.readByte());
            CloseReason closeReason = CLOSE_REASONS.valueOrNull(in.readByte());
            events.add(new KeptEvent(type, at, category, complexity, closeReason, false, null));
        }
        long last = in.readVarLong();
        EmailContribution counted = in.readByte() == 1 ? EmailContribution.readFromOrdinals(in) : null;
        return new EmailState(seen, new long[0], events, last, counted);
    }

    /** The compact record: fingerprints, the events (times after the first as differences to it), the counted contribution. */
    private static byte[] toCompactBytes(EmailState state) {
        EmailState c = state.seenEventIds.isEmpty() ? state : state.compacted();
        BinaryWriter out = new BinaryWriter(96).writeByte(COMPACT_FORMAT);
        Fingerprints.write(out, c.fingerprints);
        out.writeVarLong(c.events.size());
        long first = c.events.isEmpty() ? 0 : c.events.get(0).occurredAtMillis();
        for (int i = 0; i < c.events.size(); i++) {
            KeptEvent e = c.events.get(i);
            writeEvent(out, e, i == 0 ? first : e.occurredAtMillis() - first);
        }
        writeCounted(out, c.counted);
        return out.toByteArray();
    }

    private static EmailState fromCompactBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = BinarySerde.readVersion(in, COMPACT_FORMAT_V1, COMPACT_FORMAT, "compact e-mail record");
        long[] fingerprints = Fingerprints.read(in);
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        long first = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < eventCount; i++) {
            KeptEvent e = readEvent(in, i == 0 ? 0 : first, false);
            if (i == 0) {
                first = e.occurredAtMillis();
            }
            events.add(e);
            last = Math.max(last, e.occurredAtMillis());
        }
        return new EmailState(new ArrayList<>(4), fingerprints, events, last, readCounted(in, version == COMPACT_FORMAT_V1));
    }

    /** Type and flags, the time relative to {@code base}, then category, complexity and close reason (0 for none). */
    private static void writeEvent(BinaryWriter out, KeptEvent e, long time) {
        out.writeByte(TYPES.code(e.type()) | (e.reportedImpossible() ? REPORTED : 0) | (e.heldSource() != null ? HELD : 0))
                .writeVarLong(time)
                .writeByte(CATEGORIES.codeOrZero(e.category()) | COMPLEXITIES.codeOrZero(e.complexity()) << 4)
                .writeByte(CLOSE_REASONS.codeOrZero(e.closeReason()));
    }

    private static KeptEvent readEvent(BinaryReader in, long base, boolean withSource) {
        int typeAndFlags = in.readByte();
        long at = base + in.readVarLong();
        int categoryAndComplexity = in.readByte();
        CloseReason closeReason = CLOSE_REASONS.valueOrNull(in.readByte());
        HeldSource source = withSource && (typeAndFlags & HELD) != 0 ? HeldSource.readFrom(in) : null;
        return new KeptEvent(TYPES.value(typeAndFlags & 0x0F), at, CATEGORIES.valueOrNull(categoryAndComplexity & 0x0F),
                COMPLEXITIES.valueOrNull(categoryAndComplexity >> 4), closeReason, (typeAndFlags & REPORTED) != 0, source);
    }

    private static void writeCounted(BinaryWriter out, EmailContribution counted) {
        out.writeByte(counted == null ? 0 : 1);
        if (counted != null) {
            counted.writeTo(out);
        }
    }

    private static EmailContribution readCounted(BinaryReader in, boolean ordinals) {
        if (in.readByte() != 1) {
            return null;
        }
        return ordinals ? EmailContribution.readFromOrdinals(in) : EmailContribution.readFrom(in);
    }
}
