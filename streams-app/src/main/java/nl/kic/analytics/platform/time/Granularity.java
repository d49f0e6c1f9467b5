package nl.kic.analytics.platform.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;

/**
 * The calendar intervals of the interval figures, in local time of the configured zone
 * (Europe/Amsterdam). Interval starts are instants: the doubled 02:00 hour on the last Sunday of
 * October gives two distinct 15-minute and hour intervals (02:00+02:00 and 02:00+01:00), and a DST
 * day lasts 23 or 25 hours.
 */
public enum Granularity {
    FIFTEEN_MINUTES("15m"),
    HOUR("hour"),
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    YEAR("year");

    private final String label;

    Granularity(String label) {
        this.label = label;
    }

    /** The name used in the CSV output and the HTTP API: {@code 15m}, {@code hour}, … */
    public String label() {
        return label;
    }

    public static Granularity fromLabel(String label) {
        return Arrays.stream(values())
                .filter(g -> g.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown granularity; expected one of 15m, hour, day, week, month, year"));
    }

    /** Whether rows of this granularity are purged after the fine-interval retention (400 days). */
    public boolean isFine() {
        return this == FIFTEEN_MINUTES || this == HOUR;
    }

    /**
     * The granularity whose stored rows make up this one's: only 15-minute and day rows are stored,
     * and they tile the others (an hour is four quarters, also in the doubled hour; a week, month and
     * year are whole local days). Each change then updates two rows, not six, and the rows with the
     * most histogram buckets stay out of the per-event path; a year is summed from at most 366 rows
     * when it is asked for.
     */
    public Granularity storedIn() {
        return switch (this) {
            case FIFTEEN_MINUTES, HOUR -> FIFTEEN_MINUTES;
            case DAY, WEEK, MONTH, YEAR -> DAY;
        };
    }

    /** The first interval start at or after {@code instant}. */
    public Instant startAtOrAfter(Instant instant, ZoneId zone) {
        ZonedDateTime start = intervalStart(instant, zone);
        return start.toInstant().equals(instant) ? instant : next(start).toInstant();
    }

    /** The start of the interval that contains {@code instant}. */
    public ZonedDateTime intervalStart(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        // truncatedTo and withMinute keep the offset inside the doubled hour, so 02:15+01:00
        // stays in the second 02:00 interval.
        return switch (this) {
            case FIFTEEN_MINUTES -> local.truncatedTo(ChronoUnit.HOURS).withMinute(local.getMinute() / 15 * 15);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.toLocalDate().atStartOfDay(zone);
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            case YEAR -> local.toLocalDate().withDayOfYear(1).atStartOfDay(zone);
        };
    }

    /** The start of the interval after the one that starts at {@code start}: where that one ends. */
    public ZonedDateTime next(ZonedDateTime start) {
        // Minutes and hours are added on the time-line (a DST day has 23 or 25 hours); days and
        // longer on the local calendar.
        return switch (this) {
            case FIFTEEN_MINUTES -> start.plusMinutes(15);
            case HOUR -> start.plusHours(1);
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(start.getZone());
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone());
            case YEAR -> start.toLocalDate().plusYears(1).atStartOfDay(start.getZone());
        };
    }

    public long intervalStartMillis(long epochMillis, ZoneId zone) {
        return intervalStart(Instant.ofEpochMilli(epochMillis), zone).toInstant().toEpochMilli();
    }
}
