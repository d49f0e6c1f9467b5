package nl.kic.analytics.domain.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The backtest, rerun with every forecast (docs/forecast.md): at every origin the method is fitted on
 * the days before it and scored on the open 15-minute intervals of the days after it that lie before
 * the forecast's first day, beside the seasonal-naive forecast (the same slot of the last week before
 * the origin). Origins are the Mondays from 8 weeks after the history starts; with less history, the
 * Mondays at least 1 week after it starts.
 *
 * <p>Each origin's 80% intervals come from the residuals of earlier origins on days before it (so the
 * measured coverage is not true by construction), and the forecast's own intervals from all of them.
 */
public final class Backtest {
    public static final int DAYS = 42;
    /** Residuals older than this before an origin are not used for its intervals. */
    static final int RESIDUAL_WEEKS = 52;

    public enum Horizon {
        DAY1("day1"), WEEK1("week1"), WEEKS2_6("weeks2_6");

        public final String key;

        Horizon(String key) {
            this.key = key;
        }

        /** Whether day {@code k} after the origin (k = 1 the origin's own day) belongs to this horizon. */
        public boolean contains(int k) {
            return switch (this) {
                case DAY1 -> k == 1;
                case WEEK1 -> k >= 1 && k <= 7;
                case WEEKS2_6 -> k >= 8 && k <= DAYS;
            };
        }
    }

    public enum Method {
        CHOSEN("chosen"), SEASONAL_NAIVE("seasonal_naive");

        public final String key;

        Method(String key) {
            this.key = key;
        }
    }

