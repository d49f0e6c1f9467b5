package nl.kic.analytics.domain.staffing;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The callers' mean patience, estimated from what they did: with exponential patience, censored
 * where an agent answered first, the maximum-likelihood estimate is the total time all callers
 * spent waiting (answered and abandoned) divided by the number who abandoned (Mandelbaum and
 * Zeltyn; Brown et al., JASA 2005). With k abandonments the total time, times 2θ, is χ² with 2k
 * degrees of freedom, which gives the exact 95% interval.
 *
 * @param meanPatienceSeconds the estimate; null without abandonments (nothing to divide by)
 * @param lower95Seconds      lower end of the 95% interval; null without abandonments
 * @param upper95Seconds      upper end of the 95% interval; null without abandonments
 * @param abandonments        k, the abandonments behind the estimate
 * @param waitSecondsTotal    the waiting time of all callers, answered and abandoned, in seconds
 */
public record PatienceEstimate(Double meanPatienceSeconds, Double lower95Seconds, Double upper95Seconds,
                               long abandonments, double waitSecondsTotal) {

    public static PatienceEstimate of(long abandonments, double waitSecondsTotal) {
        if (abandonments <= 0 || !(waitSecondsTotal > 0)) {
            return new PatienceEstimate(null, null, null, Math.max(0, abandonments), Math.max(0, waitSecondsTotal));
        }
        ChiSquaredDistribution chiSquared = new ChiSquaredDistribution(2.0 * abandonments);
        double twiceTotal = 2 * waitSecondsTotal;
        return new PatienceEstimate(
                waitSecondsTotal / abandonments,
                twiceTotal / chiSquared.inverseCumulativeProbability(0.975),
                twiceTotal / chiSquared.inverseCumulativeProbability(0.025),
                abandonments,
                waitSecondsTotal);
    }

    /** The estimate of two intervals together: their abandonments and waiting times add. */
    public PatienceEstimate plus(PatienceEstimate other) {
        return of(abandonments + other.abandonments, waitSecondsTotal + other.waitSecondsTotal);
    }

    public static final PatienceEstimate NONE = new PatienceEstimate(null, null, null, 0, 0);
}
