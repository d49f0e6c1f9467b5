package nl.kic.analytics.domain.callers;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * A reason row as it leaves the product: counts null where small cells are protected, shares and the
 * mean talk time null where they would reveal one or are undefined ({@link ReasonSuppression}).
 * {@code suppressedCells} names the columns emptied for protection (not those undefined for want of a
 * denominator). {@link #values()} follows {@link ReasonSuppression#COLUMNS}.
 */
public record ProtectedReasonRow(Channel channel, String queue, Granularity granularity, OffsetDateTime intervalStart, String reason,
                                 Long contacts, Long answered, Double answeredShare, Long repeatAfterAnswer, Double repeatAfterAnswerRate,
                                 Double ahtSeconds, String suppressedCells) {

    /** The values in the order of {@link ReasonSuppression#COLUMNS}; null where empty. */
    public List<Object> values() {
        return Arrays.asList(channel, queue, granularity, intervalStart, reason, contacts, answered, answeredShare, repeatAfterAnswer,
                repeatAfterAnswerRate, ahtSeconds, suppressedCells);
    }
}
