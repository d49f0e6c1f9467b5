package nl.kic.analytics.domain.forecast;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one series (a channel, or one of its queues) per local day and 15-minute slot of the
 * day (slot = minutes since local midnight ÷ 15, 0–95). A day without an entry had no contacts.
 */
public final class CountSeries {
    public static final int SLOTS = 96;

    private final TreeMap<LocalDate, long[]> days = new TreeMap<>();

    /** Adds {@code count} to a day's slot (a 25-hour day adds its repeated hour's counts together). */
    public void add(LocalDate day, int slot, long count) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("slot must lie in [0, " + SLOTS + ")");
        }
        days.computeIfAbsent(day, d -> new long[SLOTS])[slot] += count;
    }

    /** The count of a day's slot; 0 when the day had none. */
    public long count(LocalDate day, int slot) {
        long[] counts = days.get(day);
        return counts == null ? 0 : counts[slot];
    }

    /** All slots of a day (a fresh array of zeros for a day without contacts). */
    public long[] day(LocalDate day) {
        long[] counts = days.get(day);
        return counts == null ? new long[SLOTS] : counts.clone();
    }

    /** The first day with a count, or null for an empty series. */
    public LocalDate firstDay() {
        return days.isEmpty() ? null : days.firstKey();
    }

    /** The days with counts, in order. */
    public Map<LocalDate, long[]> byDay() {
        return Collections.unmodifiableMap(days);
    }
}
