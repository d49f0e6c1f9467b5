package nl.kic.analytics.platform.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days and the deadline arithmetic of the e-mailgedragslijn. Working days are Monday to
 * Friday except the Dutch public holidays (Nieuwjaarsdag, Eerste and Tweede Paasdag, Koningsdag,
 * Hemelvaartsdag, Eerste and Tweede Pinksterdag, Eerste and Tweede Kerstdag; Goede Vrijdag and
 * Bevrijdingsdag switchable) and extra closure days. Holidays in a weekend are not moved; Koningsdag
 * is 26 April when 27 April is a Sunday.
 *
 * <p>Deadline clock: mail received on a working day in [opening, closing) starts the clock at
 * receipt; before opening on a working day, at opening that day; otherwise at opening of the next
 * working day. A deadline of N working days lies N working days after the clock start, at the same
 * local time.
 */
public final class WorkingDayCalendar {
    private final ZoneId zone;
    private final LocalTime opening;
    private final LocalTime closing;
    private final boolean goodFridayIsHoliday;
    private final boolean liberationDayIsHoliday;
    private final Set<LocalDate> extraClosureDays;
    private final Map<Integer, Map<LocalDate, String>> holidaysByYear = new ConcurrentHashMap<>();

    public WorkingDayCalendar(ZoneId zone, LocalTime opening, LocalTime closing, boolean goodFridayIsHoliday,
                              boolean liberationDayIsHoliday, Set<LocalDate> extraClosureDays) {
        this.zone = zone;
        this.opening = opening;
        this.closing = closing;
        this.goodFridayIsHoliday = goodFridayIsHoliday;
        this.liberationDayIsHoliday = liberationDayIsHoliday;
        this.extraClosureDays = Set.copyOf(extraClosureDays);
    }

    /** Opening time on working days. */
    public LocalTime opening() {
        return opening;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** The public holidays of a year that are days off by this calendar's settings, by date, with their Dutch names. */
    public Map<LocalDate, String> holidays(int year) {
        return holidaysByYear.computeIfAbsent(year, y -> {
            Map<LocalDate, String> days = new TreeMap<>();
            LocalDate easter = easterSunday(y);
            days.put(LocalDate.of(y, Month.JANUARY, 1), "Nieuwjaarsdag");
            if (goodFridayIsHoliday) {
                days.put(easter.minusDays(2), "Goede Vrijdag");
            }
            days.put(easter, "Eerste Paasdag");
            days.put(easter.plusDays(1), "Tweede Paasdag");
            LocalDate kingsDay = LocalDate.of(y, Month.APRIL, 27);
            days.put(kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY ? kingsDay.minusDays(1) : kingsDay, "Koningsdag");
            if (liberationDayIsHoliday) {
                days.put(LocalDate.of(y, Month.MAY, 5), "Bevrijdingsdag");
            }
            days.put(easter.plusDays(39), "Hemelvaartsdag");
            days.put(easter.plusDays(49), "Eerste Pinksterdag");
            days.put(easter.plusDays(50), "Tweede Pinksterdag");
            days.put(LocalDate.of(y, Month.DECEMBER, 25), "Eerste Kerstdag");
            days.put(LocalDate.of(y, Month.DECEMBER, 26), "Tweede Kerstdag");
            return Map.copyOf(days);
        });
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY
                && !holidays(date.getYear()).containsKey(date) && !extraClosureDays.contains(date);
    }

    /** A closure day of the settings (kic.calendar.extra-closure-days), beyond the public holidays. */
    public boolean isClosureDay(LocalDate date) {
        return extraClosureDays.contains(date);
    }

    /** Whether the contact centre is open at this instant: a working day, within opening hours. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isWorkingDay(local.toLocalDate()) && !time.isBefore(opening) && time.isBefore(closing);
    }

    /** When the deadline clock of mail received at {@code received} starts. */
    public ZonedDateTime clockStart(Instant received) {
        ZonedDateTime local = received.atZone(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (isWorkingDay(date) && !time.isBefore(opening) && time.isBefore(closing)) {
            return local;
        }
        if (isWorkingDay(date) && time.isBefore(opening)) {
            return date.atTime(opening).atZone(zone);
        }
        return nextWorkingDay(date).atTime(opening).atZone(zone);
    }

    /** The deadline {@code workingDays} working days after the clock start of mail received at {@code received}. */
    public Instant deadline(Instant received, int workingDays) {
        ZonedDateTime start = clockStart(received);
        LocalDate date = start.toLocalDate();
        for (int i = 0; i < workingDays; i++) {
            date = nextWorkingDay(date);
        }
        return date.atTime(start.toLocalTime()).atZone(zone).toInstant();
    }

    /** Whole working days from the clock start of mail received at {@code received} until {@code now}. */
    public int workingDaysElapsed(Instant received, Instant now) {
        ZonedDateTime start = clockStart(received);
        LocalDate date = start.toLocalDate();
        int elapsed = 0;
        while (true) {
            date = nextWorkingDay(date);
            if (date.atTime(start.toLocalTime()).atZone(zone).toInstant().isAfter(now)) {
                return elapsed;
            }
            elapsed++;
        }
    }

    private LocalDate nextWorkingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
