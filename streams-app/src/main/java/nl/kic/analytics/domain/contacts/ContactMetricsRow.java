package nl.kic.analytics.domain.contacts;

import java.time.OffsetDateTime;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/** One row of interval figures: a channel, a queue (or {@code ALL}), an interval and its figures. */
public record ContactMetricsRow(
        Channel channel,
        String queue,
        Granularity granularity,
        OffsetDateTime intervalStart,
        ContactFigures figures) {

    public static final String ALL_QUEUES = "ALL";
}
