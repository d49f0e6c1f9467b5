package nl.kic.analytics.domain.forecast;

import java.util.Arrays;

/**
 * An 80% prediction interval from the residuals of earlier backtest origins: the forecast plus the
 * lower and upper quantiles of the residuals (actual − forecast) scaled by √max(forecast, 1), as a
 * Poisson count's spread grows with its mean. Bounds are whole counts (the lower bound's floor, the
 * upper's ceiling), and at small counts a whole-count interval covers more than its nominal share;
 * so the quantile levels (α, 1 − α) are chosen such that the intervals would have covered as close to
 * 80% of those earlier actuals as the residuals allow.
 *
 * @param lowerZ the scaled residual quantile at α
 * @param upperZ the scaled residual quantile at 1 − α
 * @param tail   α
 */
public record IntervalRule(double lowerZ, double upperZ, double tail) {
    public static final double COVERAGE = 0.80;
    /** Fewer residuals than this give no interval: their quantiles would claim more than they know. */
    public static final int MIN_RESIDUALS = 50;

    static double scale(double forecast) {
        return Math.sqrt(Math.max(forecast, 1));
    }

    public long lower(double forecast) {
        return Math.max(0, (long) Math.floor(forecast + lowerZ * scale(forecast)));
    }

    public long upper(double forecast) {
        return Math.max(0, (long) Math.ceil(forecast + upperZ * scale(forecast)));
    }

    public boolean covers(double forecast, long actual) {
        return lower(forecast) <= actual && actual <= upper(forecast);
    }

    /** The rule fitted to {@code n} pairs of forecast and actual; null with fewer than {@link #MIN_RESIDUALS}. */
    public static IntervalRule fit(double[] forecasts, long[] actuals, int n) {
        if (n < MIN_RESIDUALS) {
            return null;
        }
        double[] z = new double[n];
        // An actual a is covered when ⌊f + lowerZ·s⌋ ≤ a ≤ ⌈f + upperZ·s⌉ (bounds at least 0), that is when
        // (a + 1 − f)/s > lowerZ and, unless a = 0, (a − 1 − f)/s < upperZ: kept per residual, so that trying
        // a tail costs two comparisons a residual.
        double[] aboveLower = new double[n];
        double[] belowUpper = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = scale(forecasts[i]);
            z[i] = (actuals[i] - forecasts[i]) / scale;
            aboveLower[i] = (actuals[i] + 1 - forecasts[i]) / scale;
            belowUpper[i] = actuals[i] == 0 ? Double.NEGATIVE_INFINITY : (actuals[i] - 1 - forecasts[i]) / scale;
        }
        Arrays.sort(z);
        // Coverage falls as α rises (from all residuals at α = 0); bisect for the α where it crosses 80%.
        double covering = 0;
        double notCovering = 0.5;
        for (int i = 0; i < 16; i++) { // α to within 0.5 / 2^16
            double middle = (covering + notCovering) / 2;
            if (coverage(z, middle, aboveLower, belowUpper) >= COVERAGE) {
                covering = middle;
            } else {
                notCovering = middle;
            }
        }
        double above = coverage(z, covering, aboveLower, belowUpper);
        double below = coverage(z, notCovering, aboveLower, belowUpper);
        double tail = above - COVERAGE <= COVERAGE - below ? covering : notCovering;
        return new IntervalRule(quantile(z, tail), quantile(z, 1 - tail), tail);
    }

    private static double coverage(double[] sortedZ, double tail, double[] aboveLower, double[] belowUpper) {
        double lowerZ = quantile(sortedZ, tail);
        double upperZ = quantile(sortedZ, 1 - tail);
        int covered = 0;
        for (int i = 0; i < aboveLower.length; i++) {
            if (aboveLower[i] > lowerZ && belowUpper[i] < upperZ) {
                covered++;
            }
        }
        return (double) covered / aboveLower.length;
    }

    /** The empirical quantile, linear between order statistics (type 7). */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
