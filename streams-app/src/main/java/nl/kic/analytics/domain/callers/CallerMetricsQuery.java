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
        long now = clock.nowMillis();
        List<CallerMetricsRow> result = new ArrayList<>();
        for (KeyValue<IntervalKey, CallerCounts> kv : CountRows.CALLERS.scan(store, rules.zone(), granularity, from, to)) {
            String series = kv.key.series();
            Channel rowChannel = Channel.valueOf(series.substring(0, series.indexOf('|')));
            String rowQueue = series.substring(series.indexOf('|') + 1);
            if (channel != null && rowChannel != channel || queue != null && !queue.equals(rowQueue)) {
                continue;
            }
            ZonedDateTime start = Instant.ofEpochMilli(kv.key.intervalStartMillis()).atZone(rules.zone());
            YearMonth first = YearMonth.from(start);
            YearMonth last = YearMonth.from(granularity.next(start).minusNanos(1));
            CallerCounts counts = kv.value;
            boolean finalRow = now > rules.lastChangeMillis(last) && counts.openAttempts() == 0;
            result.add(new CallerMetricsRow(rowChannel, rowQueue, granularity, start.toOffsetDateTime(), counts, !first.equals(last),
                    finalRow, counts.truncatedCallers() > 0));
        }
        result.sort(Comparator.comparing((CallerMetricsRow r) -> r.intervalStart().toInstant())
                .thenComparing(CallerMetricsRow::channel).thenComparing(CallerMetricsRow::queue));
        return result;
    }

    static void checkGranularity(Granularity granularity) {
        if (!GRANULARITIES.contains(granularity)) {
            throw new IllegalArgumentException("caller and reason figures are counted per day, week, month or year, not per "
                    + granularity.label());
        }
    }

    /** Every row of every granularity: the whole table, as small cells are protected over it. */
    public List<CallerMetricsRow> allRows() {
        List<CallerMetricsRow> all = new ArrayList<>();
        for (Granularity granularity : GRANULARITIES) {
            all.addAll(rows(granularity, null, null, null, null));
        }
        return all;
    }
}
