package nl.kic.analytics.domain.forecast;

import org.apache.commons.math3.special.Gamma;

/** The mean absolute deviation of a Poisson count from its mean: the error randomness alone gives. */
public final class PoissonDeviation {
    private PoissonDeviation() {
    }

    /** E|X − λ| for X Poisson with mean λ: 2·e^(−λ)·λ^(m+1) ÷ m!, m = ⌊λ⌋ (in logarithms, so large λ do not overflow). */
    public static double meanAbsoluteDeviation(double lambda) {
        if (!(lambda > 0)) {
            return 0;
        }
        double m = Math.floor(lambda);
        return 2 * Math.exp(-lambda + (m + 1) * Math.log(lambda) - Gamma.logGamma(m + 1));
    }
}
