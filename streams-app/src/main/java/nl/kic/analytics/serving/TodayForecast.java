package nl.kic.analytics.serving;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;

/**
 * Today's forecast per channel for the wallboard's "verwacht vandaag": the forecast from today's
 * first day (docs/forecast.md), made from the figures before today, kept for an hour of the
 * application's clock (a minute while there is none), since its backtest takes seconds and today's
 * history hardly changes.
 */
final class TodayForecast {
    private static final Duration KEEP = Duration.ofHours(1);
    /** Without a forecast (no history yet, or not yet read), asked again sooner. */
    private static final Duration KEEP_EMPTY = Duration.ofMinutes(1);

    /** One channel: the forecast of today's quarter hours that have passed (the current one pro rata), of the whole day, and the calls offered so far. */
    record Channel(String channel, double expectedSoFar, double expectedDay, long offeredSoFar) {
    }

    private final KicConfig config;
    private LocalDate day;
    private Instant madeAt;
    private List<ForecastQuery.Row> rows = List.of();

    TodayForecast(KicConfig config) {
        this.config = config;
    }

    /** The channels with a forecast for today at the queries' clock; none without history before today. */
    synchronized List<Channel> at(Queries queries) {
        ZoneId zone = config.zone();
        Instant now = queries.clock().now();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (!today.equals(day) || madeAt == null || now.isAfter(madeAt.plus(rows.isEmpty() ? KEEP_EMPTY : KEEP)) || now.isBefore(madeAt)) {
            Instant start = today.atStartOfDay(zone).toInstant();
            List<ContactMetricsRow> history = queries.contactMetrics().rows(Granularity.FIFTEEN_MINUTES,
                    ForecastQuery.historyFrom(today).atStartOfDay(zone).toInstant(), start, null, ContactMetricsRow.ALL_QUEUES);
            List<AgentPresenceQuery.Row> presence = List.of(); // the board shows contacts, not staff
            rows = ForecastQuery.of(history, presence, null, today, 1, config).rows().stream()
                    .filter(r -> r.queue().equals(ContactMetricsRow.ALL_QUEUES) && r.intervalStart().atZoneSameInstant(zone).toLocalDate().equals(today))
                    .toList();
            day = today;
            madeAt = now;
        }
        Map<String, double[]> sums = new TreeMap<>();
        for (ForecastQuery.Row row : rows) {
            double[] s = sums.computeIfAbsent(row.channel(), c -> new double[2]);
            Instant start = row.intervalStart().toInstant();
            double passed = Math.min(1, Math.max(0, Duration.between(start, now).toMillis() / (double) Duration.ofMinutes(15).toMillis()));
            s[0] += row.offeredForecast() * passed;
            s[1] += row.offeredForecast();
        }
        List<Channel> channels = new ArrayList<>();
        Instant start = today.atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        sums.forEach((channel, s) -> {
            long offered = 0;
            for (ContactMetricsRow row : queries.contactMetrics().rows(Granularity.DAY, start, end,
                    nl.kic.analytics.events.Channel.valueOf(channel), ContactMetricsRow.ALL_QUEUES)) {
                offered += row.figures().offered();
            }
            channels.add(new Channel(channel, s[0], s[1], offered));
        });
        return channels;
    }
}
