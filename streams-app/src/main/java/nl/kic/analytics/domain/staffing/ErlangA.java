package nl.kic.analytics.domain.staffing;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;

/**
 * Erlang A (M/M/n+M), exact: Poisson arrivals at rate λ, n agents with exponential handle times
 * (rate μ each), callers who hang up after an exponential patience (rate θ) while they wait.
 *
 * <p>The number of callers in the system is a birth–death chain (birth λ, death min(k, n)μ +
 * max(k − n, 0)θ), solved in logarithms from the product form and cut where the remaining
 * probability falls below {@link #NEGLIGIBLE} of the largest state's. An arrival sees this
 * steady state (PASTA). A caller who finds j callers waiting ahead waits through j + 1 stages: with
 * i callers ahead, the queue ahead moves on at rate nμ + iθ (an agent frees up, or one ahead hangs
 * up), i = j … 0, while its own patience runs out at rate θ throughout. From that chain:
 * <ul>
 *   <li>it is answered with probability nμ / (nμ + (j + 1)θ) (the stages' odds multiply and
 *       telescope), and the expected wait of the answered follows by a recursion of positive terms;</li>
 *   <li>its wait V has density ∝ e^(−nμt)(1 − e^(−θt))^j, so that, given it is answered,
 *       e^(−θV) is Beta(nμ/θ + 1, j + 1): P(answered within T) comes from the regularised incomplete
 *       beta function, summed up over j by a recursion of positive terms (no cancellation);</li>
 *   <li>P(abandon with a wait below s) integrates the probability of still waiting over [0, s] by
 *       uniformisation of the chain (positive terms only).</li>
 * </ul>
 * Everything is a sum of non-negative terms, so that the figures are never NaN or negative, for 0
 * to 1,000 agents and loads far above capacity.
 */
public final class ErlangA {
    /** States whose probability, with all states above them, is below this share of the largest are left out. */
    static final double NEGLIGIBLE = 1e-16;
    /** A queue model with more states than this would need more memory than a staffing question deserves. */
    static final int MAX_STATES = 20_000_000;

    private ErlangA() {
    }

    public static QueueFigures figures(QueueInputs inputs) {
        double lambda = inputs.arrivalsPerHour() / 3600;
        double mu = 1 / inputs.handleSeconds();
        double theta = 1 / inputs.patienceSeconds();
        int n = inputs.agents();
        double[] inSystem = steadyState(lambda, mu, theta, n);

        double servedAtOnce = 0;
        double busyAgents = 0;
        for (int k = 0; k < Math.min(n, inSystem.length); k++) {
            servedAtOnce += inSystem[k];
            busyAgents += k * inSystem[k];
        }
        // waiting[j]: P(an arrival finds all agents busy and j callers waiting ahead).
        double[] waiting = n < inSystem.length ? Arrays.copyOfRange(inSystem, n, inSystem.length) : new double[0];
        double waitProbability = 0;
        double meanQueueLength = 0;
        for (int j = 0; j < waiting.length; j++) {
            waitProbability += waiting[j];
            meanQueueLength += j * waiting[j];
            busyAgents += n * waiting[j];
        }

        double serviceRate = n * mu;
        double answeredAfterWait = 0;
        double waitOfAnsweredSum = 0;
        double answeredWithinTarget = servedAtOnce;
        if (serviceRate > 0) {
            TargetBeta withinTarget = new TargetBeta(serviceRate / theta + 1, theta * inputs.targetSeconds());
            double answeredOdds = 1;        // A(i − 1): P(answered) from i − 1 callers ahead; A(−1) = 1
            double waitWhenAnswered = 0;    // B(i − 1): E[wait; answered] from i − 1 ahead; B(−1) = 0
            for (int j = 0; j < waiting.length; j++) {
                double leave = serviceRate + (j + 1) * theta;
                double moveOn = (serviceRate + j * theta) / leave;
                waitWhenAnswered = moveOn * (answeredOdds / leave + waitWhenAnswered);
                answeredOdds = moveOn * answeredOdds;
                answeredAfterWait += waiting[j] * answeredOdds;
                waitOfAnsweredSum += waiting[j] * waitWhenAnswered;
                answeredWithinTarget += waiting[j] * answeredOdds * withinTarget.nextProbabilityAtMostTarget();
            }
        }
        double answered = servedAtOnce + answeredAfterWait;
        double abandonProbability = clamp(theta * meanQueueLength / lambda);
        double shortAbandoned = abandonedBelow(inputs.shortAbandonSeconds(), waiting, serviceRate, theta);
        double judged = 1 - shortAbandoned;
        return new QueueFigures(
                clamp(waitProbability),
                abandonProbability,
                judged > 0 ? clamp((1 - abandonProbability) / judged) : null,
                judged > 0 ? clamp(answeredWithinTarget / judged) : null,
                answered > 0 ? waitOfAnsweredSum / answered : null,
                meanQueueLength / lambda,
                n > 0 ? clamp(busyAgents / n) : null);
    }

