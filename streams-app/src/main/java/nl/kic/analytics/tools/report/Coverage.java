package nl.kic.analytics.tools.report;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import nl.kic.analytics.platform.time.WorkingDayCalendar;

/**
 * How much of a period a channel's figures cover, measured from the figures themselves: the days on
 * which data was expected (the calendar's working days, or every day, closure days never), the days
 * that have a {@code day} row, the events of the period that were refused (too late, implausibly old,
 * in the future, an invalid name; {@code null} where unknown, as from an instance's API), and whether
 * the period ends after the date of the figures' clock. Only a complete period may be compared.
 */
record Coverage(ReportChannel channel, ReportPeriod period, int daysExpected, int daysWithData, Long refusedEvents,
                boolean endsAfterClock, LocalDate firstDayWithData, LocalDate lastDayWithData) {

    static Coverage of(ReportChannel channel, ReportPeriod period, Set<LocalDate> daysWithData, boolean everyDay,
                       WorkingDayCalendar calendar, Map<LocalDate, Long> refusedByDay, LocalDate clockDate) {
        int expected = 0;
        int withData = 0;
        long refused = 0;
        LocalDate first = null;
        LocalDate last = null;
        for (LocalDate day = period.start(); day.isBefore(period.end()); day = day.plusDays(1)) {
            boolean expectedDay = everyDay ? !calendar.isClosureDay(day) : calendar.isWorkingDay(day);
            boolean hasData = daysWithData.contains(day);
            if (expectedDay) {
                expected++;
                if (hasData) {
                    withData++;
                }
            }
            if (hasData) {
                first = first == null ? day : first;
                last = day;
            }
            if (refusedByDay != null) {
                refused += refusedByDay.getOrDefault(day, 0L);
            }
        }
        boolean endsAfterClock = period.end().minusDays(1).isAfter(clockDate);
        return new Coverage(channel, period, expected, withData, refusedByDay == null ? null : refused, endsAfterClock, first, last);
    }

    /** Any figure at all: a channel without one says "geen gegevens", never 0. */
    boolean hasData() {
        return firstDayWithData != null;
    }

    /** Every expected day has data, no event of the period was refused (as far as known), and the period has ended by the clock. */
    boolean complete() {
        return hasData() && daysWithData == daysExpected && (refusedEvents == null || refusedEvents == 0) && !endsAfterClock;
    }

    /** Whether the refused events are known: a report may only be final when they are. */
    boolean refusedKnown() {
        return refusedEvents != null;
    }
}
