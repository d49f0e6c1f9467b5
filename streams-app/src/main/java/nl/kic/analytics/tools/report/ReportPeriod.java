package nl.kic.analytics.tools.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.platform.time.Granularity;

/**
 * The period of a report: a calendar year (shown per month) or a calendar month (shown per day),
 * in the zone of the figures.
 */
public record ReportPeriod(int year, Integer month) {

    /** {@code 2023} or {@code 2023-03}; anything else is refused with the reason. */
    public static ReportPeriod parse(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{4}")) {
                return new ReportPeriod(Integer.parseInt(t), null);
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(t);
                return new ReportPeriod(ym.getYear(), ym.getMonthValue());
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("unknown period '" + text + "': give a year (2023) or a month (2023-03)");
    }

    public boolean isYear() {
        return month == null;
    }

    /** The granularity of the period as a whole. */
    public Granularity whole() {
        return isYear() ? Granularity.YEAR : Granularity.MONTH;
    }

    /** The granularity of the rows of the period's tables and charts. */
    public Granularity parts() {
        return isYear() ? Granularity.MONTH : Granularity.DAY;
    }

    public LocalDate start() {
        return isYear() ? LocalDate.of(year, 1, 1) : LocalDate.of(year, month, 1);
    }

    /** The first day after the period. */
    public LocalDate end() {
        return isYear() ? start().plusYears(1) : start().plusMonths(1);
    }

    /** The month before a month, or the year before a year. */
    public ReportPeriod before() {
        if (isYear()) {
            return previous();
        }
        LocalDate earlier = start().minusMonths(1);
        return new ReportPeriod(earlier.getYear(), earlier.getMonthValue());
    }

    /** The 13 months that end with the last month of this period, oldest first: the span of a trend line. */
    public List<ReportPeriod> trendMonths() {
        List<ReportPeriod> months = new ArrayList<>();
        LocalDate last = end().minusMonths(1);
        for (int back = 12; back >= 0; back--) {
            LocalDate month = last.minusMonths(back);
            months.add(new ReportPeriod(month.getYear(), month.getMonthValue()));
        }
        return months;
    }

    /** The same period a year earlier. */
    public ReportPeriod previous() {
        return new ReportPeriod(year - 1, month);
    }

    /** The starts of the period's parts: its months, or its days. */
    public List<LocalDate> partStarts() {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = start(); d.isBefore(end()); d = isYear() ? d.plusMonths(1) : d.plusDays(1)) {
            starts.add(d);
        }
        return starts;
    }

    /** The same part a year earlier, or null where there is none (29 February). */
    public static LocalDate yearEarlier(LocalDate partStart, boolean day) {
        LocalDate earlier = partStart.minusYears(1);
        return day && earlier.getDayOfMonth() != partStart.getDayOfMonth() ? null : earlier;
    }

    /** As written in the CSV and the manifest: 2023, 2023-03. */
    public String key() {
        return isYear() ? Integer.toString(year) : String.format("%04d-%02d", year, month);
    }

    /** A part's key: 2023-03 for a month, 2023-03-05 for a day. */
    public String partKey(LocalDate partStart) {
        return isYear() ? partStart.toString().substring(0, 7) : partStart.toString();
    }
}
