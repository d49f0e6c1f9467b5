package nl.kic.analytics.domain.contacts;

import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.domain.intervals.WaitHistogram;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;

/**
 * The additive state of one interval row (channel, queue, granularity, interval): counts, sums and
 * wait histograms, to which a contact's contribution is added or from which it is retracted. Rows of
 * several queues merge into the ALL row. The figures (ratios, means, percentiles) are derived from it
 * by {@link ContactFigures}.
 */
public final class ContactIntervalStats {
    public static final int FORMAT_VERSION = 2;

    long offered;
    long answered;
    long abandoned;
    long shortAbandoned;
    long rejected;
    long open;
    long lost;
    long answeredWithinServiceLevel;
    long answeredWaitMillisSum;
    long abandonedWaitMillisSum;
    long talkMillisSum;
    long talkCount;
    /**
     * Longest wait of answered and abandoned contacts, or -1: exact, except after the contact holding
     * it changed its wait, when the next longest comes from the histogram (within 1%); see {@link #add}.
     */
    long maxWaitMillis = -1;
    final WaitHistogram answeredWaits;
    final WaitHistogram abandonedWaits;

    /** How rows are stored in the {@code contact-interval-store}. */
    public static final IntervalRows.Codec<ContactIntervalStats> CODEC = new IntervalRows.Codec<>() {
        @Override
        public ContactIntervalStats empty() {
            return new ContactIntervalStats();
        }

        @Override
        public ContactIntervalStats decode(byte[] bytes) {
            return fromBytes(bytes);
        }

        @Override
        public byte[] encode(ContactIntervalStats stats) {
            return stats.toBytes();
        }

        @Override
        public boolean isEmpty(ContactIntervalStats stats) {
            return stats.isEmpty();
        }

        @Override
        public void merge(ContactIntervalStats into, ContactIntervalStats other) {
            into.merge(other);
        }
    };

    public ContactIntervalStats() {
        this(new WaitHistogram(), new WaitHistogram());
    }

    private ContactIntervalStats(WaitHistogram answeredWaits, WaitHistogram abandonedWaits) {
        this.answeredWaits = answeredWaits;
        this.abandonedWaits = abandonedWaits;
    }

    /** Adds one contact's contribution. */
    public void add(Contribution c) {
        apply(c, +1, true);
    }

    /**
     * Retracts a contact's old contribution and adds its new one (either may be null), as one change.
     * When the wait stays what it was (the talk time came in), the longest wait stays exact.
     */
    public void change(Contribution before, Contribution after) {
        if (after != null) {
            apply(after, +1, true);
        }
        if (before != null) {
            boolean sameWaitStays = after != null && hasWait(after) && hasWait(before) && after.waitMillis() == before.waitMillis();
            apply(before, -1, !sameWaitStays);
        }
    }

    private static boolean hasWait(Contribution c) {
        return c.status() == Contribution.Status.ANSWERED || c.status() == Contribution.Status.ABANDONED;
    }

    private void apply(Contribution c, int sign, boolean maxWaitMayChange) {
        switch (c.status()) {
            case REJECTED -> rejected += sign;
            case OPEN -> {
                offered += sign;
                open += sign;
            }
            case LOST -> {
                offered += sign;
                lost += sign;
            }
            case ANSWERED -> {
                offered += sign;
                answered += sign;
                answeredWaitMillisSum += sign * c.waitMillis();
                answeredWaits.add(c.waitMillis(), sign);
                if (c.withinServiceLevel()) {
                    answeredWithinServiceLevel += sign;
                }
                if (c.talkMillis() >= 0) {
                    talkMillisSum += sign * c.talkMillis();
                    talkCount += sign;
                }
                if (maxWaitMayChange) {
                    updateMaxWait(c.waitMillis(), sign);
                }
            }
            case ABANDONED -> {
                offered += sign;
                abandoned += sign;
                if (c.shortAbandoned()) {
                    shortAbandoned += sign;
                }
                abandonedWaitMillisSum += sign * c.waitMillis();
                abandonedWaits.add(c.waitMillis(), sign);
                if (maxWaitMayChange) {
                    updateMaxWait(c.waitMillis(), sign);
                }
            }
        }
    }

