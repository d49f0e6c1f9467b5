package nl.kic.analytics.domain.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The compact records of one task's contacts or e-mails whose full state has gone: kept until their
 * last event lies the retention of the 15-minute rows before the clock, when any further event of
 * theirs would be too late anyway. A purge reads the records only when one may be due, so that a
 * store holding a year of records is not read every purge interval.
 */
public final class CompactRecords<S> {
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final KeyValueStore<String, S> store;
    private final ToLongFunction<S> lastEventMillis;
    /** The earliest last event of the records, or UNKNOWN until a purge has read them. */
    private long oldestMillis = UNKNOWN;

    public CompactRecords(KeyValueStore<String, S> store, ToLongFunction<S> lastEventMillis) {
        this.store = store;
        this.lastEventMillis = lastEventMillis;
    }

    public S get(String key) {
        return store.get(key);
    }

    /** The record goes: its contact or e-mail has full state again. */
    public void delete(String key) {
        store.delete(key);
    }

    public void put(String key, S record) {
        store.put(key, record);
        if (oldestMillis != UNKNOWN) {
            oldestMillis = Math.min(oldestMillis, lastEventMillis.applyAsLong(record));
        }
    }

    /** Drops the records whose last event lies before {@code cutoffMillis}. */
    public void purgeBefore(long cutoffMillis) {
        if (oldestMillis != UNKNOWN && oldestMillis >= cutoffMillis) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, S> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, S> kv = it.next();
                long last = lastEventMillis.applyAsLong(kv.value);
                if (last < cutoffMillis) {
                    expired.add(kv.key);
                } else {
                    oldest = Math.min(oldest, last);
                }
            }
        }
        expired.forEach(store::delete);
        oldestMillis = oldest;
    }
}
