package nl.kic.analytics.domain.callers;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * A caller row as it leaves the product (API, report, CSV, export): each person count, and
 * {@code attempts}, is null where small cells are protected ({@link CallerSuppression}), and
 * {@code suppressedCells} names those columns. {@link #values()} follows {@link CallerSuppression#COLUMNS}.
 */
public record ProtectedCallerRow(Channel channel, String queue, Granularity granularity, OffsetDateTime intervalStart, Long callers,
                                 Long reached, Long reachedFirstAttempt, Long reachedWithin1WorkingDay, Long stillOpen, Long neverReached,
                                 Long attempts, Long attempts1, Long attempts2, Long attempts3, Long attempts4, Long attempts5to9,
                                 Long attempts10plus, Long repeatAfterAnswer, long unidentifiedContacts, boolean spansKeyMonths,
                                 boolean finalRow, boolean repeatWindowTruncated, String suppressedCells) {

    /** The values in the order of {@link CallerSuppression#COLUMNS}; null where a cell is hidden. */
    public List<Object> values() {
        return Arrays.asList(channel, queue, granularity, intervalStart, callers, reached, reachedFirstAttempt, reachedWithin1WorkingDay,
                stillOpen, neverReached, attempts, attempts1, attempts2, attempts3, attempts4, attempts5to9, attempts10plus,
                repeatAfterAnswer, unidentifiedContacts, spansKeyMonths, finalRow, repeatWindowTruncated, suppressedCells);
    }
}
