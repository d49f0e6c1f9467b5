package nl.kic.analytics.domain.staffing;

/**
 * What a queue model predicts for one number of agents, per arriving caller. A figure without a
 * denominator (occupancy of 0 agents, the ASA when nobody is answered, everything of Erlang C
 * without a steady state) is null.
 *
 * @param waitProbability    P(an arrival finds all agents busy)
 * @param abandonProbability P(an arrival abandons) = θ·E[queue length] / λ
 * @param reachability       (1 − abandonProbability) / (1 − P(abandon with a wait below s)), as the
 *                           product's reachability leaves short abandons out of its denominator
 * @param serviceLevel       P(answered with a wait ≤ T) / (1 − P(abandon with a wait below s))
 * @param asaSeconds         E[wait | answered]
 * @param meanWaitSeconds    E[wait] over all arrivals, answered or abandoned
 * @param occupancy          E[busy agents] / agents
 */
public record QueueFigures(Double waitProbability, Double abandonProbability, Double reachability, Double serviceLevel,
                           Double asaSeconds, Double meanWaitSeconds, Double occupancy) {

    /** Erlang C's answer for a load it has no steady state for: the queue grows without end. */
    public static final QueueFigures NO_STEADY_STATE = new QueueFigures(null, null, null, null, null, null, null);
}
