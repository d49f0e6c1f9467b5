package nl.kic.analytics.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDayCalendarTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static WorkingDayCalendar calendar(boolean goodFriday, boolean liberationDay, Set<LocalDate> extra) {
        return new WorkingDayCalendar(AMSTERDAM, LocalTime.of(9, 0), LocalTime.of(17, 0), goodFriday, liberationDay, extra);
    }

    private static final WorkingDayCalendar DEFAULT = calendar(false, true, Set.of());

    /** The official days off as published on rijksoverheid.nl, with Goede Vrijdag and Bevrijdingsdag. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2022, 2022-01-01, 2022-04-15, 2022-04-17, 2022-04-18, 2022-04-27, 2022-05-05, 2022-05-26, 2022-06-05, 2022-06-06, 2022-12-25, 2022-12-26",
            "2023, 2023-01-01, 2023-04-07, 2023-04-09, 2023-04-10, 2023-04-27, 2023-05-05, 2023-05-18, 2023-05-28, 2023-05-29, 2023-12-25, 2023-12-26",
            "2024, 2024-01-01, 2024-03-29, 2024-03-31, 2024-04-01, 2024-04-27, 2024-05-05, 2024-05-09, 2024-05-19, 2024-05-20, 2024-12-25, 2024-12-26",
            "2025, 2025-01-01, 2025-04-18, 2025-04-20, 2025-04-21, 2025-04-26, 2025-05-05, 2025-05-29, 2025-06-08, 2025-06-09, 2025-12-25, 2025-12-26",
            "2026, 2026-01-01, 2026-04-03, 2026-04-05, 2026-04-06, 2026-04-27, 2026-05-05, 2026-05-14, 2026-05-24, 2026-05-25, 2026-12-25, 2026-12-26",
            "2027, 2027-01-01, 2027-03-26, 2027-03-28, 2027-03-29, 2027-04-27, 2027-05-05, 2027-05-06, 2027-05-16, 2027-05-17, 2027-12-25, 2027-12-26",
    })
    void holidaysAreThePublishedOnes(int year, LocalDate newYear, LocalDate goodFriday, LocalDate easter, LocalDate easterMonday,
                                     LocalDate kingsDay, LocalDate liberationDay, LocalDate ascension, LocalDate whitSunday,
                                     LocalDate whitMonday, LocalDate christmas, LocalDate boxingDay) {
        Map<LocalDate, String> expected = new TreeMap<>(Map.of(
                newYear, "Nieuwjaarsdag", goodFriday, "Goede Vrijdag", easter, "Eerste Paasdag", easterMonday, "Tweede Paasdag",
                kingsDay, "Koningsdag", liberationDay, "Bevrijdingsdag", ascension, "Hemelvaartsdag",
                whitSunday, "Eerste Pinksterdag", whitMonday, "Tweede Pinksterdag", christmas, "Eerste Kerstdag"));
        expected.put(boxingDay, "Tweede Kerstdag");
        assertThat(new TreeMap<>(calendar(true, true, Set.of()).holidays(year))).isEqualTo(expected);
    }

    /** Easter Sunday as the church calendars publish it: 2000 to 2035, and the earliest and latest dates it can fall on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08",
            "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05",
            "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
            "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13",
            "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25",
            "1818-03-22", "2285-03-22", "1943-04-25", "2038-04-25",
    })
    void easterSundayIsThePublishedDate(LocalDate easter) {
        assertThat(WorkingDayCalendar.easterSunday(easter.getYear())).isEqualTo(easter);
    }

    @Test
    void easterSundayAgreesWithGausssMethodFrom1583To4099() {
        for (int year = 1583; year <= 4099; year++) {
            assertThat(WorkingDayCalendar.easterSunday(year)).as("%d", year).isEqualTo(easterByGauss(year));
        }
    }

    /** Gauss's Easter method for the Gregorian calendar, with its two exceptions: a second method to compare with. */
    private static LocalDate easterByGauss(int year) {
        int a = year % 19;
        int b = year % 4;
        int c = year % 7;
        int k = year / 100;
        int p = (13 + 8 * k) / 25;
        int q = k / 4;
        int m = (15 - p + k - q) % 30;
        int n = (4 + k - q) % 7;
        int d = (19 * a + m) % 30;
        int e = (2 * b + 4 * c + 6 * d + n) % 7;
        if (d == 29 && e == 6) {
            return LocalDate.of(year, 4, 19);
        }
        if (d == 28 && e == 6 && (11 * m + 11) % 30 < 19) {
            return LocalDate.of(year, 4, 18);
        }
        return LocalDate.of(year, 3, 22).plusDays(d + e);
    }

    @Test
    void goodFridayIsAWorkingDayAndLiberationDayADayOffByDefault() {
        assertThat(DEFAULT.isWorkingDay(LocalDate.of(2023, 4, 7))).isTrue();   // Goede Vrijdag
        assertThat(DEFAULT.isWorkingDay(LocalDate.of(2023, 5, 5))).isFalse();  // Bevrijdingsdag, a Friday
        assertThat(calendar(true, false, Set.of()).isWorkingDay(LocalDate.of(2023, 4, 7))).isFalse();
        assertThat(calendar(true, false, Set.of()).isWorkingDay(LocalDate.of(2023, 5, 5))).isTrue();
        assertThat(calendar(false, true, Set.of(LocalDate.of(2023, 6, 2))).isWorkingDay(LocalDate.of(2023, 6, 2))).isFalse();
        // Koningsdag 2025 falls on Saturday 26 April (27 April is a Sunday): Friday 25 April works.
        assertThat(DEFAULT.isWorkingDay(LocalDate.of(2025, 4, 25))).isTrue();
    }

    private static String deadline(WorkingDayCalendar calendar, String received, int workingDays) {
        Instant deadline = calendar.deadline(OffsetDateTime.parse(received).toInstant(), workingDays);
        return deadline.atZone(AMSTERDAM).toOffsetDateTime().toString();
    }

    @ParameterizedTest(name = "{0}: received {1}, {2} working days")
    @CsvSource({
            "Friday evening starts Monday 09:00,            2023-03-03T18:30+01:00, 2, 2023-03-08T09:00+01:00",
            "before opening starts at 09:00 that day,       2023-03-07T07:00+01:00, 2, 2023-03-09T09:00+01:00",
            "17:00 exactly is after closing,                2023-03-07T17:00+01:00, 2, 2023-03-10T09:00+01:00",
            "16:59 starts at receipt,                       2023-03-07T16:59+01:00, 2, 2023-03-09T16:59+01:00",
            "on Koningsdag starts the next working day,     2023-04-27T10:00+02:00, 2, 2023-05-02T09:00+02:00",
            "Thursday before Easter skips Easter Monday,    2023-04-06T14:00+02:00, 2, 2023-04-11T14:00+02:00",
            "over Christmas,                                2023-12-22T16:59+01:00, 2, 2023-12-28T16:59+01:00",
            "across the spring DST change,                  2023-03-24T10:00+01:00, 2, 2023-03-28T10:00+02:00",
            "across the autumn DST change,                  2023-10-27T10:00+02:00, 2, 2023-10-31T10:00+01:00",
            "complex over Koningsdag and Bevrijdingsdag,    2023-04-24T10:00+02:00, 10, 2023-05-10T10:00+02:00",
            "on a Sunday,                                   2023-03-05T12:00+01:00, 2, 2023-03-08T09:00+01:00",
    })
    void deadlines(String description, String received, int workingDays, String expected) {
        assertThat(deadline(DEFAULT, received, workingDays)).isEqualTo(expected);
    }

    @Test
    void goodFridayAsHolidayMovesTheEasterDeadlineADay() {
        assertThat(deadline(calendar(true, true, Set.of()), "2023-04-06T14:00+02:00", 2)).isEqualTo("2023-04-12T14:00+02:00");
    }

    @Test
    void workingDaysElapsedCountsWholeWorkingDaysSinceTheClockStart() {
        Instant received = OffsetDateTime.parse("2023-03-03T18:30+01:00").toInstant(); // clock starts Mon 6 March 09:00
        assertThat(DEFAULT.workingDaysElapsed(received, OffsetDateTime.parse("2023-03-06T10:00+01:00").toInstant())).isZero();
        assertThat(DEFAULT.workingDaysElapsed(received, OffsetDateTime.parse("2023-03-07T09:00+01:00").toInstant())).isEqualTo(1);
        assertThat(DEFAULT.workingDaysElapsed(received, OffsetDateTime.parse("2023-03-13T08:59+01:00").toInstant())).isEqualTo(4);
        assertThat(DEFAULT.workingDaysElapsed(received, OffsetDateTime.parse("2023-03-01T08:59+01:00").toInstant())).isZero();
    }

    @Test
    void openingIsTheConfiguredTime() {
        assertThat(DEFAULT.opening()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void openOnlyOnWorkingDaysWithinOpeningHours() {
        assertThat(DEFAULT.isOpen(OffsetDateTime.parse("2023-03-07T09:00+01:00").toInstant())).isTrue();
        assertThat(DEFAULT.isOpen(OffsetDateTime.parse("2023-03-07T17:00+01:00").toInstant())).isFalse();
        assertThat(DEFAULT.isOpen(OffsetDateTime.parse("2023-04-10T10:00+02:00").toInstant())).isFalse(); // Tweede Paasdag
        assertThat(DEFAULT.isOpen(OffsetDateTime.parse("2023-03-04T10:00+01:00").toInstant())).isFalse(); // Saturday
    }
}
