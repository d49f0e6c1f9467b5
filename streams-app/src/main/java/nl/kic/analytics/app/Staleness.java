package nl.kic.analytics.app;

import java.util.HashSet;
import java.util.Set;

/**
 * What one answer read from standby replicas instead of active instances: how many partitions, and
 * how many records the furthest behind of them lagged its changelog. Standbys are read only where
 * {@code kic.query.standby-max-lag-records} allows it; an answer that read none is not stale.
 */
public final class Staleness {
    private final Set<Integer> standbyPartitions = new HashSet<>();
    private long maxLagRecords;

    /** Partition {@code partition} (of any store) was read from a standby that was {@code lagRecords} behind. */
    synchronized void standbyRead(int partition, long lagRecords) {
        standbyPartitions.add(partition);
        maxLagRecords = Math.max(maxLagRecords, lagRecords);
    }

    public synchronized boolean stale() {
        return !standbyPartitions.isEmpty();
    }

    /** How many partitions were read from a standby, in any of the stores the answer read. */
    public synchronized int standbyPartitions() {
        return standbyPartitions.size();
    }

    public synchronized long maxLagRecords() {
        return maxLagRecords;
    }
}
