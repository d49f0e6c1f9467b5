package nl.kic.analytics.aggregation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interval rows of one kind of figures (contacts, e-mail) in a key-value store: a change to a
 * series at an event time updates the rows of every granularity; a row that becomes empty is
 * deleted; 15-minute and hour rows expire. Rows are table rows, not closing windows: a late event
 * updates its interval whenever it arrives.
 *
 * @param <S> the additive state of one row
 */
public final class IntervalRows<S> {

    /** How a row's state is created, stored and judged empty. */
    public interface Codec<S> {
        S empty();

        S decode(byte[] bytes);

        byte[] encode(S state);

        boolean isEmpty(S state);
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final ZoneId zone;
    private final Codec<S> codec;

    public IntervalRows(KeyValueStore<Bytes, byte[]> store, ZoneId zone, Codec<S> codec) {
        this.store = store;
        this.zone = zone;
        this.codec = codec;
    }

    /** Applies {@code change} to the row of every granularity that contains {@code eventTimeMillis}. */
    public void update(String series, long eventTimeMillis, Consumer<S> change) {
        for (Granularity granularity : Granularity.values()) {
            long start = granularity.intervalStartMillis(eventTimeMillis, zone);
            Bytes key = new IntervalKey(granularity, start, series).toBytes();
            byte[] stored = store.get(key);
            S state = stored == null ? codec.empty() : codec.decode(stored);
            change.accept(state);
            if (codec.isEmpty(state)) {
                store.delete(key);
            } else {
                store.put(key, codec.encode(state));
            }
        }
    }

    /** Deletes the 15-minute and hour rows of intervals that start before {@code cutoffMillis}. */
    public void purgeFineRowsBefore(long cutoffMillis) {
        for (Granularity granularity : Granularity.values()) {
            if (!granularity.isFine()) {
                continue;
            }
            List<Bytes> expired = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = store.range(
                    IntervalKey.lowerBound(granularity, Long.MIN_VALUE), IntervalKey.upperBound(granularity, cutoffMillis - 1))) {
                it.forEachRemaining(kv -> expired.add(kv.key));
            }
            expired.forEach(store::delete);
        }
    }

    /** The rows of one granularity with an interval start in [from, to); null bounds are open. */
    public static List<KeyValue<IntervalKey, byte[]>> scan(ReadOnlyKeyValueStore<Bytes, byte[]> store,
                                                           Granularity granularity, Instant from, Instant to) {
        Bytes lower = IntervalKey.lowerBound(granularity, from == null ? Long.MIN_VALUE : from.toEpochMilli());
        Bytes upper = IntervalKey.upperBound(granularity, to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1);
        List<KeyValue<IntervalKey, byte[]>> rows = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(lower, upper)) {
            it.forEachRemaining(kv -> rows.add(KeyValue.pair(IntervalKey.fromBytes(kv.key), kv.value)));
        }
        return rows;
    }
}
