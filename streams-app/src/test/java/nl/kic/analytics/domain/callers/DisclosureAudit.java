package nl.kic.analytics.domain.callers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * What a reader of a published table can work out: each cell is known (its value) or hidden (null),
 * and the reader knows the sums whole = Σ parts. For every hidden cell, linear programming finds its
 * least and greatest value over all tables that agree with the visible cells and the sums, every
 * hidden cell at least {@code lowerBound}. A hidden cell whose least and greatest whole values
 * coincide can be worked out. Written apart from the product's code: the sums are given here by the
 * test, from the definitions, not taken from the code under test.
 */
final class DisclosureAudit {

    private final Map<String, Long> cells = new LinkedHashMap<>();
    private final Map<String, Long> truth = new HashMap<>();
    private final List<List<String>> sums = new ArrayList<>();

    /** A published cell: its value, or null when hidden. */
    void cell(String key, Long value) {
        if (cells.containsKey(key)) {
            throw new IllegalArgumentException("cell given twice: " + key);
        }
        cells.put(key, value);
    }

    /**
     * A published cell whose true value the audit knows: a solution of a program that puts a hidden
     * cell a whole unit away from its true value proves that cell safe without a program of its own.
     */
    void cell(String key, Long value, long trueValue) {
        cell(key, value);
        truth.put(key, trueValue);
    }

    /** whole = Σ parts; a part that was never given counts as a visible zero (a row that does not exist). */
    void sum(String whole, List<String> parts) {
        List<String> relation = new ArrayList<>();
        relation.add(whole);
        relation.addAll(parts);
        sums.add(relation);
    }

    int hiddenCount() {
        return (int) cells.values().stream().filter(v -> v == null).count();
    }

    /** The hidden cells that can be worked out, each with its value range as the reader finds it. */
    Map<String, String> derivable(long lowerBound) {
        Map<String, Integer> variable = new HashMap<>();
        List<String> hidden = new ArrayList<>();
        cells.forEach((key, value) -> {
            if (value == null) {
                variable.put(key, hidden.size());
                hidden.add(key);
            }
        });
        // Split the hidden cells into groups that no sum connects: each group is a small program.
        int[] parent = new int[hidden.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<List<String>> withHidden = new ArrayList<>();
        for (List<String> relation : sums) {
            int first = -1;
            for (String key : relation) {
                Integer v = variable.get(key);
                if (v != null) {
                    if (first < 0) {
                        first = v;
                    } else {
                        parent[root(parent, v)] = root(parent, first);
                    }
                }
            }
            if (first >= 0) {
                withHidden.add(relation);
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < hidden.size(); i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(i);
        }
        Map<String, String> derivable = new LinkedHashMap<>();
        for (List<Integer> group : groups.values()) {
            Map<Integer, Integer> local = new HashMap<>();
            for (int v : group) {
                local.put(v, local.size());
            }
            List<LinearConstraint> constraints = new ArrayList<>();
            for (List<String> relation : withHidden) {
                Integer someVariable = null;
                for (String key : relation) {
                    if (variable.containsKey(key)) {
                        someVariable = variable.get(key);
                        break;
                    }
                }
                if (!local.containsKey(someVariable)) {
                    continue;
                }
                double[] coefficients = new double[group.size()];
                double constant = 0; // Σ coefficient × visible value, moved to the right-hand side
                for (int i = 0; i < relation.size(); i++) {
                    int sign = i == 0 ? 1 : -1;
                    Integer v = variable.get(relation.get(i));
                    if (v != null) {
                        coefficients[local.get(v)] += sign;
                    } else {
                        constant += sign * cells.getOrDefault(relation.get(i), 0L);
                    }
                }
                constraints.add(new LinearConstraint(coefficients, Relationship.EQ, -constant));
            }
            for (int i = 0; i < group.size(); i++) {
                constraints.add(new LinearConstraint(unit(group.size(), i), Relationship.GEQ, lowerBound));
            }
            boolean[] safe = new boolean[group.size()];
            for (int i = 0; i < group.size(); i++) {
                if (safe[i]) {
                    continue;
                }
                double least = optimum(group.size(), i, constraints, GoalType.MINIMIZE, group, hidden, safe);
                double greatest = optimum(group.size(), i, constraints, GoalType.MAXIMIZE, group, hidden, safe);
                // The values are whole numbers: the cell is safe only when two whole values remain possible.
                if (Math.floor(greatest + 1e-6) - Math.ceil(least - 1e-6) < 1) {
                    derivable.put(hidden.get(group.get(i)), "[" + least + ", " + greatest + "]");
                }
            }
        }
        return derivable;
    }

    private double optimum(int size, int index, List<LinearConstraint> constraints, GoalType goal, List<Integer> group,
                           List<String> hidden, boolean[] safe) {
        return solve(unit(size, index), index, constraints, goal, group, hidden, safe);
    }

    /** The optimum of the objective; every other cell the solution puts a unit or more from its true value is marked safe. */
    private double solve(double[] objective, int index, List<LinearConstraint> constraints, GoalType goal, List<Integer> group,
                         List<String> hidden, boolean[] safe) {
        int size = objective.length;
        try {
            PointValuePair solution = new SimplexSolver().optimize(new MaxIter(100_000),
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), goal,
                    new NonNegativeConstraint(true));
            double[] point = solution.getPoint();
            for (int j = 0; j < size; j++) {
                Long trueValue = truth.get(hidden.get(group.get(j)));
                if (j != index && trueValue != null && Math.abs(point[j] - trueValue) >= 1 - 1e-6) {
                    safe[j] = true;
                }
            }
            return solution.getValue();
        } catch (UnboundedSolutionException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    private static double[] unit(int size, int index) {
        double[] unit = new double[size];
        unit[index] = 1;
        return unit;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
