package nl.kic.analytics.domain.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The forecast method (docs/forecast.md): a day's total is its weekday's factor times a level with
 * a trend, and a 15-minute slot gets the day total times its weekday's intraday share.
 *
 * <ul>
 *   <li>Training days: the last {@value #WINDOW_WEEKS} weeks before the origin (or all history if
 *   shorter), public holidays and closure days left out, so that a closed day neither lowers its
 *   weekday's level nor its share.</li>
 *   <li>Weekday factors and the level are fitted together for y(d) = (a + b·d)·F(weekday of d),
 *   alternating: F(w) = Σ y ÷ Σ (a + b·d) over the training days of weekday w, then (a, b) by least
 *   squares on y(d) ÷ F(w), five rounds. A weekday without contacts gets factor 0.</li>
 *   <li>The trend b is kept only when it is more than {@value #TREND_T} standard errors from 0 and at
 *   least 14 training days are there; otherwise the level is flat (a = the mean), since a noisy slope
 *   costs more six weeks ahead than it gains.</li>
 *   <li>Intraday share of slot s on weekday w: its count over the training days of weekday w ÷ their
 *   total.</li>
 * </ul>
 *
 * Forecasts are for open slots ({@link OpenSlots}) of days that are not closed; on a closed day the
 * method gives nothing.
 */
public final class WeeklyProfileForecast {
    public static final int WINDOW_WEEKS = 12;
    static final double TREND_T = 2.0;
    private static final int ROUNDS = 5;

    private final double level;
    private final double slopePerDay;
    private final double[] weekdayFactor;
    private final double[][] share;
    private final OpenSlots open;
    private final Predicate<LocalDate> closedDay;
    private final long t0Day;

    private WeeklyProfileForecast(long t0Day, double level, double slopePerDay, double[] weekdayFactor, double[][] share, OpenSlots open,
                                  Predicate<LocalDate> closedDay) {
        this.t0Day = t0Day;
        this.level = level;
        this.slopePerDay = slopePerDay;
        this.weekdayFactor = weekdayFactor;
        this.share = share;
        this.open = open;
        this.closedDay = closedDay;
    }

    /**
     * Fits the method on the days of {@code series} in [max(historyStart, origin − window), origin).
     *
     * @param open the channel's open slots at the origin
     */
    public static WeeklyProfileForecast fit(CountSeries series, LocalDate historyStart, LocalDate origin, OpenSlots open,
                                            Predicate<LocalDate> closedDay) {
        LocalDate first = origin.minusWeeks(WINDOW_WEEKS);
        if (historyStart != null && historyStart.isAfter(first)) {
            first = historyStart;
        }
        List<LocalDate> days = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        double[][] slotSums = new double[7][CountSeries.SLOTS];
        double[] weekdayTotals = new double[7];
        for (LocalDate day = first; day.isBefore(origin); day = day.plusDays(1)) {
            if (closedDay.test(day)) {
                continue;
            }
            long[] counts = series.day(day);
            double total = 0;
            int weekday = day.getDayOfWeek().getValue() - 1;
            for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
                total += counts[slot];
                slotSums[weekday][slot] += counts[slot];
            }
            weekdayTotals[weekday] += total;
            days.add(day);
            totals.add(total);
        }
        double[][] share = new double[7][CountSeries.SLOTS];
        for (int w = 0; w < 7; w++) {
            for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
                share[w][slot] = weekdayTotals[w] > 0 ? slotSums[w][slot] / weekdayTotals[w] : 0;
            }
        }
        double a = 1;
        double b = 0;
        double[] factor = new double[7];
        if (days.isEmpty()) {
            return new WeeklyProfileForecast(origin.toEpochDay(), 0, 0, factor, share, open, closedDay);
        }
        double t0 = days.get(0).toEpochDay();
        for (int round = 0; round < ROUNDS; round++) {
            double[] levelSums = new double[7];
            for (int i = 0; i < days.size(); i++) {
                levelSums[days.get(i).getDayOfWeek().getValue() - 1] += Math.max(a + b * (days.get(i).toEpochDay() - t0), 1e-12);
            }
            for (int w = 0; w < 7; w++) {
                factor[w] = levelSums[w] > 0 ? weekdayTotals[w] / levelSums[w] : 0;
            }
            double[] line = line(days, totals, factor, t0);
            a = line[0];
            b = line[1];
        }
        return new WeeklyProfileForecast((long) t0, a, b, factor, share, open, closedDay);
    }

    /** Least squares of y ÷ F on the day number, with the slope kept only when it is clearly not 0: {a, b}. */
    private static double[] line(List<LocalDate> days, List<Double> totals, double[] factor, double t0) {
        double n = 0;
        double sumT = 0;
        double sumX = 0;
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            double f = factor[days.get(i).getDayOfWeek().getValue() - 1];
            if (f <= 0) {
                continue; // a weekday without contacts says nothing about the level
            }
            double t = days.get(i).toEpochDay() - t0;
            double x = totals.get(i) / f;
            points.add(new double[] {t, x});
            n++;
            sumT += t;
            sumX += x;
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        double meanT = sumT / n;
        double meanX = sumX / n;
        double stt = 0;
        double stx = 0;
        for (double[] p : points) {
            stt += (p[0] - meanT) * (p[0] - meanT);
            stx += (p[0] - meanT) * (p[1] - meanX);
        }
        if (n < 14 || stt == 0) {
            return new double[] {meanX, 0};
        }
        double slope = stx / stt;
        double intercept = meanX - slope * meanT;
        double residualSquares = 0;
        for (double[] p : points) {
            double r = p[1] - intercept - slope * p[0];
            residualSquares += r * r;
        }
        double standardError = Math.sqrt(residualSquares / (n - 2) / stt);
        boolean negligible = Math.abs(slope) * 365 <= 1e-9 * Math.abs(meanX); // rounding noise of a flat series
        if (negligible || Math.abs(slope) <= TREND_T * standardError) {
            return new double[] {meanX, 0};
        }
        return new double[] {intercept, slope};
    }

    /** The forecast of a day's slot, or null when the day is closed or the slot is not open. */
    public Double forecast(LocalDate day, int slot) {
        if (closedDay.test(day) || !open.isOpen(day.getDayOfWeek(), slot)) {
            return null;
        }
        return dayTotal(day) * share[day.getDayOfWeek().getValue() - 1][slot];
    }

    /** The forecast total of a day over all its slots (open or not), 0 on a closed day. */
    public double dayTotal(LocalDate day) {
        if (closedDay.test(day)) {
            return 0;
        }
        return Math.max(0, level + slopePerDay * (day.toEpochDay() - t0Day)) * weekdayFactor[day.getDayOfWeek().getValue() - 1];
    }

    /** The trend in deseasonalised contacts per day, per day; 0 for a flat level. */
    public double slopePerDay() {
        return slopePerDay;
    }
}
