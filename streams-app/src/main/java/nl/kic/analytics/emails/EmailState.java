package nl.kic.analytics.emails;

import java.util.ArrayList;
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
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything known of one e-mail: the event ids seen (for duplicates), the events kept, and the
 * contribution now counted. The judgement depends only on the kept events and the clock.
 */
public final class EmailState {

    /** An event as kept in the state. Category, complexity and close reason are null when the event carries none. */
    public record KeptEvent(EmailEventType type, long occurredAtMillis, EmailCategory category,
                            EmailComplexity complexity, CloseReason closeReason) {
    }

    private static final int FORMAT_VERSION = 1;
    private static final Set<EmailEventType> ANSWERS = Set.of(EmailEventType.ANSWERED, EmailEventType.FORWARDED);
    private static final Set<EmailEventType> ACKNOWLEDGEMENTS =
            Set.of(EmailEventType.ACKNOWLEDGED, EmailEventType.ANSWERED, EmailEventType.FORWARDED);
    private static final Set<EmailEventType> COMPLEX_REPLIES =
            Set.of(EmailEventType.ANSWERED, EmailEventType.FORWARDED, EmailEventType.INTERIM_REPLY);

    private final List<String> seenEventIds;
    private final List<KeptEvent> events;
    private long lastEventMillis;
    private EmailContribution counted;

    public EmailState() {
        this(new ArrayList<>(4), new ArrayList<>(4), Long.MIN_VALUE, null);
    }

    private EmailState(List<String> seenEventIds, List<KeptEvent> events, long lastEventMillis, EmailContribution counted) {
        this.seenEventIds = seenEventIds;
        this.events = events;
        this.lastEventMillis = lastEventMillis;
        this.counted = counted;
    }

    public boolean hasSeen(String eventId) {
        return seenEventIds.contains(eventId);
    }

    public void accept(EmailEvent event) {
        long occurredAt = event.getOccurredAt().toEpochMilli();
        seenEventIds.add(event.getEventId());
        events.add(new KeptEvent(event.getType(), occurredAt, event.getCategory(), event.getComplexity(), event.getCloseReason()));
        lastEventMillis = Math.max(lastEventMillis, occurredAt);
    }

    /** Whether {@code event} is timed before the e-mail's RECEIVED, which is known. */
    public boolean isImpossible(EmailEvent event) {
        Long received = earliest(Set.of(EmailEventType.RECEIVED));
        return received != null && event.getType() != EmailEventType.RECEIVED && event.getOccurredAt().toEpochMilli() < received;
    }

    /** Remembers an event's id without keeping the event (it is impossible and dead-lettered). */
    public void rememberOnly(EmailEvent event) {
        seenEventIds.add(event.getEventId());
        lastEventMillis = Math.max(lastEventMillis, event.getOccurredAt().toEpochMilli());
    }

    /** Drops and returns the events held before the e-mail's RECEIVED was known that are timed before it. */
    public List<KeptEvent> removeImpossible() {
        Long received = earliest(Set.of(EmailEventType.RECEIVED));
        if (received == null) {
            return List.of();
        }
        List<KeptEvent> impossible = new ArrayList<>(0);
        for (KeptEvent e : events) {
            if (e.type() != EmailEventType.RECEIVED && e.occurredAtMillis() < received) {
                impossible.add(e);
            }
        }
        events.removeAll(impossible);
        return impossible;
    }

    /**
     * The contribution of this e-mail by docs/metrics.md, or null while its RECEIVED is unknown.
     * Category and complexity are those of the latest event (by event time) that carries one.
     */
    public EmailContribution judge(EmailRules rules, long nowMillis) {
        Long received = earliest(Set.of(EmailEventType.RECEIVED));
        if (received == null) {
            return null;
        }
        KeptEvent categorised = null;
        KeptEvent withComplexity = null;
        boolean closed = false;
        boolean closedAsSpam = false;
        for (KeptEvent e : events) {
            if (e.category() != null && (categorised == null || e.occurredAtMillis() >= categorised.occurredAtMillis())) {
                categorised = e;
            }
            if (e.complexity() != null && (withComplexity == null || e.occurredAtMillis() >= withComplexity.occurredAtMillis())) {
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
        Long firstAnswer = earliest(ANSWERS);
        EmailContribution.Status status = firstAnswer != null ? EmailContribution.Status.ANSWERED
                : closed ? EmailContribution.Status.CLOSED_WITHOUT_ANSWER : EmailContribution.Status.OPEN;
        Long firstAcknowledgement = earliest(ACKNOWLEDGEMENTS);
        boolean acknowledgedOnTime = firstAcknowledgement != null && firstAcknowledgement - received <= rules.acknowledgeWithinMillis();
        long deadline = rules.calendar().deadline(java.time.Instant.ofEpochMilli(received), rules.answerWorkingDays(complexity)).toEpochMilli();
        Long reply = complexity == EmailComplexity.COMPLEX ? earliest(COMPLEX_REPLIES) : firstAnswer;
        boolean answeredOnTime = reply != null && reply <= deadline;
        boolean mustAnswer = category != null && EmailRules.MUST_ANSWER.contains(category);
        boolean violation = mustAnswer && !spam && (status == EmailContribution.Status.CLOSED_WITHOUT_ANSWER
                || (status == EmailContribution.Status.OPEN && !answeredOnTime && nowMillis > deadline));
        return new EmailContribution(category == null ? EmailContribution.UNCLASSIFIED : category.name(), received, spam,
                status, complexity, deadline, acknowledgedOnTime, answeredOnTime, violation);
    }

    private Long earliest(Set<EmailEventType> types) {
        Long found = null;
        for (KeptEvent e : events) {
            if (types.contains(e.type()) && (found == null || e.occurredAtMillis() < found)) {
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

    public static Serde<EmailState> serde() {
        return BinarySerde.of(EmailState::toBytes, EmailState::fromBytes);
    }

    private byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(128).writeByte(FORMAT_VERSION);
        out.writeStrings(seenEventIds);
        out.writeVarLong(events.size());
        for (KeptEvent e : events) {
            out.writeByte(e.type().ordinal())
                    .writeVarLong(e.occurredAtMillis())
                    .writeByte(e.category() == null ? 0 : e.category().ordinal() + 1)
                    .writeByte(e.complexity() == null ? 0 : e.complexity().ordinal() + 1)
                    .writeByte(e.closeReason() == null ? 0 : e.closeReason().ordinal() + 1);
        }
        out.writeVarLong(lastEventMillis);
        out.writeByte(counted == null ? 0 : 1);
        if (counted != null) {
            counted.writeTo(out);
        }
        return out.toByteArray();
    }

    private static EmailState fromBytes(byte[] bytes) {
        BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "e-mail state");
        List<String> seen = in.readStrings();
        int eventCount = in.readVarInt();
        List<KeptEvent> events = new ArrayList<>(eventCount + 1);
        for (int i = 0; i < eventCount; i++) {
            EmailEventType type = EmailEventType.values()[in.readByte()];
            long at = in.readVarLong();
            int category = in.readByte();
            int complexity = in.readByte();
            int closeReason = in.readByte();
            events.add(new KeptEvent(type, at,
                    category == 0 ? null : EmailCategory.values()[category - 1],
                    complexity == 0 ? null : EmailComplexity.values()[complexity - 1],
                    closeReason == 0 ? null : CloseReason.values()[closeReason - 1]));
        }
        long last = in.readVarLong();
        EmailContribution counted = in.readByte() == 1 ? EmailContribution.readFrom(in) : null;
        return new EmailState(seen, events, last, counted);
    }
}
