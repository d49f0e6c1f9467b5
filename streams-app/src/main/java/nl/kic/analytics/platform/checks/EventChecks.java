package nl.kic.analytics.platform.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.errors.RejectedEventException;
import nl.kic.analytics.platform.time.ApplicationClock;

/**
 * The checks every input event passes before it is counted, all relative to the application clock:
 * not implausibly old (outside the plausibility window: a clock at zero, seconds taken for
 * milliseconds), not more than the tolerance ahead, not too late (before the retention of the
 * 15-minute rows, whose figures it would change), names of the allowed shape, and (when a queue list
 * is configured) a known queue.
 */
public final class EventChecks {
    private final ApplicationClock clock;
    private final long futureToleranceMillis;
    private final long maxAgeMillis;
    private final long lateAfterMillis;
    private final Set<String> queues;
    private final NameRule names;

    public EventChecks(ApplicationClock clock, long futureToleranceMillis, long maxAgeMillis, long lateAfterMillis, Set<String> queues,
                       NameRule names) {
        this.clock = clock;
        this.futureToleranceMillis = futureToleranceMillis;
        this.maxAgeMillis = maxAgeMillis;
        this.lateAfterMillis = lateAfterMillis;
        this.queues = queues;
        this.names = names;
    }

    /** A name from the input (a queue, an agent's team), trimmed, by the rule of {@link NameRule}. */
    public String checkName(String field, String name) {
        return names.check(field, name);
    }

    /** Refuses an event time outside the plausibility window around the clock. */
    public void checkTime(long occurredAtMillis) {
        long now = clock.nowMillis();
        if (occurredAtMillis < now - maxAgeMillis) {
            throw new RejectedEventException(DeadLetterReason.IMPLAUSIBLY_OLD, "event time " + Instant.ofEpochMilli(occurredAtMillis)
                    + " lies more than the plausibility window (" + Duration.ofMillis(maxAgeMillis).toDays() + " days) before the clock "
                    + clock.now());
        }
        if (occurredAtMillis > now + futureToleranceMillis) {
            throw new RejectedEventException(DeadLetterReason.FUTURE_TIME, "event time " + Instant.ofEpochMilli(occurredAtMillis)
                    + " lies more than the tolerance ahead of the clock " + clock.now());
        }
    }

    /**
     * Refuses an event too late to count, whose 15-minute rows are no longer kept; {@code counted}
     * counts it first. The reason names its type and whose it is ("ANSWERED of a contact"), put
     * together only for a rejection, since every event passes here.
     */
    public void checkNotTooLate(long occurredAtMillis, Object eventType, String whose, Runnable counted) {
        if (occurredAtMillis < clock.nowMillis() - lateAfterMillis) {
            counted.run();
            throw new RejectedEventException(DeadLetterReason.TOO_LATE, eventType + " " + whose + " at " + Instant.ofEpochMilli(occurredAtMillis)
                    + " lies more than the retention of the 15-minute rows (" + Duration.ofMillis(lateAfterMillis).toDays()
                    + " days) before the clock " + clock.now());
        }
    }

    public void checkQueue(String queue) {
        if (!queues.isEmpty() && !queues.contains(queue)) {
            // The name is not repeated: a queue field that is not a queue may hold a phone number.
            throw new RejectedEventException(DeadLetterReason.UNKNOWN_QUEUE, "field 'queue' is not in the configured queue list (kic.queues)");
        }
    }
}