    /** The scores of a method and horizon; null where nothing was there to score. */
    public record Scores(Double wape15m, Double wapeDay, Double maseDay, Double coverage80, Double poissonFloor15m, Double poissonFloorDay,
                         long intervals, long days) {

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("wape_15m", wape15m);
            map.put("wape_day", wapeDay);
            map.put("mase_day", maseDay);
            map.put("coverage80", coverage80);
            map.put("poisson_floor_15m", poissonFloor15m);
            map.put("poisson_floor_day", poissonFloorDay);
            map.put("intervals", intervals);
            map.put("days", days);
            return map;
        }
    }

    /**
     * @param historyStart the first day with contacts
     * @param origins      the origins scored
     * @param methods      over all channels together
     * @param byChannel    per channel
     * @param rules        per channel and horizon the interval rule for a forecast from the first forecast day (null: too few residuals)
     */
    public record Result(LocalDate historyStart, List<LocalDate> origins, Map<Method, Map<Horizon, Scores>> methods,
                         Map<String, Map<Method, Map<Horizon, Scores>>> byChannel, Map<String, Map<Horizon, IntervalRule>> rules) {

        /** The rule for day {@code k} after the forecast's first day (k = 1 that day), falling back to a neighbouring horizon's. */
        public IntervalRule rule(String channel, int k) {
            Map<Horizon, IntervalRule> channelRules = rules.get(channel);
            if (channelRules == null) {
                return null;
            }
            List<Horizon> order = k == 1 ? List.of(Horizon.DAY1, Horizon.WEEK1, Horizon.WEEKS2_6)
                    : k <= 7 ? List.of(Horizon.WEEK1, Horizon.WEEKS2_6, Horizon.DAY1) : List.of(Horizon.WEEKS2_6, Horizon.WEEK1, Horizon.DAY1);
            for (Horizon horizon : order) {
                if (channelRules.get(horizon) != null) {
                    return channelRules.get(horizon);
                }
            }
            return null;
        }

        /** backtest.json: {"origins": [...], "methods": {...}}, with the history's start, the count of origins and each channel's own scores. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("history_start", historyStart == null ? null : historyStart.toString());
            map.put("origin_count", origins.size());
            map.put("origins", origins.stream().map(LocalDate::toString).toList());
            map.put("methods", methodsMap(methods));
            Map<String, Object> channels = new LinkedHashMap<>();
            byChannel.forEach((channel, scores) -> channels.put(channel, Map.of("methods", methodsMap(scores))));
            map.put("channels", channels);
            return map;
        }

        private static Map<String, Object> methodsMap(Map<Method, Map<Horizon, Scores>> scores) {
            Map<String, Object> methods = new LinkedHashMap<>();
            scores.forEach((method, byHorizon) -> {
                Map<String, Object> horizons = new LinkedHashMap<>();
                byHorizon.forEach((horizon, s) -> horizons.put(horizon.key, s.toMap()));
                methods.put(method.key, horizons);
            });
            return methods;
        }
    }

    private Backtest() {
    }

    /** The origins for a history that starts on {@code historyStart} and a forecast from {@code from}. */
    public static List<LocalDate> origins(LocalDate historyStart, LocalDate from) {
        List<LocalDate> origins = new ArrayList<>();
        if (historyStart == null) {
            return origins;
        }
        LocalDate first = historyStart.plusWeeks(OpenSlots.WEEKS).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        if (!first.isBefore(from)) {
            first = historyStart.plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        }
        for (LocalDate origin = first; origin.isBefore(from); origin = origin.plusWeeks(1)) {
            origins.add(origin);
        }
        return origins;
    }

    /** Runs the backtest on each channel's series (all its queues together) for a forecast from {@code from}. */
    public static Result run(Map<String, CountSeries> channels, LocalDate from, Predicate<LocalDate> closedDay) {
        LocalDate historyStart = null;
        for (CountSeries series : channels.values()) {
            LocalDate first = series.firstDay();
            if (first != null && first.isBefore(from) && (historyStart == null || first.isBefore(historyStart))) {
                historyStart = first;
            }
        }
        List<LocalDate> origins = origins(historyStart, from);
        Sums pooled = new Sums();
        Map<String, Map<Method, Map<Horizon, Scores>>> byChannel = new TreeMap<>();
        Map<String, Map<Horizon, IntervalRule>> rules = new TreeMap<>();
        for (Map.Entry<String, CountSeries> channel : new TreeMap<>(channels).entrySet()) {
            Sums sums = new Sums();
            Residuals residuals = new Residuals();
            for (LocalDate origin : origins) {
                scoreOrigin(channel.getValue(), historyStart, origin, from, closedDay, residuals, sums, pooled);
            }
            byChannel.put(channel.getKey(), sums.scores());
            rules.put(channel.getKey(), residuals.rules(from));
        }
        return new Result(historyStart, origins, pooled.scores(), byChannel, rules);
    }

    private static void scoreOrigin(CountSeries series, LocalDate historyStart, LocalDate origin, LocalDate from, Predicate<LocalDate> closedDay,
                                    Residuals residuals, Sums sums, Sums pooled) {
        OpenSlots open = OpenSlots.before(series, origin, closedDay);
        WeeklyProfileForecast model = WeeklyProfileForecast.fit(series, historyStart, origin, open, closedDay);
        Double naiveScale = inSampleNaiveError(series, historyStart, origin, open, closedDay);
        Map<Horizon, IntervalRule> rules = residuals.rules(origin);
        for (int k = 1; k <= DAYS; k++) {
            LocalDate day = origin.plusDays(k - 1);
            if (!day.isBefore(from)) {
                break;
            }
            if (closedDay.test(day) || !open.isOpen(day.getDayOfWeek())) {
                continue;
            }
            LocalDate reference = naiveReference(day, origin, historyStart, closedDay);
            if (reference == null) {
                continue; // no week before the origin to repeat: neither method is scored on this day
            }
            IntervalRule rule = k == 1 ? first(rules, Horizon.DAY1, Horizon.WEEK1, Horizon.WEEKS2_6)
                    : k <= 7 ? first(rules, Horizon.WEEK1, Horizon.WEEKS2_6, Horizon.DAY1) : first(rules, Horizon.WEEKS2_6, Horizon.WEEK1, Horizon.DAY1);
            double chosenDay = 0;
            double naiveDay = 0;
            long actualDay = 0;
            for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
                Double chosen = model.forecast(day, slot);
                if (chosen == null) {
                    continue;
                }
                double naive = series.count(reference, slot);
                long actual = series.count(day, slot);
                Boolean covered = rule == null ? null : rule.covers(chosen, actual);
                for (Sums s : List.of(sums, pooled)) {
                    s.interval(k, chosen, naive, actual, covered);
                }
                residuals.add(origin, k, day, chosen, actual);
                chosenDay += chosen;
                naiveDay += naive;
                actualDay += actual;
            }
            for (Sums s : List.of(sums, pooled)) {
                s.day(k, chosenDay, naiveDay, actualDay, naiveScale);
            }
        }
    }

    private static IntervalRule first(Map<Horizon, IntervalRule> rules, Horizon... order) {
        for (Horizon horizon : order) {
            if (rules.get(horizon) != null) {
                return rules.get(horizon);
            }
        }
        return null;
    }

    /** The same weekday in the last week before the origin, or a week earlier while that day was closed; null before the history. */
    static LocalDate naiveReference(LocalDate day, LocalDate origin, LocalDate historyStart, Predicate<LocalDate> closedDay) {
        long daysAfter = day.toEpochDay() - origin.toEpochDay();
        LocalDate reference = day.minusWeeks(daysAfter / 7 + 1);
        while (closedDay.test(reference)) {
            reference = reference.minusWeeks(1);
        }
        return historyStart == null || reference.isBefore(historyStart) ? null : reference;
    }

    /**
     * The mean absolute error of the one-week seasonal-naive forecast of day totals (over the origin's
     * open slots) on the history before the origin: the scale of MASE. Null without a pair of days.
     */
    static Double inSampleNaiveError(CountSeries series, LocalDate historyStart, LocalDate origin, OpenSlots open, Predicate<LocalDate> closedDay) {
        if (historyStart == null) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (LocalDate day = historyStart.plusWeeks(1); day.isBefore(origin); day = day.plusDays(1)) {
            if (closedDay.test(day) || !open.isOpen(day.getDayOfWeek())) {
                continue;
            }
            LocalDate reference = naiveReference(day, day, historyStart, closedDay);
            if (reference == null) {
                continue;
            }
            sum += Math.abs(openTotal(series, day, open) - openTotal(series, reference, open));
            n++;
        }
        return n == 0 || sum == 0 ? null : sum / n;
    }

    private static long openTotal(CountSeries series, LocalDate day, OpenSlots open) {
        long total = 0;
        for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
            if (open.isOpen(day.getDayOfWeek(), slot)) {
                total += series.count(day, slot);
            }
        }
        return total;
    }

    /** The residuals of the origins scored so far, per horizon, with their day, in the order of their origins. */
    private static final class Residuals {
        private final Map<Horizon, List<double[]>> byHorizon = new EnumMap<>(Horizon.class);

        void add(LocalDate origin, int k, LocalDate day, double forecast, long actual) {
            for (Horizon horizon : Horizon.values()) {
                if (horizon.contains(k)) {
                    byHorizon.computeIfAbsent(horizon, h -> new ArrayList<>())
                            .add(new double[] {day.toEpochDay(), forecast, actual, origin.toEpochDay()});
                }
            }
        }

        /** The rules from the residuals on days in [before − 52 weeks, before). */
        Map<Horizon, IntervalRule> rules(LocalDate before) {
            Map<Horizon, IntervalRule> rules = new EnumMap<>(Horizon.class);
            long end = before.toEpochDay();
            long start = before.minusWeeks(RESIDUAL_WEEKS).toEpochDay();
            byHorizon.forEach((horizon, list) -> {
                // Residuals come in the order of their origins, and an origin's days lie within DAYS after it: those
                // of origins more than DAYS before the window's start are all older, and skipped by bisection.
                int first = firstOfOriginFrom(list, start - DAYS);
                double[] forecasts = new double[list.size() - first];
                long[] actuals = new long[list.size() - first];
                int n = 0;
                for (double[] r : list.subList(first, list.size())) {
                    if (r[0] >= start && r[0] < end) {
                        forecasts[n] = r[1];
                        actuals[n] = (long) r[2];
                        n++;
                    }
                }
                IntervalRule rule = IntervalRule.fit(forecasts, actuals, n);
                if (rule != null) {
                    rules.put(horizon, rule);
                }
            });
            return rules;
        }

        /** The first residual of an origin on or after {@code day}. */
        private static int firstOfOriginFrom(List<double[]> list, long day) {
            int low = 0;
            int high = list.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (list.get(middle)[3] < day) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }

    /** Running sums per method and horizon. */
    private static final class Sums {
        private final double[][] absolute15m = new double[2][3];
        private final double[][] actual15m = new double[2][3];
        private final double[][] poisson15m = new double[2][3];
        private final double[][] absoluteDay = new double[2][3];
        private final double[][] poissonDay = new double[2][3];
        private final double[][] scaledDay = new double[2][3];
        private final long[][] scaledDays = new long[2][3];
        private final long[][] intervals = new long[2][3];
        private final long[][] days = new long[2][3];
        private final long[] covered = new long[3];
        private final long[] withInterval = new long[3];

        void interval(int k, double chosen, double naive, long actual, Boolean isCovered) {
            for (Horizon horizon : Horizon.values()) {
                if (!horizon.contains(k)) {
                    continue;
                }
                int h = horizon.ordinal();
                double[] forecasts = {chosen, naive};
                for (int m = 0; m < 2; m++) {
                    absolute15m[m][h] += Math.abs(forecasts[m] - actual);
                    actual15m[m][h] += actual;
                    poisson15m[m][h] += PoissonDeviation.meanAbsoluteDeviation(forecasts[m]);
                    intervals[m][h]++;
                }
                if (isCovered != null) {
                    withInterval[h]++;
                    if (isCovered) {
                        covered[h]++;
                    }
                }
            }
        }

        void day(int k, double chosen, double naive, long actual, Double naiveScale) {
            for (Horizon horizon : Horizon.values()) {
                if (!horizon.contains(k)) {
                    continue;
                }
                int h = horizon.ordinal();
                double[] forecasts = {chosen, naive};
                for (int m = 0; m < 2; m++) {
                    double error = Math.abs(forecasts[m] - actual);
                    absoluteDay[m][h] += error;
                    poissonDay[m][h] += PoissonDeviation.meanAbsoluteDeviation(forecasts[m]);
                    days[m][h]++;
                    if (naiveScale != null) {
                        scaledDay[m][h] += error / naiveScale;
                        scaledDays[m][h]++;
                    }
                }
            }
        }

        Map<Method, Map<Horizon, Scores>> scores() {
            Map<Method, Map<Horizon, Scores>> result = new EnumMap<>(Method.class);
            for (Method method : Method.values()) {
                int m = method.ordinal();
                Map<Horizon, Scores> byHorizon = new EnumMap<>(Horizon.class);
                for (Horizon horizon : Horizon.values()) {
                    int h = horizon.ordinal();
                    double actual = actual15m[m][h];
                    byHorizon.put(horizon, new Scores(ratio(absolute15m[m][h], actual), ratio(absoluteDay[m][h], actual),
                            scaledDays[m][h] == 0 ? null : scaledDay[m][h] / scaledDays[m][h],
                            method == Method.CHOSEN && withInterval[h] > 0 ? (double) covered[h] / withInterval[h] : null,
                            ratio(poisson15m[m][h], actual), ratio(poissonDay[m][h], actual), intervals[m][h], days[m][h]));
                }
                result.put(method, byHorizon);
            }
            return result;
        }

        private static Double ratio(double numerator, double denominator) {
            return denominator > 0 ? numerator / denominator : null;
        }
    }
}
