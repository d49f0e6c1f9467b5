package nl.kic.analytics.domain.callers;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Rows of counts (the caller rows, the reason rows) in one task's store: per (day, week or month,
 * series) the sum of what its caller states add. Each task holds a part of every row (a caller lives
 * in one partition); a query sums the parts of all partitions, which counts allow since every caller
 * state is counted in one of them only. A row is its counts as varints after a format version.
 *
 * @param storedFor the stored rows a row of a granularity is the sum of: caller rows are stored per day, week and
 *                  month (callers are not additive over days: one caller in two days is one in their week), a year
 *                  summed from its months; reason rows count contacts, which are additive, so only days are stored
 * @param <T> the counts of a row
 */
public record CountRows<T>(String what, int formatVersion, int oldestFormatVersion, T zero, BinaryOperator<T> plus,
                           BinaryOperator<T> minus, Function<T, long[]> values, Function<long[], T> fromValues, int valueCount,
                           Function<Granularity, Granularity> storedFor) {

    public static final CountRows<CallerCounts> CALLERS = new CountRows<>("caller row", 1, 1, CallerCounts.NONE, CallerCounts::plus,
            CallerCounts::minus, c -> new long[] {c.callers(), c.reached(), c.reachedFirstAttempt(), c.reachedWithin1WorkingDay(),
                c.stillOpen(), c.neverReached(), c.attempts(), c.attempts1(), c.attempts2(), c.attempts3(), c.attempts4(), c.attempts5to9(),
                c.attempts10plus(), c.repeatAfterAnswer(), c.unidentifiedContacts(), c.openAttempts(), c.truncatedCallers()},
            v -> new CallerCounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]),
            17, asked -> asked == Granularity.YEAR ? Granularity.MONTH : asked);

    /** Version 2 keeps day rows only (the values are as in 1); a store of version 1 also has week and month rows, deleted at the first start. */
    public static final CountRows<ReasonCounts> REASONS = new CountRows<>("reason row", 2, 1, ReasonCounts.NONE, ReasonCounts::plus,
            ReasonCounts::minus, c -> new long[] {c.contacts(), c.answered(), c.answeredWithKey(), c.repeatAfterAnswer(), c.talkMillis(),
                c.talked()},
            v -> new ReasonCounts(v[0], v[1], v[2], v[3], v[4], v[5]), 6, asked -> Granularity.DAY);

    /** The granularities whose rows are stored: the rest are summed from them. */
    public List<Granularity> storedGranularities() {
        return ALL_GRANULARITIES.stream().filter(g -> storedFor.apply(g) == g).toList();
    }

    private static final List<Granularity> ALL_GRANULARITIES = List.of(Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR);

    /** Moves a task's rows from what a caller state added ({@code was}) to what it adds now ({@code is}). */
    void replace(KeyValueStore<Bytes, byte[]> store, Map<IntervalKey, T> was, Map<IntervalKey, T> is) {
        Set<IntervalKey> keys = new HashSet<>(was.keySet());
        keys.addAll(is.keySet());
        for (IntervalKey key : keys) {
            T delta = minus.apply(is.getOrDefault(key, zero), was.getOrDefault(key, zero));
            if (!delta.equals(zero)) {
                add(store, key, delta);
            }
        }
    }

    /** Adds {@code delta} to a row of the task's part; a part that becomes zero is deleted. */
    private void add(KeyValueStore<Bytes, byte[]> store, IntervalKey key, T delta) {
        Bytes bytes = key.toBytes();
        byte[] stored = store.get(bytes);
        T sum = plus.apply(stored == null ? zero : decode(stored), delta);
        if (sum.equals(zero)) {
            store.delete(bytes);
        } else {
            store.put(bytes, encode(sum));
        }
    }

    /**
     * The rows of one granularity with a start in [from, to) (null bounds open), each the sum of its
     * parts: of every partition, and of the stored rows of its intervals ({@link #storedFor}).
     */
    public List<KeyValue<IntervalKey, T>> scan(ReadOnlyKeyValueStore<Bytes, byte[]> store, ZoneId zone, Granularity granularity,
                                               Instant from, Instant to) {
        Granularity stored = storedFor.apply(granularity);
        Instant lower = from == null ? null : granularity.startAtOrAfter(from, zone);
        Instant upper = to == null ? null : granularity.startAtOrAfter(to, zone);
        Map<IntervalKey, T> rows = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(
                IntervalKey.lowerBound(stored, lower == null ? Long.MIN_VALUE : lower.toEpochMilli()),
                IntervalKey.upperBound(stored, upper == null ? Long.MAX_VALUE : upper.toEpochMilli() - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                IntervalKey part = IntervalKey.fromBytes(kv.key);
                IntervalKey key = new IntervalKey(granularity, granularity.intervalStartMillis(part.intervalStartMillis(), zone), part.series());
                rows.merge(key, decode(kv.value), plus);
            }
        }
        List<KeyValue<IntervalKey, T>> result = new ArrayList<>(rows.size());
        rows.forEach((key, value) -> result.add(KeyValue.pair(key, value)));
        return result;
    }

    /**
     * Every row of every granularity (day, week, month, year), each the sum of its parts, from ONE read
     * of the store: a day row and its month then come from the same moment, so that they add up.
     */
    public Map<Granularity, Map<IntervalKey, T>> scanAll(ReadOnlyKeyValueStore<Bytes, byte[]> store, ZoneId zone) {
        Map<Granularity, Map<IntervalKey, T>> rows = new LinkedHashMap<>();
        for (Granularity granularity : ALL_GRANULARITIES) {
            rows.put(granularity, new LinkedHashMap<>());
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                IntervalKey part = IntervalKey.fromBytes(kv.key);
                T value = decode(kv.value);
                for (Granularity granularity : ALL_GRANULARITIES) {
                    if (storedFor.apply(granularity) == part.granularity()) {
                        IntervalKey key = granularity == part.granularity() ? part
                                : new IntervalKey(granularity, granularity.intervalStartMillis(part.intervalStartMillis(), zone), part.series());
                        rows.get(granularity).merge(key, value, plus);
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Deletes the stored rows of granularities no longer stored (summed from others since): what a
     * store of an earlier format has beyond what this one keeps.
     */
    void deleteUnstored(KeyValueStore<Bytes, byte[]> store) {
        for (Granularity granularity : List.of(Granularity.DAY, Granularity.WEEK, Granularity.MONTH)) {
            if (storedFor.apply(granularity) == granularity) {
                continue;
            }
            List<Bytes> unstored = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = store.range(IntervalKey.lowerBound(granularity, Long.MIN_VALUE),
                    IntervalKey.upperBound(granularity, Long.MAX_VALUE))) {
                it.forEachRemaining(kv -> unstored.add(kv.key));
            }
            unstored.forEach(store::delete);
        }
    }

    byte[] encode(T counts) {
        BinaryWriter out = new BinaryWriter(4 + 2 * valueCount).writeByte(formatVersion);
        for (long value : values.apply(counts)) {
            out.writeVarLong(value);
        }
        return out.toByteArray();
    }

    T decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        BinarySerde.readVersion(in, oldestFormatVersion, formatVersion, what);
        long[] v = new long[valueCount];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readVarLong();
        }
        return fromValues.apply(v);
    }
}
