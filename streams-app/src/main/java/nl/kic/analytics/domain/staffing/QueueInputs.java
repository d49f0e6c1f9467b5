package nl.kic.analytics.domain.staffing;

/**
 * What the queue models need for one channel (or one queue whose agents serve it alone) in one
 * interval: the arrival rate, the mean handle time, the callers' mean patience, the agents, the
 * service-level target and the short-abandon threshold. Arrivals are assumed Poisson, handle times
 * and patience exponential (docs/staffing.md says when that fails).
 *
 * @param arrivalsPerHour     λ, offered calls per hour; above 0
 * @param handleSeconds       mean handle time 1/μ; above 0
 * @param patienceSeconds     mean patience 1/θ of a waiting caller; above 0 (Erlang C ignores it)
 * @param agents              n, from 0 to {@link #MAX_AGENTS}
 * @param targetSeconds       T of the service level, at least 0
 * @param shortAbandonSeconds s: abandonments with a shorter wait are left out of the denominators,
 *                            as the product's figures do (5 s); 0 leaves nothing out
 */
public record QueueInputs(double arrivalsPerHour, double handleSeconds, double patienceSeconds, int agents,
                          double targetSeconds, double shortAbandonSeconds) {

    /** The product's short-abandon threshold (docs/metrics.md). */
    public static final double DEFAULT_SHORT_ABANDON_SECONDS = 5;
    /** The largest staff the models are asked about; beyond it the queue's states would take too much memory. */
    public static final int MAX_AGENTS = 1000;

    public QueueInputs {
        requirePositive("arrivals per hour", arrivalsPerHour);
        requirePositive("handle seconds", handleSeconds);
        requirePositive("patience seconds", patienceSeconds);
        requireAtLeastZero("target seconds", targetSeconds);
        requireAtLeastZero("short-abandon seconds", shortAbandonSeconds);
        if (agents < 0 || agents > MAX_AGENTS) {
            throw new InvalidQueueInputs("agents must lie in [0, " + MAX_AGENTS + "]");
        }
    }

    /** The same question for another number of agents. */
    public QueueInputs withAgents(int otherAgents) {
        return new QueueInputs(arrivalsPerHour, handleSeconds, patienceSeconds, otherAgents, targetSeconds, shortAbandonSeconds);
    }

    /** Offered load in Erlang: λ × mean handle time. */
    public double offeredLoadErlang() {
        return arrivalsPerHour / 3600 * handleSeconds;
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidQueueInputs(name + " must be a finite number above 0");
        }
    }

    private static void requireAtLeastZero(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidQueueInputs(name + " must be a finite number of at least 0");
        }
    }

    /** Inputs the models cannot answer for; the message names the input and the rule. */
    public static final class InvalidQueueInputs extends IllegalArgumentException {
        public InvalidQueueInputs(String message) {
            super(message);
        }
    }
}
