package nl.kic.analytics.aggregation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.contacts.ContactChange;
import nl.kic.analytics.contacts.ContactTopology;
import nl.kic.analytics.contacts.Contribution;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies contact changes to the interval rows of every granularity: the old contribution is
 * retracted, the new one added. Rows are table rows, not closing windows: a late event updates its
 * interval whenever it arrives. A row that no contact counts in any more is deleted. The ALL rows are
 * not stored; queries merge the queue rows (see {@link ContactMetricsQuery}).
 */
public final class IntervalAggregator implements Processor<String, ContactChange, Void, Void> {
    private final ZoneId zone;
    private final long fineRetentionMillis;
    private final Duration purgeInterval;
    private KeyValueStore<Bytes, byte[]> rows;

    public IntervalAggregator(ZoneId zone, Duration fineRetention, Duration purgeInterval) {
        this.zone = zone;
        this.fineRetentionMillis = fineRetention.toMillis();
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rows = context.getStateStore(ContactTopology.INTERVAL_STORE);
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, this::purgeFineRows);
    }

    @Override
    public void process(Record<String, ContactChange> record) {
        ContactChange change = record.value();
        if (change.before() != null) {
            apply(change.before(), -1);
        }
        if (change.after() != null) {
            apply(change.after(), +1);
        }
    }

    private void apply(Contribution contribution, int sign) {
        for (Granularity granularity : Granularity.values()) {
            long start = granularity.intervalStartMillis(contribution.contactTimeMillis(), zone);
            Bytes key = new IntervalKey(granularity, start, contribution.channel(), contribution.queue()).toBytes();
            byte[] stored = rows.get(key);
            IntervalStats stats = stored == null ? new IntervalStats() : IntervalStats.fromBytes(stored);
            stats.add(contribution, sign);
            if (stats.isEmpty()) {
                rows.delete(key);
            } else {
                rows.put(key, stats.toBytes());
            }
        }
    }

    private void purgeFineRows(long streamTime) {
        long cutoff = streamTime - fineRetentionMillis;
        for (Granularity granularity : Granularity.values()) {
            if (!granularity.isFine()) {
                continue;
            }
            List<Bytes> expired = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = rows.range(
                    IntervalKey.lowerBound(granularity, Long.MIN_VALUE), IntervalKey.upperBound(granularity, cutoff - 1))) {
                it.forEachRemaining(kv -> expired.add(kv.key));
            }
            expired.forEach(rows::delete);
        }
    }
}
