package nl.kic.analytics.domain.staffing;

/**
 * Erlang C (M/M/n): callers wait for ever, so there is a steady state only while the offered load
 * λ/μ stays below the n agents. It is what most staffing tools offer; beside Erlang A it shows how
 * much ignoring abandonment overstates the staff needed.
 */
public final class ErlangC {
    private ErlangC() {
    }

    /** Same keys as {@link ErlangA#figures}; {@link QueueFigures#NO_STEADY_STATE} when load ≥ agents. */
    public static QueueFigures figures(QueueInputs inputs) {
        int n = inputs.agents();
        double load = inputs.offeredLoadErlang();
        if (n == 0 || load >= n) {
            return QueueFigures.NO_STEADY_STATE;
        }
        // Erlang B by its recursion B(k) = A·B(k−1) / (k + A·B(k−1)): every step stays in [0, 1].
        double blocking = 1;
        for (int k = 1; k <= n; k++) {
            blocking = load * blocking / (k + load * blocking);
        }
        double waitProbability = n * blocking / (n - load * (1 - blocking));
        double drainRate = (n - load) / inputs.handleSeconds(); // nμ − λ, per second
        double meanWait = waitProbability / drainRate;
        double withinTarget = 1 - waitProbability * Math.exp(-drainRate * inputs.targetSeconds());
        return new QueueFigures(ErlangA.clamp(waitProbability), 0.0, 1.0, ErlangA.clamp(withinTarget),
                meanWait, meanWait, load / n);
    }
}
