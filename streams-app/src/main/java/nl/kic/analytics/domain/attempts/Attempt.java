package nl.kic.analytics.domain.attempts;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.EnumCodes;

/**
 * One contact as the caller figures see it: an attempt of a citizen to reach the contact centre, as
 * the reachability denominator counts contacts (docs/metrics.md). It travels from the contacts to
 * the caller figures, keyed by its caller's key and month.
 *
 * @param contactTimeMillis  OFFERED time (REJECTED for a contact rejected without OFFERED): decides its intervals
 * @param answeredAtMillis   the ANSWERED time, or -1 when not answered
 * @param talkMillis         talk time of an answered contact, or -1 when unknown
 * @param callerKey          the caller's monthly pseudonym, or null for a withheld number
 * @param reason             why the citizen called, or null
 */
public record Attempt(String contactId, Channel channel, String queue, long contactTimeMillis, Outcome outcome, long answeredAtMillis,
                      long talkMillis, String callerKey, String reason) {

    /** How long after an answer another attempt of the caller is a repeat contact. */
    public static final Duration REPEAT_WINDOW = Duration.ofDays(7);

    /**
     * When a caller key of a contact at {@code contactTimeMillis} can no longer change the caller
     * figures, so that nothing needs to keep it: the end of its month, the repeat window and the late
     * allowance ({@code kic.callers.late-days}) after it.
     */
    public static long keyEndMillis(long contactTimeMillis, ZoneId zone, Duration lateAllowance) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(contactTimeMillis).atZone(zone));
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().plus(REPEAT_WINDOW).plus(lateAllowance).toEpochMilli();
    }

    /** What became of the attempt: answered, still open, or not answered (abandoned, rejected, lost). */
    public enum Outcome { ANSWERED, OPEN, UNANSWERED }

    private static final EnumCodes<Channel> CHANNELS = EnumCodes.of("channel", Channel.CALL, Channel.CHAT);
    private static final EnumCodes<Outcome> OUTCOMES = EnumCodes.of("attempt outcome", Outcome.ANSWERED, Outcome.OPEN, Outcome.UNANSWERED);

    public boolean answered() {
        return outcome == Outcome.ANSWERED;
    }

    /** The calendar month of its contact time in {@code zone}: the month of its caller key. */
    public YearMonth keyMonth(ZoneId zone) {
        return YearMonth.from(Instant.ofEpochMilli(contactTimeMillis).atZone(zone));
    }

    /**
     * The key of the caller state it counts in: {@code key|yyyy-MM} (a caller key is one person only
     * within its month), or {@code |contactId} for a contact without a key, which counts as an
     * unidentified contact alone and has no caller state: the key only spreads those contacts over
     * the partitions. (Which of the two an attempt is, its caller key says, not the record key.)
     */
    public String callerMonthKey(ZoneId zone) {
        return callerKey == null ? "|" + contactId : callerKey + "|" + keyMonth(zone);
    }

    public void writeTo(BinaryWriter out) {
        out.writeString(contactId)
                .writeByte(CHANNELS.code(channel))
                .writeString(queue)
                .writeVarLong(contactTimeMillis)
                .writeByte(OUTCOMES.code(outcome))
                .writeVarLong(answeredAtMillis)
                .writeVarLong(talkMillis)
                .writeString(callerKey == null ? "" : callerKey)
                .writeString(reason == null ? "" : reason);
    }

    public static Attempt readFrom(BinaryReader in) {
        String contactId = in.readString();
        Channel channel = CHANNELS.value(in.readByte());
        String queue = in.readString();
        long contactTime = in.readVarLong();
        Outcome outcome = OUTCOMES.value(in.readByte());
        long answeredAt = in.readVarLong();
        long talk = in.readVarLong();
        String key = in.readString();
        String reason = in.readString();
        return new Attempt(contactId, channel, queue, contactTime, outcome, answeredAt, talk, key.isEmpty() ? null : key,
                reason.isEmpty() ? null : reason);
    }
}
