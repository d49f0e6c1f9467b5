package nl.kic.analytics.domain.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Erlang A and Erlang C against the reference values of ../shared/DOMAIN.md ("Staffing", corrected
 * 2026-12-04), and Erlang A against a second method written here: the balance equations solved by
 * elimination instead of the product form, and the tagged caller's wait integrated numerically
 * (Runge–Kutta on its chain) instead of the beta-function and uniformisation formulas.
 */
class ErlangModelTest {
    private static final double SIX_DECIMALS = 5e-7;

    /** DOMAIN.md's table: 100 calls per 30 minutes, 3 minutes handle time, 5 minutes patience, T = 20 s. */
    @ParameterizedTest(name = "{0} agents")
    @CsvSource({
            "12, 0.331802, 0.042711, 0.797741, 0.213556, 0.772279",
            "13, 0.225797, 0.024963, 0.750028, 0.124817, 0.858178",
            "14, 0.145260, 0.013984, 0.704297, 0.069919, 0.916792",
    })
    void withoutShortAbandonsErlangAGivesTheReferenceTable(int agents, double waitProbability, double abandonProbability,
                                                           double occupancy, double meanWaitMinutes, double answeredWithin20s) {
        QueueFigures figures = ErlangA.figures(new QueueInputs(200, 180, 300, agents, 20, 0));

        assertThat(figures.waitProbability()).isCloseTo(waitProbability, within(SIX_DECIMALS));
        assertThat(figures.abandonProbability()).isCloseTo(abandonProbability, within(SIX_DECIMALS));
        assertThat(figures.occupancy()).isCloseTo(occupancy, within(SIX_DECIMALS));
        assertThat(figures.meanWaitSeconds() / 60).isCloseTo(meanWaitMinutes, within(SIX_DECIMALS));
        assertThat(figures.serviceLevel()).isCloseTo(answeredWithin20s, within(SIX_DECIMALS));
        // With s = 0 nothing is left out of the denominator: reachability is the share answered.
        assertThat(figures.reachability()).isCloseTo(1 - abandonProbability, within(SIX_DECIMALS));
    }

    /** DOMAIN.md: Erlang C for 10 Erlang, 11–15 agents (four decimals), and its worked example at 14 agents. */
    @ParameterizedTest(name = "{0} agents")
    @CsvSource({
            "11, 0.6821, 0.3896",
            "12, 0.4494, 0.6402",
            "13, 0.2853, 0.7956",
            "14, 0.1741, 0.8884",
            "15, 0.1020, 0.9415",
    })
    void erlangCGivesTheReferenceValues(int agents, double waitProbability, double answeredWithin20s) {
        QueueFigures figures = ErlangC.figures(new QueueInputs(200, 180, 300, agents, 20, 5));

        assertThat(figures.waitProbability()).isCloseTo(waitProbability, within(5e-5));
        assertThat(figures.serviceLevel()).isCloseTo(answeredWithin20s, within(5e-5));
        assertThat(figures.abandonProbability()).isZero();
        assertThat(figures.reachability()).isEqualTo(1.0);
        assertThat(figures.occupancy()).isCloseTo(10.0 / agents, within(1e-12));
    }

    @Test
    void erlangCsWorkedExampleAtFourteenAgents() {
        QueueFigures figures = ErlangC.figures(new QueueInputs(200, 180, 300, 14, 20, 5));
        // DOMAIN.md: ASA 7.8 s, occupancy 71.4%.
        assertThat(figures.asaSeconds()).isCloseTo(7.8, within(0.05));
        assertThat(figures.occupancy()).isCloseTo(0.714, within(0.0005));
    }

