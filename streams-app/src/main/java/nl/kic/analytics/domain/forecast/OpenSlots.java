package nl.kic.analytics.domain.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * The weekdays and 15-minute slots in which a channel is open: those with at least one contact in
 * any of the 8 weeks before a date. Learned from the data, not from a Dutch week or a phone schedule:
 * a data set may have other working days. Closed days (holidays) have no contacts and add nothing.
 */
public final class OpenSlots {
    public static final int WEEKS = 8;

    private final boolean[][] open = new boolean[7][CountSeries.SLOTS];

    private OpenSlots() {
    }

    /** The open slots of {@code series} by its days in [before − 8 weeks, before), closed days left out. */
    public static OpenSlots before(CountSeries series, LocalDate before, Predicate<LocalDate> closedDay) {
        OpenSlots result = new OpenSlots();
        for (LocalDate day = before.minusWeeks(WEEKS); day.isBefore(before); day = day.plusDays(1)) {
            if (closedDay.test(day)) {
                continue;
            }
            int weekday = day.getDayOfWeek().getValue() - 1;
            for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
                if (series.count(day, slot) > 0) {
                    result.open[weekday][slot] = true;
                }
            }
        }
        return result;
    }

    public boolean isOpen(DayOfWeek weekday, int slot) {
        return open[weekday.getValue() - 1][slot];
    }

    /** Whether any slot of this weekday is open. */
    public boolean isOpen(DayOfWeek weekday) {
        for (boolean slot : open[weekday.getValue() - 1]) {
            if (slot) {
                return true;
            }
        }
        return false;
    }
}
