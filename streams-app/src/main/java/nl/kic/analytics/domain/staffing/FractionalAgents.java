package nl.kic.analytics.domain.staffing;

/**
 * Erlang A for a mean number of agents that is not whole (agents present over an interval, 27.4):
 * the figure is interpolated linearly between the whole numbers around it, as 27.4 agents are 27 for
 * 60% of the interval and 28 for 40% of it, roughly.
 */
public final class FractionalAgents {
    private FractionalAgents() {
    }

    /** Predicted reachability for {@code agents} (at least 0, at most 1,000), interpolated; null when a side has none. */
    public static Double reachability(QueueInputs inputs, double agents) {
        double clamped = Math.max(0, Math.min(QueueInputs.MAX_AGENTS, agents));
        int below = (int) Math.floor(clamped);
        double share = clamped - below;
        Double low = ErlangA.figures(inputs.withAgents(below)).reachability();
        if (share == 0 || low == null) {
            return low;
        }
        Double high = ErlangA.figures(inputs.withAgents(below + 1)).reachability();
        return high == null ? null : (1 - share) * low + share * high;
    }
}
