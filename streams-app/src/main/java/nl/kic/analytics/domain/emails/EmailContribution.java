package nl.kic.analytics.domain.emails;

import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.ContributionCodec;
import nl.kic.analytics.platform.serde.EnumCodes;

/**
 * What one e-mail adds to the figures of the interval in which it was received: the judgement of
 * its events on the application clock.
 *
 * @param category            the final category, or {@link #UNCLASSIFIED} (counted in ALL only)
 * @param spam                final category SPAM, or closed with reason SPAM: counts only as gross and spam
 * @param deadlineMillis      the answer deadline: 2 working days (SIMPLE) or 10 (COMPLEX) after the clock start
 * @param answeredOnTime      answered (COMPLEX: or an interim reply) at or before the deadline
 * @param mustAnswerViolation a must-answer e-mail closed without answer, or open past its deadline by the clock
 */
public record EmailContribution(
        String category,
        long receivedMillis,
        boolean spam,
        Status status,
        EmailComplexity complexity,
        long deadlineMillis,
        boolean acknowledgedOnTime,
        boolean answeredOnTime,
        boolean mustAnswerViolation) {

    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    public enum Status { ANSWERED, CLOSED_WITHOUT_ANSWER, OPEN }

    /** An open net e-mail: part of the backlog. */
    public boolean inBacklog() {
        return !spam && status == Status.OPEN;
    }

    /** Stored codes, independent of the order in which the enums declare their values. */
    private static final EnumCodes<Status> STATUSES = EnumCodes.of("e-mail status", Status.ANSWERED, Status.CLOSED_WITHOUT_ANSWER, Status.OPEN);
    private static final EnumCodes<EmailComplexity> COMPLEXITIES = EnumCodes.of("e-mail complexity", EmailComplexity.SIMPLE,
            EmailComplexity.COMPLEX);

    /** How a contribution is stored in states and changes; the formats with codes and with the caller's part are the same for e-mail. */
    public static final ContributionCodec<EmailContribution> CODEC = new ContributionCodec<>(EmailContribution::writeTo,
            (in, version) -> readFrom(in, version == ContributionCodec.ORDINALS ? 1 : 0));

    public void writeTo(BinaryWriter out) {
        out.writeString(category)
                .writeVarLong(receivedMillis)
                .writeByte(STATUSES.code(status))
                .writeByte(COMPLEXITIES.code(complexity))
                .writeVarLong(deadlineMillis)
                .writeByte((spam ? 1 : 0) | (acknowledgedOnTime ? 2 : 0) | (answeredOnTime ? 4 : 0) | (mustAnswerViolation ? 8 : 0));
    }

    /**
     * Reads a contribution; the formats before explicit codes wrote the enums' ordinals, in the order
     * they were declared then (ANSWERED, CLOSED_WITHOUT_ANSWER, OPEN; SIMPLE, COMPLEX), which is each
     * code minus one: {@code ordinalShift} 1.
     */
    private static EmailContribution readFrom(BinaryReader in, int ordinalShift) {
        String category = in.readString();
        long received = in.readVarLong();
        Status status = STATUSES.value(in.readByte() + ordinalShift);
        EmailComplexity complexity = COMPLEXITIES.value(in.readByte() + ordinalShift);
        long deadline = in.readVarLong();
        int flags = in.readByte();
        return new EmailContribution(category, received, (flags & 1) != 0, status, complexity, deadline,
                (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0);
    }
}