    /**
     * The steady state of the number of callers in the system, normalised, cut where the rest is
     * negligible. Computed in logarithms relative to the largest state, so that neither 1,000 agents
     * nor a queue of tens of thousands overflows.
     */
    static double[] steadyState(double lambda, double mu, double theta, int n) {
        double[] logTerms = new double[Math.max(16, 2 * n + 16)];
        int states = 1;
        double logMax = 0;
        while (true) {
            int k = states - 1;
            double deathNext = Math.min(k + 1, n) * mu + Math.max(k + 1 - n, 0) * theta;
            double ratio = lambda / deathNext;
            // Death rates never fall as k grows, so once the ratio is below 1 every later state is
            // smaller by at least that ratio: the rest is at most term · ratio / (1 − ratio).
            if (ratio < 1 && Math.exp(logTerms[k] - logMax) * ratio / (1 - ratio) < NEGLIGIBLE) {
                break;
            }
            if (states == MAX_STATES) {
                throw new QueueInputs.InvalidQueueInputs("the queue would hold more than " + MAX_STATES
                        + " callers: arrivals far too high for the patience");
            }
            if (states == logTerms.length) {
                logTerms = Arrays.copyOf(logTerms, Math.min(MAX_STATES, 2 * logTerms.length));
            }
            logTerms[states] = logTerms[k] + Math.log(ratio);
            logMax = Math.max(logMax, logTerms[states]);
            states++;
        }
        double[] probabilities = new double[states];
        double sum = 0;
        for (int k = 0; k < states; k++) {
            probabilities[k] = Math.exp(logTerms[k] - logMax);
            sum += probabilities[k];
        }
        for (int k = 0; k < states; k++) {
            probabilities[k] /= sum;
        }
        return probabilities;
    }

    /**
     * P(an arrival abandons with a wait below s) = θ ∫₀ˢ P(still waiting at t) dt, by uniformisation
     * of the tagged caller's chain: with Λ its largest leaving rate, the integral is
     * (1/Λ) Σₖ |vₖ| · P(Poisson(Λs) > k), with vₖ the waiting probabilities after k steps of the
     * uniformised chain. All terms are non-negative.
     */
    static double abandonedBelow(double shortAbandonSeconds, double[] waiting, double serviceRate, double theta) {
        if (shortAbandonSeconds <= 0 || waiting.length == 0) {
            return 0;
        }
        int last = waiting.length - 1;
        double uniformRate = serviceRate + (last + 1) * theta;
        double mean = uniformRate * shortAbandonSeconds;
        double[] tail = poissonTailAbove(mean);
        double[] v = waiting.clone();
        double integral = 0;
        for (int step = 0; step < tail.length; step++) {
            double stillWaiting = 0;
            for (double p : v) {
                stillWaiting += p;
            }
            integral += stillWaiting * tail[step];
            // One uniformised step: stay with 1 − leave/Λ, move to one fewer ahead at (nμ + iθ)/Λ
            // (from i = 0 that is being answered, and leaves the vector), hang up at θ/Λ.
            for (int j = 0; j <= last; j++) {
                double stay = v[j] * (1 - (serviceRate + (j + 1) * theta) / uniformRate);
                double arrive = j < last ? v[j + 1] * (serviceRate + (j + 1) * theta) / uniformRate : 0;
                v[j] = stay + arrive;
            }
        }
        return clamp(theta * integral / uniformRate);
    }

    /** P(Poisson(mean) > k) for k = 0 … K, with K far enough out that the rest is below 1e-17. */
    static double[] poissonTailAbove(double mean) {
        int last = (int) Math.ceil(mean + 12 * Math.sqrt(mean) + 40);
        double[] probability = new double[last + 2];
        for (int k = 0; k <= last + 1; k++) {
            probability[k] = Math.exp(-mean + k * Math.log(mean) - Gamma.logGamma(k + 1));
        }
        double[] tailAbove = new double[last + 1];
        double above = probability[last + 1];
        for (int k = last; k >= 0; k--) {
            tailAbove[k] = above;
            above += probability[k];
        }
        return tailAbove;
    }

    /**
     * P(wait ≤ T | answered, j callers ahead) = 1 − I_x(a, j + 1) with x = e^(−θT), a = nμ/θ + 1 and I
     * the regularised incomplete beta function, for j = 0, 1, 2, … in turn. I_x(a, 1) = x^a and
     * I_x(a, b + 1) = I_x(a, b) + x^a (1 − x)^b / (b·B(a, b)): positive terms, kept in logarithms so
     * that x^a may underflow without losing the later terms.
     */
    static final class TargetBeta {
        private final double a;
        private final double logX;
        private final double logOneMinusX;
        private double incompleteBeta;
        private double logNextTerm;
        private int j = -1;

        TargetBeta(double a, double thetaTimesTarget) {
            this.a = a;
            this.logX = -thetaTimesTarget;
            this.logOneMinusX = Math.log(-Math.expm1(-thetaTimesTarget));
        }

        double nextProbabilityAtMostTarget() {
            j++;
            if (logOneMinusX == Double.NEGATIVE_INFINITY) {
                return 0; // T = 0: a caller who waits is never answered within it
            }
            if (j == 0) {
                incompleteBeta = Math.exp(a * logX);
                logNextTerm = Math.log(a) + a * logX + logOneMinusX;
            } else {
                incompleteBeta += Math.exp(logNextTerm);
                logNextTerm += logOneMinusX + Math.log(a + j) - Math.log(j + 1);
            }
            return clamp(1 - incompleteBeta);
        }
    }

    static double clamp(double probability) {
        return Math.max(0, Math.min(1, probability));
    }
}
