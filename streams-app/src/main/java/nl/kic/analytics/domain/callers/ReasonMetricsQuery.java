package nl.kic.analytics.domain.callers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the reason rows, summed over partitions (and a year over its months), each with the answered
 * contacts of its (channel, queue, interval) for the answered share. The counts are as computed:
 * small cells are protected by {@link ReasonSuppression} before any of them leaves the product.
 */
public final class ReasonMetricsQuery {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final CallerRules rules;

    public ReasonMetricsQuery(ReadOnlyKeyValueStore<Bytes, byte[]> store, CallerRules rules) {
        this.store = store;
        this.rules = rules;
    }

    /**
     * Rows of one granularity (day, week, month, year) with a start in [from, to), ordered by interval,
     * channel, queue and reason. A null bound is open; a null channel means both; a null queue every
     * queue and ALL.
     */
    public List<ReasonMetricsRow> rows(Granularity granularity, Instant from, Instant to, Channel channel, String queue) {
        CallerMetricsQuery.checkGranularity(granularity);
        List<KeyValue<IntervalKey, ReasonCounts>> scanned = CountRows.REASONS.scan(store, rules.zone(), granularity, from, to);
        Map<IntervalKey, Long> answeredInInterval = new HashMap<>();
        for (KeyValue<IntervalKey, ReasonCounts> kv : scanned) {
            String[] series = kv.key.series().split("\\|", -1);
            if (series[2].equals(CallerRules.ALL_REASONS)) {
                answeredInInterval.put(new IntervalKey(granularity, kv.key.intervalStartMillis(), series[0] + "|" + series[1]), kv.value.answered());
            }
        }
        List<ReasonMetricsRow> result = new ArrayList<>();
        for (KeyValue<IntervalKey, ReasonCounts> kv : scanned) {
            String[] series = kv.key.series().split("\\|", -1);
            Channel rowChannel = Channel.valueOf(series[0]);
            if (series[2].equals(CallerRules.ALL_REASONS) || channel != null && rowChannel != channel || queue != null && !queue.equals(series[1])) {
                continue;
            }
            long answered = answeredInInterval.getOrDefault(new IntervalKey(granularity, kv.key.intervalStartMillis(), series[0] + "|" + series[1]), 0L);
            result.add(new ReasonMetricsRow(rowChannel, series[1], granularity,
                    Instant.ofEpochMilli(kv.key.intervalStartMillis()).atZone(rules.zone()).toOffsetDateTime(), series[2], kv.value, answered));
        }
        result.sort(Comparator.comparing((ReasonMetricsRow r) -> r.intervalStart().toInstant()).thenComparing(ReasonMetricsRow::channel)
                .thenComparing(ReasonMetricsRow::queue).thenComparing(ReasonMetricsRow::reason));
        return result;
    }

    /** Every row of every granularity: the whole table, as small cells are protected over it. */
    public List<ReasonMetricsRow> allRows() {
        List<ReasonMetricsRow> all = new ArrayList<>();
        for (Granularity granularity : CallerMetricsQuery.GRANULARITIES) {
            all.addAll(rows(granularity, null, null, null, null));
        }
        return all;
    }
}
