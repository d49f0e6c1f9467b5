package nl.kic.analytics.app;

import java.time.Instant;
import java.util.Set;
import nl.kic.analytics.time.ApplicationClock;

/**
 * The checks every input event passes before it is counted: not before 2000, not more than the
 * tolerance ahead of the application clock, and (when a queue list is configured) a known queue.
 */
public final class EventChecks {
    private static final long YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    private final ApplicationClock clock;
    private final long futureToleranceMillis;
    private final Set<String> queues;

    public EventChecks(ApplicationClock clock, long futureToleranceMillis, Set<String> queues) {
        this.clock = clock;
        this.futureToleranceMillis = futureToleranceMillis;
        this.queues = queues;
    }

    public void checkTime(long occurredAtMillis) {
        if (occurredAtMillis < YEAR_2000) {
            throw new RejectedEventException("before_2000", "event time " + Instant.ofEpochMilli(occurredAtMillis) + " lies before 2000");
        }
        if (occurredAtMillis > clock.nowMillis() + futureToleranceMillis) {
            throw new RejectedEventException("future_time", "event time " + Instant.ofEpochMilli(occurredAtMillis)
                    + " lies more than the tolerance ahead of the clock " + clock.now());
        }
    }

    public void checkQueue(String queue) {
        if (!queues.isEmpty() && !queues.contains(queue)) {
            throw new RejectedEventException("unknown_queue", "queue '" + queue + "' is not in the configured queue list");
        }
    }
}
