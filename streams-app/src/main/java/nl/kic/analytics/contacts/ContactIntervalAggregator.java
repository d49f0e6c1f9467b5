package nl.kic.analytics.contacts;

import java.time.Duration;
import java.time.ZoneId;
import nl.kic.analytics.contacts.ContactTopology;
import nl.kic.analytics.contacts.Contribution;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.core.IntervalRows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies contact changes to the interval rows of every granularity: the old contribution is
 * retracted, the new one added. The ALL rows are not stored; queries merge the queue rows
 * (see {@link ContactMetricsQuery}).
 */
public final class ContactIntervalAggregator implements Processor<String, Change<Contribution>, Void, Void> {
    private final ZoneId zone;
    private final long fineRetentionMillis;
    private final Duration purgeInterval;
    private IntervalRows<ContactIntervalStats> rows;

    public ContactIntervalAggregator(ZoneId zone, Duration fineRetention, Duration purgeInterval) {
        this.zone = zone;
        this.fineRetentionMillis = fineRetention.toMillis();
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rows = new IntervalRows<>(context.getStateStore(ContactTopology.INTERVAL_STORE), zone, ContactIntervalStats.CODEC);
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, streamTime -> rows.purgeFineRowsBefore(streamTime - fineRetentionMillis));
    }

    @Override
    public void process(Record<String, Change<Contribution>> record) {
        Contribution before = record.value().before();
        Contribution after = record.value().after();
        if (before != null && after != null && before.queueKey().equals(after.queueKey())
                && before.contactTimeMillis() == after.contactTimeMillis()) {
            // The same rows: one update each, and the longest wait stays exact when only the talk time came in.
            rows.update(after.queueKey(), after.contactTimeMillis(), stats -> stats.change(before, after));
            return;
        }
        if (before != null) {
            rows.update(before.queueKey(), before.contactTimeMillis(), stats -> stats.change(before, null));
        }
        if (after != null) {
            rows.update(after.queueKey(), after.contactTimeMillis(), stats -> stats.change(null, after));
        }
    }
}
