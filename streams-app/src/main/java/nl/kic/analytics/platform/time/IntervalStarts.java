package nl.kic.analytics.platform.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * The start of the interval of each granularity that holds a moment, remembering the last interval
 * per granularity: consecutive moments mostly fall in the same intervals, and the calendar arithmetic
 * of the zone is then skipped. One per processor (it is not shared between threads).
 */
public final class IntervalStarts {
    private final ZoneId zone;
    // The last interval seen per granularity, [start, end).
    private final long[] lastStart = new long[Granularity.values().length];
    private final long[] lastEnd = new long[Granularity.values().length];

    public IntervalStarts(ZoneId zone) {
        this.zone = zone;
        Arrays.fill(lastEnd, Long.MIN_VALUE);
    }

    public long startMillis(Granularity granularity, long epochMillis) {
        int g = granularity.ordinal();
        if (epochMillis < lastStart[g] || epochMillis >= lastEnd[g]) {
            ZonedDateTime start = granularity.intervalStart(Instant.ofEpochMilli(epochMillis), zone);
            lastStart[g] = start.toInstant().toEpochMilli();
            lastEnd[g] = granularity.next(start).toInstant().toEpochMilli();
        }
        return lastStart[g];
    }
}
