package nl.kic.analytics.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import nl.kic.analytics.domain.forecast.Backtest.Horizon;
import nl.kic.analytics.domain.forecast.Backtest.Method;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

class BacktestTest {
    private static final WorkingDayCalendar CALENDAR = KicConfig.defaults().calendar();
    private static final Predicate<LocalDate> CLOSED = d -> CALENDAR.holidays(d.getYear()).containsKey(d) || CALENDAR.isClosureDay(d);

    @Test
    void originsAreTheMondaysFromEightWeeksAfterTheHistoryStartsOrWithLessHistoryFromOneWeek() {
        // Wednesday 4 January + 8 weeks = Wednesday 1 March: the Mondays 6 … 27 March before 3 April.
        assertThat(Backtest.origins(LocalDate.of(2023, 1, 4), LocalDate.of(2023, 4, 3)))
                .containsExactly(LocalDate.of(2023, 3, 6), LocalDate.of(2023, 3, 13), LocalDate.of(2023, 3, 20), LocalDate.of(2023, 3, 27));
        // Wednesday 1 March: 8 weeks would pass 3 April, so from 1 week after it, Wednesday 8 March: Mondays 13, 20, 27.
        assertThat(Backtest.origins(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 4, 3)))
                .containsExactly(LocalDate.of(2023, 3, 13), LocalDate.of(2023, 3, 20), LocalDate.of(2023, 3, 27));
        // The anonymous bank: history from Monday 1 February 1999, forecast from 22 February: two origins.
        assertThat(Backtest.origins(LocalDate.of(1999, 2, 1), LocalDate.of(1999, 2, 22)))
                .containsExactly(LocalDate.of(1999, 2, 8), LocalDate.of(1999, 2, 15));
    }

    @Test
    void theSeasonalNaiveForecastRepeatsTheLastWeekBeforeTheOriginAndSkipsAClosedDay() {
        LocalDate origin = LocalDate.of(2023, 5, 1);
        // Wednesday 10 May (day 10): the Wednesday of the week before the origin, 26 April.
        assertThat(Backtest.naiveReference(LocalDate.of(2023, 5, 10), origin, LocalDate.of(2023, 1, 2), CLOSED))
                .isEqualTo(LocalDate.of(2023, 4, 26));
        // Thursday 4 May: the Thursday before the origin is Koningsdag (27 April), so the one before, 20 April.
        assertThat(Backtest.naiveReference(LocalDate.of(2023, 5, 4), origin, LocalDate.of(2023, 1, 2), CLOSED))
                .isEqualTo(LocalDate.of(2023, 4, 20));
        assertThat(Backtest.naiveReference(LocalDate.of(2023, 5, 4), origin, LocalDate.of(2023, 4, 21), CLOSED)).isNull();
    }

    /**
     * One slot (09:00) on working days. Weeks 1–8 from Monday 2 January 2023 hold 10, 14, 14, 10, 10, 14,
     * 14, 10 a day: symmetric in time, so the level is flat at their mean, 12, and every weekday's factor 1.
     * The week of the one origin, Monday 27 February, holds 15 a day; the forecast starts 6 March.
     */
    @Test
    void scoresOfOneOriginWorkedByHand() {
        LocalDate start = LocalDate.of(2023, 1, 2);
        LocalDate origin = LocalDate.of(2023, 2, 27);
        long[] weeks = {10, 14, 14, 10, 10, 14, 14, 10, 15};
        CountSeries series = new CountSeries();
        for (int week = 0; week < weeks.length; week++) {
            for (int day = 0; day < 5; day++) {
                series.add(start.plusWeeks(week).plusDays(day), 36, weeks[week]);
            }
        }
        Backtest.Result result = Backtest.run(Map.of("CALL", series), LocalDate.of(2023, 3, 6), CLOSED);
        assertThat(result.origins()).containsExactly(origin);
        assertThat(result.historyStart()).isEqualTo(start);

        // Chosen: 12 a day against 15, error 3; naive: last week's 10, error 5. Five days of 15: 75.
        Backtest.Scores chosen = result.methods().get(Method.CHOSEN).get(Horizon.WEEK1);
        Backtest.Scores naive = result.methods().get(Method.SEASONAL_NAIVE).get(Horizon.WEEK1);
        assertThat(chosen.wape15m()).isCloseTo(15.0 / 75, within(1e-12));
        assertThat(chosen.wapeDay()).isCloseTo(15.0 / 75, within(1e-12));
        assertThat(naive.wape15m()).isCloseTo(25.0 / 75, within(1e-12));
        // The in-sample naive error: weeks 2–8 each against the week before, 4, 0, 4, 0, 4, 0, 4: mean 16/7.
        assertThat(chosen.maseDay()).isCloseTo(3 / (16.0 / 7), within(1e-12));
        assertThat(naive.maseDay()).isCloseTo(5 / (16.0 / 7), within(1e-12));
        assertThat(result.methods().get(Method.CHOSEN).get(Horizon.DAY1).wape15m()).isCloseTo(3.0 / 15, within(1e-12));
        assertThat(chosen.intervals()).isEqualTo(5);
        assertThat(chosen.days()).isEqualTo(5);
        // Poisson floor: E|X − 12| for X Poisson(12), summed here term by term, five times over 75.
        assertThat(chosen.poissonFloor15m()).isCloseTo(5 * poissonMeanAbsoluteDeviationBySum(12) / 75, within(1e-12));
        assertThat(chosen.poissonFloorDay()).isCloseTo(5 * poissonMeanAbsoluteDeviationBySum(12) / 75, within(1e-12));
        assertThat(naive.poissonFloor15m()).isCloseTo(5 * poissonMeanAbsoluteDeviationBySum(10) / 75, within(1e-12));
        // No origin before this one: no interval, so no coverage; the naive method never has one.
        assertThat(chosen.coverage80()).isNull();
        assertThat(naive.coverage80()).isNull();
        assertThat(result.methods().get(Method.CHOSEN).get(Horizon.WEEKS2_6).wape15m()).isNull();
        assertThat(result.methods().get(Method.CHOSEN).get(Horizon.WEEKS2_6).intervals()).isZero();
    }

    @Test
    void poissonDeviationInClosedFormEqualsTheSum() {
        assertThat(PoissonDeviation.meanAbsoluteDeviation(1)).isCloseTo(2 * Math.exp(-1), within(1e-12));
        assertThat(PoissonDeviation.meanAbsoluteDeviation(0.5)).isCloseTo(Math.exp(-0.5), within(1e-12));
        for (double lambda : new double[] {0.3, 2.7, 12, 40.5, 300}) {
            assertThat(PoissonDeviation.meanAbsoluteDeviation(lambda)).as("λ = " + lambda)
                    .isCloseTo(poissonMeanAbsoluteDeviationBySum(lambda), within(1e-9));
        }
        assertThat(PoissonDeviation.meanAbsoluteDeviation(0)).isZero();
    }

    /** Σ |k − λ|·P(k), the probabilities by the recursion P(k) = P(k − 1)·λ/k from the mode down and up. */
    private static double poissonMeanAbsoluteDeviationBySum(double lambda) {
        int mode = (int) Math.floor(lambda);
        double logMode = -lambda + mode * Math.log(lambda);
        for (int k = 2; k <= mode; k++) {
            logMode -= Math.log(k);
        }
        double sum = 0;
        double p = Math.exp(logMode);
        for (int k = mode; k >= 0; k--) {
            sum += Math.abs(k - lambda) * p;
            p = p * k / lambda;
        }
        p = Math.exp(logMode);
        for (int k = mode + 1; k < mode + 2000; k++) {
            p = p * lambda / k;
            sum += Math.abs(k - lambda) * p;
        }
        return sum;
    }

    /**
     * 100 residuals of a forecast of 100 (scale √100 = 10) with actuals 50 … 149, that is scaled
     * residuals −5.0 … 4.9: at tail α the bounds are ⌊50 + 99α⌋ and ⌈149 − 99α⌉. They hold 80 of the
     * actuals for α in [10/99, 11/99) (60 … 139), 78 from 11/99 on: the rule takes α just below 11/99,
     * whose scaled quantiles are just below −3.9 and just above 3.8, and so 60 … 139.
     */
    @Test
    void theIntervalRuleCoversEightyPercentOfTheResidualsItWasFittedTo() {
        double[] forecasts = new double[100];
        long[] actuals = new long[100];
        for (int i = 0; i < 100; i++) {
            forecasts[i] = 100;
            actuals[i] = 50 + i;
        }
        IntervalRule rule = IntervalRule.fit(forecasts, actuals, 100);
        assertThat(rule.lower(100)).isEqualTo(60);
        assertThat(rule.upper(100)).isEqualTo(139);
        assertThat(rule.tail()).isCloseTo(11.0 / 99, within(1e-4)); // bisected to within 0.5 / 2^16
        // A forecast of 25 (scale 5): ⌊25 − 5·3.9…⌋ = ⌊5.5⌋ = 5, ⌈25 + 5·3.8…⌉ = ⌈44.0…⌉ = 45.
        assertThat(rule.lower(25)).isEqualTo(5);
        assertThat(rule.upper(25)).isEqualTo(45);
        assertThat(IntervalRule.fit(forecasts, actuals, IntervalRule.MIN_RESIDUALS - 1)).as("too few residuals").isNull();
    }

    @Test
    void coverageIsMeasuredOnlyWithResidualsOfEarlierOriginsOnEarlierDays() {
        // 20 weeks of 3 slots a working day: enough origins for earlier residuals to exist.
        LocalDate start = LocalDate.of(2023, 1, 2);
        CountSeries series = new CountSeries();
        Random random = new Random(7);
        for (LocalDate day = start; day.isBefore(LocalDate.of(2023, 5, 22)); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5 && !CLOSED.test(day)) {
                for (int slot = 36; slot < 39; slot++) {
                    series.add(day, slot, 20 + random.nextInt(11));
                }
            }
        }
        Backtest.Result result = Backtest.run(Map.of("CALL", series), LocalDate.of(2023, 5, 22), CLOSED);
        // Origins 27 February … 15 May (12); the first has no earlier residuals. With 3 slots a day, the
        // 50 residuals of week 1 needed for an interval are there only after 4 origins' weeks.
        assertThat(result.origins()).hasSize(12);
        Backtest.Scores week1 = result.methods().get(Method.CHOSEN).get(Horizon.WEEK1);
        assertThat(week1.coverage80()).isNotNull();
        assertThat(week1.coverage80()).isBetween(0.5, 1.0);
        assertThat(result.rule("CALL", 3)).isNotNull();
        assertThat(result.toMap()).containsEntry("origin_count", 12);
        Map<?, ?> methods = (Map<?, ?>) result.toMap().get("methods");
        assertThat(List.<Object>copyOf(methods.keySet())).containsExactly("chosen", "seasonal_naive");
        assertThat(List.<Object>copyOf(((Map<?, ?>) methods.get("chosen")).keySet())).containsExactly("day1", "week1", "weeks2_6");
    }
}
