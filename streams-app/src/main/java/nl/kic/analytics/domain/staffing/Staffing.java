package nl.kic.analytics.domain.staffing;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Staffing questions answered with Erlang A, and Erlang C beside it. */
public final class Staffing {
    private Staffing() {
    }

    /** Erlang A and Erlang C for one number of agents. */
    public record AgentsFigures(int agents, QueueFigures erlangA, QueueFigures erlangC) {
    }

    /** Both models for every number of agents from {@code fromAgents} to {@code toAgents}, ascending. */
    public static List<AgentsFigures> compare(QueueInputs inputs, int fromAgents, int toAgents) {
        List<AgentsFigures> rows = new ArrayList<>();
        for (int n = fromAgents; n <= toAgents; n++) {
            QueueInputs question = inputs.withAgents(n);
            rows.add(new AgentsFigures(n, ErlangA.figures(question), ErlangC.figures(question)));
        }
        return rows;
    }

    /**
     * The smallest number of agents in [{@code fromAgents}, {@code toAgents}] whose Erlang-A figures
     * meet the target, or empty when none does. More agents never lower the reachability or the
     * service level, nor raise the ASA, so a bisection finds it with about ten evaluations instead of
     * a thousand (each may take a while with a long queue).
     */
    public static OptionalInt smallestAgents(QueueInputs inputs, StaffingTarget target, int fromAgents, int toAgents) {
        if (!target.isMetBy(ErlangA.figures(inputs.withAgents(toAgents)))) {
            return OptionalInt.empty();
        }
        int low = fromAgents - 1; // below the range: not known to meet it
        int high = toAgents;      // meets it
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (target.isMetBy(ErlangA.figures(inputs.withAgents(middle)))) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return OptionalInt.of(high);
    }
}
