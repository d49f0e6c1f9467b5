package nl.kic.analytics.app;

/**
 * What one answer read from standby replicas instead of active instances: how many partitions, and
 * how many records the furthest behind of them lagged its changelog. Standbys are read only where
 * {@code kic.query.standby-max-lag-records} allows it; an answer that read none is not stale.
 */
public final class Staleness {
    private int standbyPartitions;
    private long maxLagRecords;

    /** One partition was read from a standby that was {@code lagRecords} behind. */
    synchronized void standbyRead(long lagRecords) {
        standbyPartitions++;
        maxLagRecords = Math.max(maxLagRecords, lagRecords);
    }

    public synchronized boolean stale() {
        return standbyPartitions > 0;
    }

    public synchronized int standbyPartitions() {
        return standbyPartitions;
    }

    public synchronized long maxLagRecords() {
        return maxLagRecords;
    }
}
