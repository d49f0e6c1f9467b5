package nl.kic.analytics.domain.callers;

import java.time.OffsetDateTime;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * One caller row as the product computes it, before small cells are protected.
 *
 * @param queue                  a queue, or {@code ALL} for every queue of the channel
 * @param spansKeyMonths         the interval spans two calendar months or more (a week across a month's end, a year): a person
 *                               calling in two of them counts once per month
 * @param finalRow               no attempt of the row can change any more (docs/metrics.md)
 * @param repeatWindowTruncated  the 7 days after some answered attempt of the row run past the end of its key's month
 */
public record CallerMetricsRow(Channel channel, String queue, Granularity granularity, OffsetDateTime intervalStart, CallerCounts counts,
                               boolean spansKeyMonths, boolean finalRow, boolean repeatWindowTruncated) {
}
