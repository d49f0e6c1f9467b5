package nl.kic.analytics.domain.callers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
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
        Map<IntervalKey, ReasonCounts> scanned = new LinkedHashMap<>();
        CountRows.REASONS.scan(store, rules.zone(), granularity, from, to).forEach(kv -> scanned.put(kv.key, kv.value));
        return rows(scanned, channel, queue);
    }

    /** Every row of every granularity, from one read of the store: the whole table, as small cells are protected over it. */
    public List<ReasonMetricsRow> allRows() {
        List<ReasonMetricsRow> all = new ArrayList<>();
        CountRows.REASONS.scanAll(store, rules.zone()).values().forEach(rows -> all.addAll(rows(rows, null, null)));
        return all;
    }

    /** The rows of one granularity's scanned parts; the rows of every reason give each row its interval's answered contacts. */
    private List<ReasonMetricsRow> rows(Map<IntervalKey, ReasonCounts> scanned, Channel channel, String queue) {
        Map<IntervalKey, Long> answeredInInterval = new HashMap<>();
        scanned.forEach((key, counts) -> {
            String[] series = key.series().split("\\|", -1);
            if (series[2].equals(CallerRules.ALL_REASONS)) {
                answeredInInterval.put(new IntervalKey(key.granularity(), key.intervalStartMillis(), series[0] + "|" + series[1]), counts.answered());
            }
        });
        List<ReasonMetricsRow> result = new ArrayList<>();
        scanned.forEach((key, counts) -> {
            String[] series = key.series().split("\\|", -1);
            Channel rowChannel = Channel.valueOf(series[0]);
            if (series[2].equals(CallerRules.ALL_REASONS) || channel != null && rowChannel != channel || queue != null && !queue.equals(series[1])) {
                return;
            }
            long answered = answeredInInterval.getOrDefault(new IntervalKey(key.granularity(), key.intervalStartMillis(), series[0] + "|" + series[1]), 0L);
            result.add(new ReasonMetricsRow(rowChannel, series[1], key.granularity(),
                    Instant.ofEpochMilli(key.intervalStartMillis()).atZone(rules.zone()).toOffsetDateTime(), series[2], counts, answered));
        });
        result.sort(Comparator.comparing((ReasonMetricsRow r) -> r.intervalStart().toInstant()).thenComparing(ReasonMetricsRow::channel)
                .thenComparing(ReasonMetricsRow::queue).thenComparing(ReasonMetricsRow::reason));
        return result;
    }
}
