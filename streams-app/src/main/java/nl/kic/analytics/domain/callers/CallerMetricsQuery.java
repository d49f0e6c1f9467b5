package nl.kic.analytics.domain.callers;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the caller rows, summed over partitions (and a year over its months), with whether each is
 * final and whether it spans key months. The counts are as computed: small cells are protected by
 * {@link CallerSuppression} before any of them leaves the product.
 */
public final class CallerMetricsQuery {
    /** The granularities of the caller figures: a person is counted per day, week, month or year, never per quarter hour. */
    public static final List<Granularity> GRANULARITIES = List.of(Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR);

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final CallerRules rules;
    private final ApplicationClock clock;

    public CallerMetricsQuery(ReadOnlyKeyValueStore<Bytes, byte[]> store, CallerRules rules, ApplicationClock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Rows of one granularity with a start in [from, to), ordered by interval, channel and queue. A
     * null bound is open; a null channel means both; a null queue every queue and ALL.
     */
    public List<CallerMetricsRow> rows(Granularity granularity, Instant from, Instant to, Channel channel, String queue) {
        checkGranularity(granularity);
        List<CallerMetricsRow> result = new ArrayList<>();
        for (KeyValue<IntervalKey, CallerCounts> kv : CountRows.CALLERS.scan(store, rules.zone(), granularity, from, to)) {
            CallerMetricsRow row = row(kv.key, kv.value, clock.nowMillis());
            if ((channel == null || row.channel() == channel) && (queue == null || queue.equals(row.queue()))) {
                result.add(row);
            }
        }
        result.sort(ORDER);
        return result;
    }

    private static final Comparator<CallerMetricsRow> ORDER = Comparator.comparing((CallerMetricsRow r) -> r.intervalStart().toInstant())
            .thenComparing(CallerMetricsRow::channel).thenComparing(CallerMetricsRow::queue);

    private CallerMetricsRow row(IntervalKey key, CallerCounts counts, long now) {
        String series = key.series();
        Channel channel = Channel.valueOf(series.substring(0, series.indexOf('|')));
        String queue = series.substring(series.indexOf('|') + 1);
        Granularity granularity = key.granularity();
        ZonedDateTime start = Instant.ofEpochMilli(key.intervalStartMillis()).atZone(rules.zone());
        YearMonth first = YearMonth.from(start);
        YearMonth last = YearMonth.from(granularity.next(start).minusNanos(1));
        boolean finalRow = now > rules.lastChangeMillis(last) && counts.openAttempts() == 0;
        return new CallerMetricsRow(channel, queue, granularity, start.toOffsetDateTime(), counts, !first.equals(last), finalRow,
                counts.truncatedCallers() > 0);
    }

    static void checkGranularity(Granularity granularity) {
        if (!GRANULARITIES.contains(granularity)) {
            throw new IllegalArgumentException("caller and reason figures are counted per day, week, month or year, not per "
                    + granularity.label());
        }
    }

    /** Every row of every granularity, from one read of the store: the whole table, as small cells are protected over it. */
    public List<CallerMetricsRow> allRows() {
        long now = clock.nowMillis();
        List<CallerMetricsRow> all = new ArrayList<>();
        CountRows.CALLERS.scanAll(store, rules.zone()).forEach((granularity, rows) -> {
            List<CallerMetricsRow> ofGranularity = new ArrayList<>();
            rows.forEach((key, counts) -> ofGranularity.add(row(key, counts, now)));
            ofGranularity.sort(ORDER);
            all.addAll(ofGranularity);
        });
        return all;
    }
}