    @Test
    void erlangCHasNoSteadyStateAtOrAboveCapacity() {
        assertThat(ErlangC.figures(new QueueInputs(200, 180, 300, 10, 20, 5))).isEqualTo(QueueFigures.NO_STEADY_STATE);
        assertThat(ErlangC.figures(new QueueInputs(200, 180, 300, 9, 20, 5))).isEqualTo(QueueFigures.NO_STEADY_STATE);
        assertThat(ErlangC.figures(new QueueInputs(200, 180, 300, 0, 20, 5))).isEqualTo(QueueFigures.NO_STEADY_STATE);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // agents, arrivals per hour, handle s, patience s, T, s, whether the wait is integrated to the end (ASA)
                Arguments.of(1, 15, 180, 300, 20, 5, true),
                Arguments.of(1, 40, 180, 3600, 20, 5, false),     // overload: more than twice the capacity of 20 an hour
                Arguments.of(30, 500, 200, 600, 20, 5, true),
                Arguments.of(30, 1080, 200, 10, 60, 5, true),     // twice the capacity, patience 10 s
                Arguments.of(300, 5000, 180, 300, 20, 5, true),
                Arguments.of(300, 12000, 180, 10, 20, 5, true),   // twice the capacity, patience 10 s
                Arguments.of(300, 12000, 180, 3600, 20, 5, false) // twice the capacity, patience 1 h
        );
    }

    @ParameterizedTest(name = "{0} agents, {1}/h, handle {2} s, patience {3} s")
    @MethodSource("cases")
    void erlangAAgreesWithTheBalanceEquationsAndTheIntegratedWait(int agents, double arrivalsPerHour, double handleSeconds,
                                                                   double patienceSeconds, double target, double shortAbandon,
                                                                   boolean integrateToTheEnd) {
        QueueFigures figures = ErlangA.figures(new QueueInputs(arrivalsPerHour, handleSeconds, patienceSeconds, agents, target, shortAbandon));
        SecondMethod second = new SecondMethod(arrivalsPerHour / 3600, 1 / handleSeconds, 1 / patienceSeconds, agents);

        assertThat(figures.waitProbability()).isCloseTo(second.waitProbability(), within(1e-9));
        assertThat(figures.abandonProbability()).isCloseTo(second.abandonProbability(), within(1e-9));
        assertThat(figures.occupancy()).isCloseTo(second.occupancy(), within(1e-9));
        assertThat(figures.meanWaitSeconds()).isCloseTo(second.meanWaitSeconds(), within(1e-6 * Math.max(1, second.meanWaitSeconds())));

        SecondMethod.Integrated withinTarget = second.integrateWait(target);
        SecondMethod.Integrated withinShort = second.integrateWait(shortAbandon);
        double judged = 1 - withinShort.abandoned();
        assertThat(figures.serviceLevel()).isCloseTo(withinTarget.answered() / judged, within(1e-7));
        assertThat(figures.reachability()).isCloseTo((1 - second.abandonProbability()) / judged, within(1e-7));
        if (integrateToTheEnd) {
            SecondMethod.Integrated whole = second.integrateWait(Double.POSITIVE_INFINITY);
            assertThat(whole.abandoned()).isCloseTo(second.abandonProbability(), within(1e-7));
            assertThat(figures.asaSeconds()).isCloseTo(whole.answeredWaitSum() / whole.answered(),
                    within(1e-6 * Math.max(1, figures.asaSeconds())));
        }
    }

    @Test
    void figuresStayProbabilitiesFromNoAgentsToAThousandAndFarAboveCapacity() {
        for (int agents : new int[]{0, 1, 2, 10, 100, 500, 1000}) {
            for (double loadPerAgent : new double[]{0.01, 0.9, 1.0, 3.0}) {
                for (double patience : new double[]{10, 3600}) {
                    double arrivalsPerHour = Math.max(1, agents) * loadPerAgent * 3600 / 180;
                    QueueFigures f = ErlangA.figures(new QueueInputs(arrivalsPerHour, 180, patience, agents, 20, 5));
                    String what = agents + " agents, load " + loadPerAgent + ", patience " + patience;
                    for (Double p : new Double[]{f.waitProbability(), f.abandonProbability(), f.reachability(), f.serviceLevel()}) {
                        assertThat(p).as(what).isNotNull().isBetween(0.0, 1.0);
                    }
                    assertThat(f.meanWaitSeconds()).as(what).isNotNaN().isGreaterThanOrEqualTo(0.0);
                    if (agents == 0) {
                        assertThat(f.occupancy()).as(what).isNull();
                        assertThat(f.asaSeconds()).as(what).isNull();
                        assertThat(f.abandonProbability()).as(what).isCloseTo(1.0, within(1e-12));
                    } else {
                        assertThat(f.occupancy()).as(what).isBetween(0.0, 1.0);
                        assertThat(f.asaSeconds()).as(what).isNotNaN().isGreaterThanOrEqualTo(0.0);
                    }
                }
            }
        }
    }

    @Test
    void theSmallestStaffMeetingATargetIsFoundAndNoneWhenNoStaffDoes() {
        QueueInputs inputs = new QueueInputs(200, 180, 300, 1, 20, 0);
        // From the table above: 13 agents answer 0.858178 within 20 s, 12 only 0.772279.
        assertThat(Staffing.smallestAgents(inputs, new StaffingTarget.ServiceLevelAtLeast(0.8), 1, 1000)).hasValue(13);
        // 12 agents lose 0.042711, 13 lose 0.024963: a reachability of 0.97 takes 13.
        assertThat(Staffing.smallestAgents(inputs, new StaffingTarget.ReachabilityAtLeast(0.97), 1, 1000)).hasValue(13);
        assertThat(Staffing.smallestAgents(inputs, new StaffingTarget.ReachabilityAtLeast(0.95), 1, 1000)).hasValue(12);
        assertThat(Staffing.smallestAgents(inputs, new StaffingTarget.ServiceLevelAtLeast(0.99), 1, 12)).isEmpty();
    }

    /**
     * Erlang A by other means. The steady state: the global balance equations of the chain cut at K
     * states, λπ(k−1) − (λ + d(k))π(k) + d(k+1)π(k+1) = 0, solved by Gaussian elimination of the
     * tridiagonal system from the last state up, then normalised. The wait: the tagged caller's
     * chain p(j, t) (j callers ahead), started from the steady state seen on arrival, integrated by
     * fourth-order Runge–Kutta, with the answered and abandoned flows and the answered wait summed
     * along.
     */
    static final class SecondMethod {
        final double lambda;
        final double mu;
        final double theta;
        final int n;
        final double[] pi;

        SecondMethod(double lambda, double mu, double theta, int n) {
            this.lambda = lambda;
            this.mu = mu;
            this.theta = theta;
            this.n = n;
            double overload = Math.max(0, lambda - n * mu) / theta;
            int states = n + (int) Math.ceil(overload + 40 * Math.sqrt(lambda / theta + 1) + 200);
            this.pi = solveBalance(states);
        }

        double death(int k) {
            return Math.min(k, n) * mu + Math.max(k - n, 0) * theta;
        }

        /** Rows k = 0 … K of πQ = 0 with π(K) = 1, eliminated from the bottom: each row gives π(k−1) from π(k), π(k+1). */
        private double[] solveBalance(int states) {
            int last = states - 1;
            // Row k of the system, for unknowns π(k−1), π(k), π(k+1): lower λ, diagonal −(λ·[k<K] + d(k)), upper d(k+1).
            double[] x = new double[states];
            // Elimination from the bottom: after processing row k, π(k) = factor(k) · π(k−1).
            double[] factor = new double[states];
            double diagonalLast = -death(last);
            factor[last] = -lambda / diagonalLast;
            for (int k = last - 1; k >= 1; k--) {
                double diagonal = -(lambda + death(k)) + death(k + 1) * factor[k + 1];
                factor[k] = -lambda / diagonal;
            }
            x[0] = 1;
            for (int k = 1; k < states; k++) {
                x[k] = factor[k] * x[k - 1];
            }
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            for (int k = 0; k < states; k++) {
                x[k] /= sum;
            }
            return x;
        }

        double waitProbability() {
            double p = 0;
            for (int k = n; k < pi.length; k++) {
                p += pi[k];
            }
            return p;
        }

        double meanQueue() {
            double q = 0;
            for (int k = n; k < pi.length; k++) {
                q += (k - n) * pi[k];
            }
            return q;
        }

        double abandonProbability() {
            return theta * meanQueue() / lambda;
        }

        double meanWaitSeconds() {
            return meanQueue() / lambda;
        }

        double occupancy() {
            double busy = 0;
            for (int k = 0; k < pi.length; k++) {
                busy += Math.min(k, n) * pi[k];
            }
            return busy / n;
        }

        record Integrated(double answered, double abandoned, double answeredWaitSum) {
        }

        /** Answered (at once or within the horizon), abandoned within it, and the summed wait of those answered. */
        Integrated integrateWait(double horizonSeconds) {
            int ahead = pi.length - n;
            double[] p = new double[ahead];
            double atOnce = 0;
            for (int k = 0; k < pi.length; k++) {
                if (k < n) {
                    atOnce += pi[k];
                } else {
                    p[k - n] = pi[k];
                }
            }
            double c = n * mu;
            double fastest = c + ahead * theta;
            double h = 0.2 / fastest;
            long steps = Long.MAX_VALUE;
            if (horizonSeconds < Double.POSITIVE_INFINITY) {
                steps = (long) Math.ceil(horizonSeconds / h);
                h = horizonSeconds / steps;
            }
            double answered = 0;
            double abandoned = 0;
            double waitSum = 0;
            for (long step = 0; step < steps; step++) {
                double t = step * h;
                double mass = 0;
                for (double v : p) {
                    mass += v;
                }
                if (mass < 1e-13) {
                    break;
                }
                // State y = (p, answered, abandoned, waitSum); Runge–Kutta 4 on the whole.
                double[][] k = new double[4][];
                double[] flows1 = new double[3];
                k[0] = derivative(p, t, c, flows1);
                double[] p2 = add(p, k[0], h / 2);
                double[] flows2 = new double[3];
                k[1] = derivative(p2, t + h / 2, c, flows2);
                double[] p3 = add(p, k[1], h / 2);
                double[] flows3 = new double[3];
                k[2] = derivative(p3, t + h / 2, c, flows3);
                double[] p4 = add(p, k[2], h);
                double[] flows4 = new double[3];
                k[3] = derivative(p4, t + h, c, flows4);
                for (int j = 0; j < ahead; j++) {
                    p[j] += h / 6 * (k[0][j] + 2 * k[1][j] + 2 * k[2][j] + k[3][j]);
                }
                answered += h / 6 * (flows1[0] + 2 * flows2[0] + 2 * flows3[0] + flows4[0]);
                abandoned += h / 6 * (flows1[1] + 2 * flows2[1] + 2 * flows3[1] + flows4[1]);
                waitSum += h / 6 * (flows1[2] + 2 * flows2[2] + 2 * flows3[2] + flows4[2]);
            }
            return new Integrated(atOnce + answered, abandoned, waitSum);
        }

        /** dp/dt of the tagged caller, and its flows: answered (nμ·p(0)), abandoned (θ·Σp), answered wait (t·nμ·p(0)). */
        private double[] derivative(double[] p, double t, double c, double[] flows) {
            double[] d = new double[p.length];
            double total = 0;
            for (int j = 0; j < p.length; j++) {
                double moveOn = c + j * theta;
                d[j] = -(moveOn + theta) * p[j] + (j + 1 < p.length ? (c + (j + 1) * theta) * p[j + 1] : 0);
                total += p[j];
            }
            flows[0] = c * p[0];
            flows[1] = theta * total;
            flows[2] = t * c * p[0];
            return d;
        }

        private static double[] add(double[] p, double[] k, double factor) {
            double[] result = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                result[j] = p[j] + factor * k[j];
            }
            return result;
        }
    }
}
