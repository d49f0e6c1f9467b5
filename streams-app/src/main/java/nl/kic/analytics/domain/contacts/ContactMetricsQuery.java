package nl.kic.analytics.domain.contacts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
        List<ContactMetricsRow> result = new ArrayList<>();
        Map<IntervalKey, ContactIntervalStats> totals = new LinkedHashMap<>();
        for (KeyValue<IntervalKey, ContactIntervalStats> kv : IntervalRows.scan(store, ContactIntervalStats.CODEC, zone, granularity, from, to)) {
            IntervalKey key = kv.key;
            Channel rowChannel = Contribution.channelOf(key.series());
            if (channel != null && rowChannel != channel) {
                continue;
            }
            ContactIntervalStats stats = kv.value;
            String rowQueue = Contribution.queueOf(key.series());
            if (queue == null || queue.equals(rowQueue)) {
                result.add(row(rowChannel, rowQueue, key, stats));
            }
            if (queue == null || queue.equals(ContactMetricsRow.ALL_QUEUES)) {
                IntervalKey allKey = new IntervalKey(key.granularity(), key.intervalStartMillis(), rowChannel.name());
                totals.computeIfAbsent(allKey, k -> new ContactIntervalStats()).merge(stats);
            }
        }
        totals.forEach((key, stats) -> result.add(row(Channel.valueOf(key.series()), ContactMetricsRow.ALL_QUEUES, key, stats)));
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

    private ContactMetricsRow row(Channel channel, String queue, IntervalKey key, ContactIntervalStats stats) {
        return new ContactMetricsRow(channel, queue, key.granularity(),
                Instant.ofEpochMilli(key.intervalStartMillis()).atZone(zone).toOffsetDateTime(),
                ContactFigures.of(stats, definitions));
    }
}