    private void updateMaxWait(long waitMillis, int sign) {
        if (sign > 0) {
            maxWaitMillis = Math.max(maxWaitMillis, waitMillis);
        } else if (waitMillis >= maxWaitMillis) {
            // The longest wait was retracted (a contact's outcome changed). The next longest is not
            // kept exactly; take it from the histograms, within 1%.
            maxWaitMillis = Math.round(Math.max(answeredWaits.maxMillis(), abandonedWaits.maxMillis()));
        }
    }

    /** Adds another row of the same interval (another queue), for the ALL row. */
    public void merge(ContactIntervalStats other) {
        offered += other.offered;
        answered += other.answered;
        abandoned += other.abandoned;
        shortAbandoned += other.shortAbandoned;
        rejected += other.rejected;
        open += other.open;
        lost += other.lost;
        answeredWithinServiceLevel += other.answeredWithinServiceLevel;
        answeredWaitMillisSum += other.answeredWaitMillisSum;
        abandonedWaitMillisSum += other.abandonedWaitMillisSum;
        talkMillisSum += other.talkMillisSum;
        talkCount += other.talkCount;
        maxWaitMillis = Math.max(maxWaitMillis, other.maxWaitMillis);
        answeredWaits.merge(other.answeredWaits);
        abandonedWaits.merge(other.abandonedWaits);
    }

    /**
     * A row exists only while something counts in it. Every count, sum and histogram is zero: a part
     * of a row (one task's) can hold a change of a contact whose earlier contribution is in another
     * part, as after the upgrade from rows per queue, and then its offered count may be zero while the
     * rest is not. The longest wait is derived from the rest and not looked at.
     */
    public boolean isEmpty() {
        return offered == 0 && answered == 0 && abandoned == 0 && shortAbandoned == 0 && rejected == 0 && open == 0 && lost == 0
                && answeredWithinServiceLevel == 0 && answeredWaitMillisSum == 0 && abandonedWaitMillisSum == 0 && talkMillisSum == 0
                && talkCount == 0 && answeredWaits.isEmpty() && abandonedWaits.isEmpty();
    }

    public byte[] toBytes() {
        // Sized for the largest encoding: year rows hold hundreds of buckets, and growing the buffer copies it.
        BinaryWriter out = new BinaryWriter(1 + 13 * 10 + answeredWaits.maxEncodedBytes() + abandonedWaits.maxEncodedBytes())
                .writeByte(FORMAT_VERSION);
        for (long v : new long[] {offered, answered, abandoned, shortAbandoned, rejected, open, lost,
                answeredWithinServiceLevel, answeredWaitMillisSum, abandonedWaitMillisSum, talkMillisSum,
                talkCount, maxWaitMillis}) {
            out.writeVarLong(v);
        }
        answeredWaits.writeTo(out);
        abandonedWaits.writeTo(out);
        return out.toByteArray();
    }

    public static ContactIntervalStats fromBytes(byte[] bytes) {
        BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "interval stats");
        long[] v = new long[13];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readVarLong();
        }
        ContactIntervalStats s = new ContactIntervalStats(WaitHistogram.readFrom(in), WaitHistogram.readFrom(in));
        s.offered = v[0];
        s.answered = v[1];
        s.abandoned = v[2];
        s.shortAbandoned = v[3];
        s.rejected = v[4];
        s.open = v[5];
        s.lost = v[6];
        s.answeredWithinServiceLevel = v[7];
        s.answeredWaitMillisSum = v[8];
        s.abandonedWaitMillisSum = v[9];
        s.talkMillisSum = v[10];
        s.talkCount = v[11];
        s.maxWaitMillis = v[12];
        return s;
    }
}
