package nl.kic.analytics.domain.callers;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The caller rows of one task: per (day, week or month, series) the sum of what its caller states add.
 * Each task holds a part of every row (a caller lives in one partition); a query sums the parts of all
 * partitions, which the counts allow since every caller state is counted in one of them only.
 */
public final class CallerRowStore {
    public static final int FORMAT_VERSION = 1;

    private CallerRowStore() {
    }

    /** Adds {@code delta} to a row of the task's part; a part that becomes zero is deleted. */
    static void add(KeyValueStore<Bytes, byte[]> store, IntervalKey key, CallerCounts delta) {
        Bytes bytes = key.toBytes();
        byte[] stored = store.get(bytes);
        CallerCounts sum = (stored == null ? CallerCounts.NONE : decode(stored)).plus(delta);
        if (sum.isEmpty()) {
            store.delete(bytes);
        } else {
            store.put(bytes, encode(sum));
        }
    }

    /**
     * The rows of one granularity with a start in [from, to) (null bounds open), each the sum of its
     * parts: of every partition, and for a year of its months.
     */
    public static List<KeyValue<IntervalKey, CallerCounts>> scan(ReadOnlyKeyValueStore<Bytes, byte[]> store, ZoneId zone,
                                                                 Granularity granularity, Instant from, Instant to) {
        Granularity stored = granularity == Granularity.YEAR ? Granularity.MONTH : granularity;
        Instant lower = from == null ? null : granularity.startAtOrAfter(from, zone);
        Instant upper = to == null ? null : granularity.startAtOrAfter(to, zone);
        Map<IntervalKey, CallerCounts> rows = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(
                IntervalKey.lowerBound(stored, lower == null ? Long.MIN_VALUE : lower.toEpochMilli()),
                IntervalKey.upperBound(stored, upper == null ? Long.MAX_VALUE : upper.toEpochMilli() - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                IntervalKey part = IntervalKey.fromBytes(kv.key);
                IntervalKey key = new IntervalKey(granularity, granularity.intervalStartMillis(part.intervalStartMillis(), zone), part.series());
                rows.merge(key, decode(kv.value), CallerCounts::plus);
            }
        }
        List<KeyValue<IntervalKey, CallerCounts>> result = new ArrayList<>(rows.size());
        rows.forEach((key, value) -> result.add(KeyValue.pair(key, value)));
        return result;
    }

    static byte[] encode(CallerCounts c) {
        BinaryWriter out = new BinaryWriter(24).writeByte(FORMAT_VERSION);
        for (long value : new long[] {c.callers(), c.reached(), c.reachedFirstAttempt(), c.reachedWithin1WorkingDay(), c.stillOpen(),
                c.neverReached(), c.attempts(), c.attempts1(), c.attempts2(), c.attempts3(), c.attempts4(), c.attempts5to9(),
                c.attempts10plus(), c.repeatAfterAnswer(), c.unidentifiedContacts(), c.openAttempts(), c.truncatedCallers()}) {
            out.writeVarLong(value);
        }
        return out.toByteArray();
    }

    static CallerCounts decode(byte[] bytes) {
        BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "caller row");
        long[] v = new long[17];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readVarLong();
        }
        return new CallerCounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]);
    }
}
