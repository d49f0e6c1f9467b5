package nl.kic.analytics.aggregation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads interval rows from the {@code contact-interval-store} and adds the ALL rows by merging the
 * queue rows of each (channel, interval). Used by the HTTP API and by {@code replay}'s CSV alike.
 */
public final class ContactMetricsQuery {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final ZoneId zone;
    private final ContactFigures.Definitions definitions;

    public ContactMetricsQuery(ReadOnlyKeyValueStore<Bytes, byte[]> store, ZoneId zone, ContactFigures.Definitions definitions) {
        this.store = store;
        this.zone = zone;
        this.definitions = definitions;
    }

    /**
     * Rows of one granularity with an interval start in [from, to), ordered by interval, channel
     * and queue. A null bound is open; a null channel means both; a null queue means every queue
     * and ALL, {@code ALL} only the totals.
     */
    public List<ContactMetricsRow> rows(Granularity granularity, Instant from, Instant to, Channel channel, String queue) {
        Bytes lower = IntervalKey.lowerBound(granularity, from == null ? Long.MIN_VALUE : from.toEpochMilli());
        Bytes upper = IntervalKey.upperBound(granularity, to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1);
        List<ContactMetricsRow> result = new ArrayList<>();
        Map<IntervalKey, IntervalStats> totals = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(lower, upper)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                IntervalKey key = IntervalKey.fromBytes(kv.key);
                if (channel != null && key.channel() != channel) {
                    continue;
                }
                IntervalStats stats = IntervalStats.fromBytes(kv.value);
                if (queue == null || queue.equals(key.queue())) {
                    result.add(row(key, stats));
                }
                if (queue == null || queue.equals(ContactMetricsRow.ALL_QUEUES)) {
                    IntervalKey allKey = new IntervalKey(key.granularity(), key.intervalStartMillis(), key.channel(), ContactMetricsRow.ALL_QUEUES);
                    totals.computeIfAbsent(allKey, k -> new IntervalStats()).merge(stats);
                }
            }
        }
        totals.forEach((key, stats) -> result.add(row(key, stats)));
        result.sort(Comparator.comparing((ContactMetricsRow r) -> r.intervalStart().toInstant())
                .thenComparing(ContactMetricsRow::channel)
                .thenComparing(ContactMetricsRow::queue));
        return result;
    }

    /** Every row of every granularity, for the CSV of a replay. */
    public List<ContactMetricsRow> allRows() {
        List<ContactMetricsRow> result = new ArrayList<>();
        for (Granularity granularity : Granularity.values()) {
            result.addAll(rows(granularity, null, null, null, null));
        }
        return result;
    }

    private ContactMetricsRow row(IntervalKey key, IntervalStats stats) {
        return new ContactMetricsRow(key.channel(), key.queue(), key.granularity(),
                Instant.ofEpochMilli(key.intervalStartMillis()).atZone(zone).toOffsetDateTime(),
                ContactFigures.of(stats, definitions));
    }
}
