package nl.kic.analytics.domain.contacts;

import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.ContributionCodec;
import nl.kic.analytics.platform.serde.EnumCodes;

/**
 * What one contact adds to the figures of its interval: the judgement of its events. A change of a
 * contact is the retraction of its old contribution and the addition of its new one.
 *
 * @param contactTimeMillis  time of the OFFERED event (of REJECTED for a rejected contact); decides the interval
 * @param waitMillis         ANSWERED or ABANDONED time minus OFFERED time; 0 otherwise
 * @param talkMillis         ENDED minus ANSWERED time, or -1 when not both are known
 * @param withinServiceLevel answered with a wait at or below the channel's service level target
 * @param shortAbandoned     abandoned with a wait below the short-abandon threshold
 * @param callerKey          the caller's monthly pseudonym, or null (withheld number, or none known): for the caller figures
 * @param reason             why the citizen called, or null: for the reason figures
 */
public record Contribution(
        Channel channel,
        String queue,
        long contactTimeMillis,
        Status status,
        long waitMillis,
        long talkMillis,
        boolean withinServiceLevel,
        boolean shortAbandoned,
        String callerKey,
        String reason) {

    /** A contribution without a caller key or reason (the caller's part is added by {@link #withCaller}). */
    public Contribution(Channel channel, String queue, long contactTimeMillis, Status status, long waitMillis, long talkMillis,
                        boolean withinServiceLevel, boolean shortAbandoned) {
        this(channel, queue, contactTimeMillis, status, waitMillis, talkMillis, withinServiceLevel, shortAbandoned, null, null);
    }

    public Contribution withCaller(String key, String why) {
        return new Contribution(channel, queue, contactTimeMillis, status, waitMillis, talkMillis, withinServiceLevel, shortAbandoned,
                key, why);
    }

    public enum Status { REJECTED, OPEN, LOST, ANSWERED, ABANDONED }

    public static Contribution rejected(Channel channel, String queue, long rejectedAtMillis) {
        return new Contribution(channel, queue, rejectedAtMillis, Status.REJECTED, 0, -1, false, false);
    }

    public static Contribution waiting(Channel channel, String queue, long offeredAtMillis, boolean lost) {
        return new Contribution(channel, queue, offeredAtMillis, lost ? Status.LOST : Status.OPEN, 0, -1, false, false);
    }

    /** Whether the contact has an outcome that counts in the rolling live figures. */
    public boolean hasOutcome() {
        return status == Status.REJECTED || status == Status.ANSWERED || status == Status.ABANDONED;
    }

    /** When the outcome happened: the rolling live figures are counted by this time. */
    public long outcomeTimeMillis() {
        return contactTimeMillis + waitMillis;
    }

    /**
     * The series of the contact's interval rows and the key of its aggregation partition,
     * {@code CHANNEL|queue}: all intervals of one channel and queue live together.
     */
    public String queueKey() {
        return queueKey(channel, queue);
    }

    public static String queueKey(Channel channel, String queue) {
        return channel.name() + "|" + queue;
    }

    public static Channel channelOf(String queueKey) {
        return Channel.valueOf(queueKey.substring(0, queueKey.indexOf('|')));
    }

    public static String queueOf(String queueKey) {
        return queueKey.substring(queueKey.indexOf('|') + 1);
    }

    /** Stored codes, independent of the order in which the enums declare their values. */
    private static final EnumCodes<Channel> CHANNELS = EnumCodes.of("channel", Channel.CALL, Channel.CHAT);
    public static final EnumCodes<Status> STATUSES = EnumCodes.of("contribution status",
            Status.REJECTED, Status.OPEN, Status.LOST, Status.ANSWERED, Status.ABANDONED);

    /** How a contribution is stored in states and changes. */
    public static final ContributionCodec<Contribution> CODEC = new ContributionCodec<>(Contribution::writeTo, Contribution::readFrom);

    public void writeTo(BinaryWriter out) {
        out.writeByte(CHANNELS.code(channel))
                .writeString(queue)
                .writeVarLong(contactTimeMillis)
                .writeByte(STATUSES.code(status))
                .writeVarLong(waitMillis)
                .writeVarLong(talkMillis)
                .writeByte((withinServiceLevel ? 1 : 0) | (shortAbandoned ? 2 : 0))
                .writeString(callerKey == null ? "" : callerKey)
                .writeString(reason == null ? "" : reason);
    }

    /**
     * Reads a contribution in format {@code version} (see {@link ContributionCodec}). The formats
     * before explicit codes wrote the enums' ordinals, in the order they were declared then (CALL,
     * CHAT; REJECTED, OPEN, LOST, ANSWERED, ABANDONED), which is each code minus one; those before
     * the caller's part have no caller key or reason.
     */
    private static Contribution readFrom(BinaryReader in, int version) {
        int ordinalShift = version == ContributionCodec.ORDINALS ? 1 : 0;
        Channel channel = CHANNELS.value(in.readByte() + ordinalShift);
        String queue = in.readString();
        long contactTime = in.readVarLong();
        Status status = STATUSES.value(in.readByte() + ordinalShift);
        long wait = in.readVarLong();
        long talk = in.readVarLong();
        int flags = in.readByte();
        String callerKey = version >= ContributionCodec.WITH_CALLER ? in.readString() : "";
        String reason = version >= ContributionCodec.WITH_CALLER ? in.readString() : "";
        return new Contribution(channel, queue, contactTime, status, wait, talk, (flags & 1) != 0, (flags & 2) != 0,
                callerKey.isEmpty() ? null : callerKey, reason.isEmpty() ? null : reason);
    }
}
