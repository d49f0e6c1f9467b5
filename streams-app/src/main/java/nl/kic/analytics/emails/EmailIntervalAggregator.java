package nl.kic.analytics.emails;

import java.time.Duration;
import java.time.ZoneId;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.core.IntervalRows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Applies e-mail changes to the interval rows of every granularity, in the interval of RECEIVED. */
public final class EmailIntervalAggregator implements Processor<String, Change<EmailContribution>, Void, Void> {
    private final ZoneId zone;
    private final long fineRetentionMillis;
    private final Duration purgeInterval;
    private IntervalRows<EmailIntervalStats> rows;

    public EmailIntervalAggregator(ZoneId zone, Duration fineRetention, Duration purgeInterval) {
        this.zone = zone;
        this.fineRetentionMillis = fineRetention.toMillis();
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rows = new IntervalRows<>(context.getStateStore(EmailTopology.INTERVAL_STORE), zone, EmailIntervalStats.CODEC);
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, streamTime -> rows.purgeFineRowsBefore(streamTime - fineRetentionMillis));
    }

    @Override
    public void process(Record<String, Change<EmailContribution>> record) {
        Change<EmailContribution> change = record.value();
        if (change.before() != null) {
            rows.update(change.before().category(), change.before().receivedMillis(), stats -> stats.add(change.before(), -1));
        }
        if (change.after() != null) {
            rows.update(change.after().category(), change.after().receivedMillis(), stats -> stats.add(change.after(), +1));
        }
    }
}
