package nl.kic.analytics.domain.emails;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import nl.kic.analytics.domain.entity.EntityState;
import nl.kic.analytics.domain.entity.Kept;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.ContributionCodec;
import nl.kic.analytics.platform.serde.EnumCodes;
import nl.kic.analytics.platform.serde.HeldSource;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one e-mail (see {@link EntityState}): its rule is that events count only at or
 * after the e-mail's earliest RECEIVED; the judgement ({@link #judge}) follows docs/metrics.md on the
 * working-day calendar.
 */
public final class EmailState extends EntityState<EmailState, EmailEvent, EmailState.KeptEvent, EmailContribution> {

    /**
     * An event as kept in the state. Category, complexity and close reason are null when the event
     * carries none; {@code heldSource} is kept while the e-mail's RECEIVED is unknown.
     */
    public record KeptEvent(EmailEventType type, long occurredAtMillis, EmailCategory category,
                            EmailComplexity complexity, CloseReason closeReason, boolean reportedImpossible, HeldSource heldSource)
            implements Kept<KeptEvent> {
        @Override
        public KeptEvent with(boolean reported, HeldSource source) {
            return new KeptEvent(type, occurredAtMillis, category, complexity, closeReason, reported, source);
        }
    }

    public static final int FULL_FORMAT = EntityState.FULL_FORMAT;
    public static final int COMPACT_FORMAT = EntityState.COMPACT_FORMAT;
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

    public EmailState() {
        super(FORMAT);
    }

    @Override
    protected Arrival<KeptEvent> keep(EmailEvent event) {
        return new Arrival<>(event.getEventId(), new KeptEvent(event.getType(), event.getOccurredAt().toEpochMilli(), event.getCategory(),
                event.getComplexity(), event.getCloseReason(), false, null));
    }

    /** Timed before the e-mail's RECEIVED, which is known. */
    @Override
    protected boolean isImpossible(KeptEvent event) {
        Long received = earliest(Set.of(EmailEventType.RECEIVED), Long.MIN_VALUE);
        return received != null && event.type() != EmailEventType.RECEIVED && event.occurredAtMillis() < received;
    }

    /** The e-mail's RECEIVED is unknown. */
    @Override
    protected boolean isUndecided(KeptEvent event) {
        return event.type() != EmailEventType.RECEIVED && earliest(Set.of(EmailEventType.RECEIVED), Long.MIN_VALUE) == null;
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
        for (KeptEvent e : events()) {
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
        long deadline = rules.calendar().deadline(Instant.ofEpochMilli(received), rules.answerWorkingDays(complexity)).toEpochMilli();
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
        for (KeptEvent e : events()) {
            if (types.contains(e.type()) && e.occurredAtMillis() >= notBeforeMillis && (found == null || e.occurredAtMillis() < found)) {
                found = e.occurredAtMillis();
            }
        }
        return found;
    }

    /** The full state, kept for the e-mail retention once the e-mail is handled. */
    public static Serde<EmailState> serde() {
        return EntityState.serde(FORMAT);
    }

    /** The compact record, kept for the retention of the 15-minute rows. */
    public static Serde<EmailState> compactSerde() {
        return EntityState.compactSerde(FORMAT);
    }

    /**
     * Per event its type with the flags, its time, category and complexity in one byte, and its close
     * reason (0 for none); the full state adds the held source.
     */
    private static final EntityState.Format<EmailState, KeptEvent, EmailContribution> FORMAT = new EntityState.Format<>(
            "e-mail state", "compact e-mail record", EmailContribution.CODEC, EmailState::new) {
        @Override
        protected void writeEvent(BinaryWriter out, KeptEvent e) {
            writeCompactEvent(out, e, e.occurredAtMillis());
            writeHeldSource(out, e);
        }

        /** E-mail events are the same in every format since the first. */
        @Override
        protected KeptEvent readEvent(BinaryReader in, int version) {
            return read(in, 0, true);
        }

        @Override
        protected void writeCompactEvent(BinaryWriter out, KeptEvent e, long time) {
            out.writeByte(TYPES.code(e.type()) | e.flags())
                    .writeVarLong(time)
                    .writeByte(CATEGORIES.codeOrZero(e.category()) | COMPLEXITIES.codeOrZero(e.complexity()) << 4)
                    .writeByte(CLOSE_REASONS.codeOrZero(e.closeReason()));
        }

        @Override
        protected KeptEvent readCompactEvent(BinaryReader in, long base, int version) {
            return read(in, base, false);
        }

        private KeptEvent read(BinaryReader in, long base, boolean withSource) {
            int typeAndFlags = in.readByte();
            long at = base + in.readVarLong();
            int categoryAndComplexity = in.readByte();
            CloseReason closeReason = CLOSE_REASONS.valueOrNull(in.readByte());
            HeldSource source = withSource ? readHeldSource(in, typeAndFlags) : null;
            return new KeptEvent(TYPES.value(typeAndFlags & 0x0F), at, CATEGORIES.valueOrNull(categoryAndComplexity & 0x0F),
                    COMPLEXITIES.valueOrNull(categoryAndComplexity >> 4), closeReason, (typeAndFlags & Kept.REPORTED) != 0, source);
        }

        /** The first format: enum ordinals as codes; impossible events were not kept. */
        @Override
        protected Parts<KeptEvent, EmailContribution> readFirstFormat(BinaryReader in) {
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
            EmailContribution counted = in.readByte() == 1 ? EmailContribution.CODEC.read(in, ContributionCodec.ORDINALS) : null;
            return new Parts<>(seen, new long[0], events, last, counted);
        }
    };
}
