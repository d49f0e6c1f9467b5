package nl.kic.analytics.domain.callers;

/**
 * The counts of one caller row (channel, queue or ALL, interval), before small cells are protected:
 * each is a number of callers (distinct caller keys with an attempt in the row) or of contacts, as
 * docs/metrics.md defines them. Within a row callers = reached + stillOpen + neverReached = the sum
 * of the six attempt buckets. {@code openAttempts} (attempts of the row still open) and
 * {@code truncatedCallers} (callers whose 7-day repeat window after an answered attempt runs past
 * their key's month) are kept to decide {@code final} and {@code repeat_window_truncated}; they are
 * never shown as counts.
 */
public record CallerCounts(long callers, long reached, long reachedFirstAttempt, long reachedWithin1WorkingDay, long stillOpen,
                           long neverReached, long attempts, long attempts1, long attempts2, long attempts3, long attempts4,
                           long attempts5to9, long attempts10plus, long repeatAfterAnswer, long unidentifiedContacts,
                           long openAttempts, long truncatedCallers) {

    public static final CallerCounts NONE = new CallerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public CallerCounts plus(CallerCounts o) {
        return new CallerCounts(callers + o.callers, reached + o.reached, reachedFirstAttempt + o.reachedFirstAttempt,
                reachedWithin1WorkingDay + o.reachedWithin1WorkingDay, stillOpen + o.stillOpen, neverReached + o.neverReached,
                attempts + o.attempts, attempts1 + o.attempts1, attempts2 + o.attempts2, attempts3 + o.attempts3, attempts4 + o.attempts4,
                attempts5to9 + o.attempts5to9, attempts10plus + o.attempts10plus, repeatAfterAnswer + o.repeatAfterAnswer,
                unidentifiedContacts + o.unidentifiedContacts, openAttempts + o.openAttempts, truncatedCallers + o.truncatedCallers);
    }

    public CallerCounts minus(CallerCounts o) {
        return plus(o.negated());
    }

    private CallerCounts negated() {
        return new CallerCounts(-callers, -reached, -reachedFirstAttempt, -reachedWithin1WorkingDay, -stillOpen, -neverReached,
                -attempts, -attempts1, -attempts2, -attempts3, -attempts4, -attempts5to9, -attempts10plus, -repeatAfterAnswer,
                -unidentifiedContacts, -openAttempts, -truncatedCallers);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
