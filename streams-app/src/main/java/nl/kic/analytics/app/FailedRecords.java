package nl.kic.analytics.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The input records of this instance whose processing failed with an unexpected exception, by where
 * they were read. The first failure fails the task: Kafka Streams then goes back to the last commit
 * and, under exactly-once, no part of the failed attempt remains. A record that fails again after
 * that recovery is a poison record: its next attempt is dead-lettered as {@code processing_error}
 * before any processor touches state ({@link RecordGuard}), so that one bad record can never stop
 * the pipeline. Kept in memory: after a restart a poison record fails once more, then is set aside.
 */
public final class FailedRecords {
    /** Where a record was read. */
    public record Source(String topic, int partition, long offset) {
    }

    /** Failures remembered at most; the oldest are forgotten first (they have long been retried). */
    private static final int REMEMBERED = 10_000;

    private final Map<Source, Integer> failures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Source, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<Source, String> poison = new ConcurrentHashMap<>();

    /** Notes a failure of the record; true when it had failed before, so that it is poison from now on. */
    public synchronized boolean failed(Source source, String error) {
        int count = failures.merge(source, 1, Integer::sum);
        if (count >= 2) {
            poison.put(source, error);
            return true;
        }
        return false;
    }

    /** The error that made the record poison, or null when it is not. */
    public String poisonError(String topic, int partition, long offset) {
        if (poison.isEmpty()) {
            return null; // nearly always: no lookup, no allocation
        }
        return poison.get(new Source(topic, partition, offset));
    }

    public Set<Source> poisonRecords() {
        return Set.copyOf(poison.keySet());
    }
}
