package nl.kic.analytics.domain.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The compact records of one task's contacts or e-mails whose full state has gone: kept until their
 * last event lies the retention of the 15-minute rows before the clock, when any further event of
 * theirs would be too late anyway; what a kind keeps for a shorter while (a contact's caller key) is
 * forgotten at the first purge after its time. A purge reads the records only when one may be due,
 * so that a store holding a year of records is not read every purge interval.
 */
public final class CompactRecords<S> {
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final KeyValueStore<String, S> store;
    private final ToLongFunction<S> lastEventMillis;
    private final ToLongFunction<S> forgetAtMillis;
    private final UnaryOperator<S> forget;
    /** The earliest last event of the records, or UNKNOWN until a purge has read them. */
    private long oldestMillis = UNKNOWN;
    /** The earliest time a record has something to forget, or UNKNOWN until a purge has read them. */
    private long firstForgetMillis = UNKNOWN;

    public CompactRecords(KeyValueStore<String, S> store, ToLongFunction<S> lastEventMillis, ToLongFunction<S> forgetAtMillis,
                          UnaryOperator<S> forget) {
        this.store = store;
        this.lastEventMillis = lastEventMillis;
        this.forgetAtMillis = forgetAtMillis;
        this.forget = forget;
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
            firstForgetMillis = Math.min(firstForgetMillis, forgetAtMillis.applyAsLong(record));
        }
    }

    /** Drops the records whose last event lies before {@code cutoffMillis}, and forgets what is due at {@code forgetMillis}. */
    public void purge(long cutoffMillis, long forgetMillis) {
        if (oldestMillis != UNKNOWN && oldestMillis >= cutoffMillis && firstForgetMillis > forgetMillis) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        long firstForget = Long.MAX_VALUE;
        List<String> expired = new ArrayList<>();
        List<KeyValue<String, S>> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, S> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, S> kv = it.next();
                long last = lastEventMillis.applyAsLong(kv.value);
                if (last < cutoffMillis) {
                    expired.add(kv.key);
                    continue;
                }
                oldest = Math.min(oldest, last);
                if (forgetAtMillis.applyAsLong(kv.value) <= forgetMillis) {
                    forgotten.add(KeyValue.pair(kv.key, forget.apply(kv.value)));
                } else {
                    firstForget = Math.min(firstForget, forgetAtMillis.applyAsLong(kv.value));
                }
            }
        }
        expired.forEach(store::delete);
        forgotten.forEach(kv -> store.put(kv.key, kv.value));
        oldestMillis = oldest;
        firstForgetMillis = firstForget;
    }
}
