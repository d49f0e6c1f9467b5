package nl.kic.analytics.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Predicate;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

class WeeklyProfileForecastTest {
    private static final WorkingDayCalendar CALENDAR = KicConfig.defaults().calendar();
    private static final Predicate<LocalDate> CLOSED = d -> CALENDAR.holidays(d.getYear()).containsKey(d) || CALENDAR.isClosureDay(d);

    /**
     * A week that is not the Dutch one: open Tuesday to Saturday, each weekday with its own counts in
     * its own slots; Monday and Sunday closed.
     */
    private static final Map<DayOfWeek, Map<Integer, Long>> PROFILE = Map.of(
            DayOfWeek.TUESDAY, Map.of(36, 10L, 37, 8L, 38, 6L, 39, 4L),
            DayOfWeek.WEDNESDAY, Map.of(36, 7L, 37, 7L, 44, 3L),
            DayOfWeek.THURSDAY, Map.of(40, 5L, 41, 9L),
            DayOfWeek.FRIDAY, Map.of(36, 2L, 60, 1L),
            DayOfWeek.SATURDAY, Map.of(40, 12L, 41, 12L, 42, 6L));

    private static CountSeries handMade(LocalDate from, LocalDate until) {
        CountSeries series = new CountSeries();
        for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
            if (CLOSED.test(day)) {
                continue; // a public holiday: closed, no contacts
            }
            LocalDate d = day;
            PROFILE.getOrDefault(day.getDayOfWeek(), Map.of()).forEach((slot, count) -> series.add(d, slot, count));
        }
        return series;
    }

    @Test
    void aKnownWeeklyProfileWithHolidaysIsForecastExactlyAndAHolidayGetsNoForecast() {
        // History 7 February – 14 May 2023 holds Tweede Paasdag (Mon 10 April, closed anyway), Koningsdag
        // (Thu 27 April) with no contacts; a model that counted that Thursday would forecast Thursdays too low.
        LocalDate from = LocalDate.of(2023, 5, 15);
        CountSeries series = handMade(LocalDate.of(2023, 2, 7), from);
        OpenSlots open = OpenSlots.before(series, from, CLOSED);
        WeeklyProfileForecast model = WeeklyProfileForecast.fit(series, series.firstDay(), from, open, CLOSED);
        int forecastSlots = 0;
        for (LocalDate day = from; day.isBefore(from.plusWeeks(2)); day = day.plusDays(1)) {
            for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
                Double forecast = model.forecast(day, slot);
                Long expected = PROFILE.getOrDefault(day.getDayOfWeek(), Map.of()).get(slot);
                if (day.equals(LocalDate.of(2023, 5, 18))) {
                    assertThat(forecast).as("Hemelvaartsdag is closed").isNull();
                } else if (expected == null) {
                    assertThat(forecast).as(day + " slot " + slot + " is not open").isNull();
                } else {
                    assertThat(forecast).as(day + " slot " + slot).isCloseTo(expected, within(1e-9));
                    forecastSlots++;
                }
            }
        }
        // Two weeks of 14 open slots, less the Thursday of Hemelvaart (2 slots).
        assertThat(forecastSlots).isEqualTo(2 * 14 - 2);
        assertThat(open.isOpen(DayOfWeek.SATURDAY, 40)).isTrue();
        assertThat(open.isOpen(DayOfWeek.MONDAY)).isFalse();
        assertThat(model.slopePerDay()).isZero();
    }

    @Test
    void aSteadyLinearGrowthIsCarriedIntoTheForecast() {
        // Every open day's total grows by 1% of its start a day: y(d) = (100 + d) × F(weekday), one slot.
        LocalDate start = LocalDate.of(2023, 2, 6);
        LocalDate from = LocalDate.of(2023, 5, 15);
        double[] factor = {1.2, 1.0, 1.0, 1.0, 0.8, 0, 0};
        CountSeries series = new CountSeries();
        for (LocalDate day = start; day.isBefore(from); day = day.plusDays(1)) {
            int w = day.getDayOfWeek().getValue() - 1;
            if (!CLOSED.test(day) && factor[w] > 0) {
                // × 10, so that the counts are whole but for the factors' binary rounding
                series.add(day, 36, Math.round((100 + (day.toEpochDay() - start.toEpochDay())) * factor[w] * 10));
            }
        }
        OpenSlots open = OpenSlots.before(series, from, CLOSED);
        WeeklyProfileForecast model = WeeklyProfileForecast.fit(series, start, from, open, CLOSED);
        LocalDate friday = LocalDate.of(2023, 5, 26);
        // Friday 26 May is day 109 after 6 February: (100 + 109) × 0.8 × 10 = 1,672; Monday 22 May, day
        // 105: (100 + 105) × 1.2 × 10 = 2,460. Rounding the history to whole counts moves them by < 0.5.
        assertThat(model.forecast(friday, 36)).isCloseTo(1672.0, within(0.5));
        assertThat(model.forecast(LocalDate.of(2023, 5, 22), 36)).isCloseTo(2460.0, within(0.5));
    }
}
