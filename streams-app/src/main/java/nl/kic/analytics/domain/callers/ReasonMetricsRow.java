package nl.kic.analytics.domain.callers;

import java.time.OffsetDateTime;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * One reason row as the product computes it, before small cells are protected.
 *
 * @param answeredInInterval every answered contact of the (channel, queue, interval), with a reason or without: the denominator
 *                           of {@code answered_share}
 */
public record ReasonMetricsRow(Channel channel, String queue, Granularity granularity, OffsetDateTime intervalStart, String reason,
                               ReasonCounts counts, long answeredInInterval) {
}
