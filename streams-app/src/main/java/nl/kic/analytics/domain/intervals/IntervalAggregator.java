package nl.kic.analytics.domain.intervals;

import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies changes of contributions (a contact's, an e-mail's) to the interval rows of every
 * granularity: the old contribution is retracted from its rows, the new one added to its rows. When
 * both lie in the same rows (the same series and time), each row is updated once with both, so that
 * what a row keeps beyond sums (the longest wait) stays exact when, say, only the talk time came in.
 * The 15-minute rows older than their retention before stream time are purged every purge interval.
 *
 * @param <C> the contribution
 * @param <S> the additive state of a row
 */
public final class IntervalAggregator<C, S> implements Processor<String, Change<C>, Void, Void> {

    /**
     * What the aggregator needs to know of one kind of contribution: the store of its rows and their
     * codec, the series a contribution counts in ({@code CALL|asiel}, a category), the event time that
     * places it in its intervals (OFFERED, RECEIVED), and how a row's state changes from one
     * contribution to another (either may be null: nothing).
     */
    public record Rows<C, S>(String storeName, IntervalRows.Codec<S> codec, Function<C, String> series, ToLongFunction<C> timeMillis,
                             Apply<C, S> apply) {
    }

    /** Changes a row's state from {@code before} to {@code after}. */
    public interface Apply<C, S> {
        void apply(S state, C before, C after);
    }

    private final Rows<C, S> kind;
    private final ZoneId zone;
    private final long fineRetentionMillis;
    private final Duration purgeInterval;
    private final boolean purges;
    private IntervalRows<S> rows;

    /**
     * {@code purges}: whether this aggregator purges the rows; of two aggregators of one store (the
     * changes of the task and those an earlier version left, see EntityTopology) one does.
     */
    public IntervalAggregator(Rows<C, S> kind, ZoneId zone, Duration fineRetention, Duration purgeInterval, boolean purges) {
        this.kind = kind;
        this.zone = zone;
        this.fineRetentionMillis = fineRetention.toMillis();
        this.purgeInterval = purgeInterval;
        this.purges = purges;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rows = new IntervalRows<>(context.getStateStore(kind.storeName()), zone, kind.codec());
        if (purges) {
            context.schedule(purgeInterval, PunctuationType.STREAM_TIME, streamTime -> rows.purgeFineRowsBefore(streamTime - fineRetentionMillis));
        }
    }

    @Override
    public void process(Record<String, Change<C>> record) {
        C before = record.value().before();
        C after = record.value().after();
        if (before != null && after != null && kind.series().apply(before).equals(kind.series().apply(after))
                && kind.timeMillis().applyAsLong(before) == kind.timeMillis().applyAsLong(after)) {
            rows.update(kind.series().apply(after), kind.timeMillis().applyAsLong(after), state -> kind.apply().apply(state, before, after));
            return;
        }
        if (before != null) {
            rows.update(kind.series().apply(before), kind.timeMillis().applyAsLong(before), state -> kind.apply().apply(state, before, null));
        }
        if (after != null) {
            rows.update(kind.series().apply(after), kind.timeMillis().applyAsLong(after), state -> kind.apply().apply(state, null, after));
        }
    }
}
