package nl.kic.analytics.domain.intervals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.platform.time.IntervalStarts;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interval rows of one kind of figures (contacts, e-mail) in a key-value store: a change to a
 * series at an event time updates its 15-minute and day rows; the other granularities are summed
 * from those when read (see {@link Granularity#storedIn()}). A row that becomes empty is deleted;
 * 15-minute rows expire. Rows are table rows, not closing windows: a late event updates its
 * interval whenever it arrives.
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

        /** Adds {@code other} (another queue, or a part of a longer interval) to {@code into}. */
        void merge(S into, S other);
    }

    private static final Granularity[] STORED = Arrays.stream(Granularity.values())
            .filter(g -> g.storedIn() == g).toArray(Granularity[]::new);

    private final KeyValueStore<Bytes, byte[]> store;
    private final ZoneId zone;
    private final Codec<S> codec;
    private final IntervalStarts starts;

    public IntervalRows(KeyValueStore<Bytes, byte[]> store, ZoneId zone, Codec<S> codec) {
        this.store = store;
        this.zone = zone;
        this.codec = codec;
        this.starts = new IntervalStarts(zone);
    }

    /** Applies {@code change} to the stored rows that contain {@code eventTimeMillis}. */
    public void update(String series, long eventTimeMillis, Consumer<S> change) {
        for (Granularity granularity : STORED) {
            long start = starts.startMillis(granularity, eventTimeMillis);
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

    /** Deletes the 15-minute rows (and so the hours) of intervals that start before {@code cutoffMillis}. */
    public void purgeFineRowsBefore(long cutoffMillis) {
        for (Granularity granularity : STORED) {
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

    /**
     * The rows of one granularity with an interval start in [from, to), null bounds open, in key
     * order of the stored rows: each row is the sum of the stored rows that make it up (one, for
     * a stored granularity).
     */
    public static <S> List<KeyValue<IntervalKey, S>> scan(ReadOnlyKeyValueStore<Bytes, byte[]> store, Codec<S> codec, ZoneId zone,
                                                          Granularity granularity, Instant from, Instant to) {
        Granularity stored = granularity.storedIn();
        // An interval's parts lie between its start and its end, and both bounds are interval starts.
        Instant lower = from == null ? null : granularity.startAtOrAfter(from, zone);
        Instant upper = to == null ? null : granularity.startAtOrAfter(to, zone);
        Map<IntervalKey, S> rows = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(
                IntervalKey.lowerBound(stored, lower == null ? Long.MIN_VALUE : lower.toEpochMilli()),
                IntervalKey.upperBound(stored, upper == null ? Long.MAX_VALUE : upper.toEpochMilli() - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                IntervalKey part = IntervalKey.fromBytes(kv.key);
                IntervalKey key = new IntervalKey(granularity, granularity.intervalStartMillis(part.intervalStartMillis(), zone), part.series());
                S value = codec.decode(kv.value);
                S sum = rows.putIfAbsent(key, value);
                if (sum != null) {
                    codec.merge(sum, value);
                }
            }
        }
        List<KeyValue<IntervalKey, S>> result = new ArrayList<>(rows.size());
        rows.forEach((key, value) -> result.add(KeyValue.pair(key, value)));
        return result;
    }
}
