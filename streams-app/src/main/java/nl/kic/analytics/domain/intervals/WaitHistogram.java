package nl.kic.analytics.domain.intervals;

import java.util.Arrays;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;

/**
 * Counts of waits in logarithmic buckets, so that percentiles by nearest rank come out within 1%
 * relative error whatever the number of contacts, and two histograms (two queues) can be merged.
 * Counts are exact and can be decremented: a contact whose outcome changes is retracted.
 * Bucket {@code i} holds waits in (γ^(i-1), γ^i] milliseconds with γ = (1+α)/(1-α), α = 0.99%;
 * its representative value 2γ^i/(γ+1) lies within α of every wait in it. Waits of 0 ms have their own count.
 */
public final class WaitHistogram {
    static final double RELATIVE_ACCURACY = 0.0099;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private long zeroCount;
    private int[] indexes = new int[0];
    private int[] counts = new int[0];

    public void add(long waitMillis, long count) {
        if (waitMillis <= 0) {
            zeroCount += count;
            return;
        }
        addToBucket((int) Math.ceil(Math.log(waitMillis) / LOG_GAMMA), count);
    }

    public void merge(WaitHistogram other) {
        zeroCount += other.zeroCount;
        for (int i = 0; i < other.indexes.length; i++) {
            addToBucket(other.indexes[i], other.counts[i]);
        }
    }

    private void addToBucket(int index, long count) {
        int at = Arrays.binarySearch(indexes, index);
        if (at < 0) {
            insert(-at - 1, index, count);
        } else {
            counts[at] = Math.toIntExact(counts[at] + count);
            if (counts[at] == 0) {
                remove(at);
            }
        }
    }

    /** Whether it holds no count at all (a bucket whose count returns to zero is removed). */
    public boolean isEmpty() {
        return zeroCount == 0 && counts.length == 0;
    }

    public long count() {
        long total = zeroCount;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /**
     * The wait at nearest rank ⌈p·n⌉ (p50 of {10 s, 20 s} is 10 s), in milliseconds within 1%;
     * -1 when empty.
     */
    public double percentileMillis(double p) {
        long n = count();
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = zeroCount;
        if (seen >= rank) {
            return 0;
        }
        // The counts add up to n >= rank, so the walk ends inside the buckets.
        int i = -1;
        while (seen < rank) {
            seen += counts[++i];
        }
        return representative(indexes[i]);
    }

    /** The representative value of the highest non-empty bucket; -1 when empty. */
    public double maxMillis() {
        if (indexes.length > 0) {
            return representative(indexes[indexes.length - 1]);
        }
        return zeroCount > 0 ? 0 : -1;
    }

    private static double representative(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    private void insert(int at, int index, long count) {
        if (count == 0) {
            return;
        }
        int[] newIndexes = new int[indexes.length + 1];
        int[] newCounts = new int[counts.length + 1];
        System.arraycopy(indexes, 0, newIndexes, 0, at);
        System.arraycopy(counts, 0, newCounts, 0, at);
        newIndexes[at] = index;
        newCounts[at] = Math.toIntExact(count);
        System.arraycopy(indexes, at, newIndexes, at + 1, indexes.length - at);
        System.arraycopy(counts, at, newCounts, at + 1, counts.length - at);
        indexes = newIndexes;
        counts = newCounts;
    }

    private void remove(int at) {
        int[] newIndexes = new int[indexes.length - 1];
        int[] newCounts = new int[counts.length - 1];
        System.arraycopy(indexes, 0, newIndexes, 0, at);
        System.arraycopy(counts, 0, newCounts, 0, at);
        System.arraycopy(indexes, at + 1, newIndexes, at, indexes.length - at - 1);
        System.arraycopy(counts, at + 1, newCounts, at, counts.length - at - 1);
        indexes = newIndexes;
        counts = newCounts;
    }

    /** The most bytes {@link #writeTo} writes. */
    public int maxEncodedBytes() {
        return 20 + 8 * indexes.length;
    }

    /** Bucket indexes and counts as fixed-width ints: rows are read and written whole on every update. */
    public void writeTo(BinaryWriter out) {
        out.writeVarLong(zeroCount).writeVarLong(indexes.length);
        out.writeFixedInts(indexes, indexes.length).writeFixedInts(counts, counts.length);
    }

    public static WaitHistogram readFrom(BinaryReader in) {
        WaitHistogram h = new WaitHistogram();
        h.zeroCount = in.readVarLong();
        int n = in.readVarInt();
        h.indexes = in.readFixedInts(n);
        h.counts = in.readFixedInts(n);
        return h;
    }
}
