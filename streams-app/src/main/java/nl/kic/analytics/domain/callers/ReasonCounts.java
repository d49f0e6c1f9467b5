package nl.kic.analytics.domain.callers;

/**
 * The counts of one reason row (channel, queue or ALL, interval, reason), before small cells are
 * protected (docs/metrics.md): its contacts, those answered, the answered ones with a caller key
 * ({@code answeredWithKey}, the denominator of the repeat rate), those followed by another attempt of
 * the key within 7 days of the answer, and the talk time of the answered ones with a known talk time.
 */
public record ReasonCounts(long contacts, long answered, long answeredWithKey, long repeatAfterAnswer, long talkMillis, long talked) {

    public static final ReasonCounts NONE = new ReasonCounts(0, 0, 0, 0, 0, 0);

    public ReasonCounts plus(ReasonCounts o) {
        return new ReasonCounts(contacts + o.contacts, answered + o.answered, answeredWithKey + o.answeredWithKey,
                repeatAfterAnswer + o.repeatAfterAnswer, talkMillis + o.talkMillis, talked + o.talked);
    }

    public ReasonCounts minus(ReasonCounts o) {
        return plus(new ReasonCounts(-o.contacts, -o.answered, -o.answeredWithKey, -o.repeatAfterAnswer, -o.talkMillis, -o.talked));
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
