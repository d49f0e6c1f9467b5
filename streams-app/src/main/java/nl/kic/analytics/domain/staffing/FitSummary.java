package nl.kic.analytics.domain.staffing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The distribution of a model's errors (predicted − measured) over a set of periods: their number,
 * mean, mean absolute error and percentiles at nearest rank. Null figures when there is no error.
 */
public record FitSummary(int periods, Double meanError, Double meanAbsoluteError, Double p10Error, Double p50Error, Double p90Error,
                         Double minError, Double maxError) {

    public static FitSummary of(List<Double> errors) {
        if (errors.isEmpty()) {
            return new FitSummary(0, null, null, null, null, null, null, null);
        }
        List<Double> sorted = new ArrayList<>(errors);
        Collections.sort(sorted);
        double sum = 0;
        double absoluteSum = 0;
        for (double e : sorted) {
            sum += e;
            absoluteSum += Math.abs(e);
        }
        return new FitSummary(sorted.size(), sum / sorted.size(), absoluteSum / sorted.size(),
                nearestRank(sorted, 0.1), nearestRank(sorted, 0.5), nearestRank(sorted, 0.9), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** The value at rank ⌈p·n⌉, as the product's wait percentiles are taken. */
    static double nearestRank(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
