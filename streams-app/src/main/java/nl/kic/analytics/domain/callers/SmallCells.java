package nl.kic.analytics.domain.callers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Small-cell protection of a table of counts (docs/metrics.md, "Small cells in caller and reason
 * figures"). A cell is a non-negative count at a (column, row) position; a <em>person</em> cell counts
 * people and is hidden when it lies between 1 and k−1 (primary suppression); other cells are hidden
 * only to protect others. Two more things are declared:
 * <ul>
 *   <li>a <em>link</em>: whenever cell X is hidden, cell Y is hidden too (a caller row's attempts
 *       follow its callers);</li>
 *   <li>a <em>sum</em>: whole = Σ parts, a relation anyone can use to work a hidden cell out from the
 *       visible ones.</li>
 * </ul>
 * Secondary suppression: while some sum has exactly one hidden cell (the whole counts as a cell of
 * it), the smallest other non-zero cell of that sum is hidden, and so on until no sum has. Ties are
 * broken by the lowest column, then the lowest row; when several sums have exactly one hidden cell,
 * the one declared first is taken first. The same is done for a sum whose hidden cells are parts that
 * add up to their number (whole minus visible parts): each of them is then 1, as a hidden cell is never
 * 0. That rule is not enough where sums share cells (two sums
 * whose hidden cells are a whole and one part each tell their differences, and differences can add up
 * to a cell), so then the sums are solved as a reader would solve them, and a hidden cell they still
 * fix gets one more cell hidden beside it ({@link #protectDerivable}); the rule and the solving repeat
 * until neither hides more. The result depends only on the cells and the order of the declarations,
 * never on a hash or the clock.
 * <p>
 * A zero is never hidden: it is shown, and it adds nothing to a sum. So a hidden cell is never alone
 * among non-zero cells of a sum that adds up: if a part is hidden, the whole is at least as large, and
 * if the whole is hidden, some part is non-zero. A sum that does not add up is refused when it is
 * declared, so the secondary step always finds a cell to hide.
 * <p>
 * What this does not protect against: a reader who uses that every hidden cell is at least 1 (zeros
 * are shown) can still narrow some hidden cells to one value through several sums; and sums declared
 * for the rule only are not solved.
 */
public final class SmallCells {

    /** A table whose rows do not add up (read while it changed): small cells cannot be protected on it. */
    public static final class NotAddingUp extends IllegalArgumentException {
        NotAddingUp(String message) {
            super(message);
        }
    }


    private final List<Long> values = new ArrayList<>();
    private final List<Boolean> person = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();
    private final List<Integer> rows = new ArrayList<>();
    private final List<List<Integer>> followers = new ArrayList<>();
    private final List<List<Integer>> sumsOfCell = new ArrayList<>();
    private final List<int[]> sums = new ArrayList<>();
    private final BitSet solved = new BitSet();

    /** Adds a person count (hidden from 1 to k−1) at (column, row), and returns its cell number. */
    public int person(long value, int column, int row) {
        return add(value, true, column, row);
    }

    /** Adds a count that is hidden only to protect other cells, and returns its cell number. */
    public int count(long value, int column, int row) {
        return add(value, false, column, row);
    }

    private int add(long value, boolean isPerson, int column, int row) {
        if (value < 0) {
            throw new IllegalArgumentException("a count is never negative (column " + column + ", row " + row + ")");
        }
        values.add(value);
        person.add(isPerson);
        columns.add(column);
        rows.add(row);
        followers.add(new ArrayList<>());
        sumsOfCell.add(new ArrayList<>());
        return values.size() - 1;
    }

    /** Whenever {@code leader} is hidden, {@code follower} is hidden too (unless it is zero). */
    public void link(int leader, int follower) {
        followers.get(leader).add(follower);
    }

    /**
     * Declares whole = Σ parts. {@code description} names the relation in the error when it does not
     * add up (which the figures the product computes never do); it is built only then.
     */
    public void sum(int whole, List<Integer> parts, Supplier<String> description) {
        declare(whole, parts, description, true);
    }

    /**
     * Declares whole = Σ parts for the rule only: it keeps any such sum from having exactly one hidden
     * cell, but is left out when the sums are solved. For the many sums of days into weeks and months,
     * which tie a year of days into one system too large to solve each time.
     */
    public void sumForTheRuleOnly(int whole, List<Integer> parts, Supplier<String> description) {
        declare(whole, parts, description, false);
    }

    private void declare(int whole, List<Integer> parts, Supplier<String> description, boolean toSolve) {
        long total = 0;
        for (int part : parts) {
            total += values.get(part);
        }
        if (total != values.get(whole)) {
            throw new NotAddingUp("the figures do not add up: " + description.get());
        }
        int[] cells = new int[parts.size() + 1];
        cells[0] = whole;
        for (int i = 0; i < parts.size(); i++) {
            cells[i + 1] = parts.get(i);
        }
        int index = sums.size();
        sums.add(cells);
        solved.set(index, toSolve);
        for (int cell : cells) {
            sumsOfCell.get(cell).add(index);
        }
    }

    public long value(int cell) {
        return values.get(cell);
    }

    public int size() {
        return values.size();
    }

    /** The sums declared, each as its whole followed by its parts (for an audit of the result). */
    public List<int[]> sums() {
        return sums.stream().map(int[]::clone).toList();
    }

    /** The cells hidden with a minimum cell size of {@code minCell} (k ≥ 1; 1 hides nothing). */
    public BitSet hidden(int minCell) {
        if (minCell < 1) {
            throw new IllegalArgumentException("the minimum cell size must be 1 or more");
        }
        BitSet hidden = new BitSet(values.size());
        // Sums whose hidden cells changed since they were last looked at, lowest declaration first.
        TreeSet<Integer> changed = new TreeSet<>();
        for (int cell = 0; cell < values.size(); cell++) {
            long value = values.get(cell);
            if (person.get(cell) && value >= 1 && value < minCell) {
                hide(cell, hidden, changed);
            }
        }
        BitSet checked = new BitSet(); // hidden when the sums were last solved: groups of only those need no new look
        while (true) {
            while (!changed.isEmpty()) {
                int[] cells = sums.get(changed.pollFirst());
                if (hiddenCount(cells, hidden) == 1 || onlyOnes(cells, hidden)) {
                    hide(smallestVisibleNonZero(cells, hidden), hidden, changed);
                }
            }
            List<Integer> extra = protectDerivable(hidden, checked);
            checked = (BitSet) hidden.clone();
            if (extra.isEmpty()) {
                return hidden;
            }
            extra.forEach(cell -> hide(cell, hidden, changed));
        }
    }

    /**
     * The rule above is not enough where sums share cells: two sums whose hidden cells are a whole and
     * one part each tell the differences of those cells, and differences can add up to a hidden cell's
     * value. So the hidden cells are solved as a reader would: a hidden cell is found when the sums
     * (visible cells as numbers) give it a single value. Every hidden cell is at least 1 (zeros are
     * shown), so a cell that the sums do not fix can move up and down a little: those are safe. For each
     * group of hidden cells that sums connect and that holds a cell found this way, the first such cell
     * (by cell number) gets one more cell hidden beside it: the smallest visible non-zero cell (ties as
     * above) of the first sum holding it that has one, else of the first sum of its group that has one.
     * Returns the cells to hide, none when no hidden cell can be found.
     */
    private List<Integer> protectDerivable(BitSet hidden, BitSet checked) {
        // Groups of hidden cells connected by sums, by union-find over cell numbers.
        int[] parent = new int[values.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int index = solved.nextSetBit(0); index >= 0; index = solved.nextSetBit(index + 1)) {
            int[] cells = sums.get(index);
            int first = -1;
            for (int cell : cells) {
                if (hidden.get(cell)) {
                    if (first < 0) {
                        first = cell;
                    } else {
                        parent[root(parent, cell)] = root(parent, first);
                    }
                }
            }
        }
        Map<Integer, List<Integer>> sumsOfGroup = new TreeMap<>();
        for (int index = solved.nextSetBit(0); index >= 0; index = solved.nextSetBit(index + 1)) {
            for (int cell : sums.get(index)) {
                if (hidden.get(cell)) {
                    sumsOfGroup.computeIfAbsent(root(parent, cell), g -> new ArrayList<>()).add(index);
                    break;
                }
            }
        }
        Set<Integer> extra = new TreeSet<>();
        BitSet fresh = (BitSet) hidden.clone();
        fresh.andNot(checked);
        Set<Integer> changedGroups = new HashSet<>();
        fresh.stream().forEach(cell -> changedGroups.add(root(parent, cell)));
        sumsOfGroup.keySet().retainAll(changedGroups);
        for (List<Integer> groupSums : sumsOfGroup.values()) {
            for (int found : determined(groupSums, hidden)) {
                extra.add(besides(found, groupSums, hidden));
            }
        }
        return new ArrayList<>(extra);
    }

    /** The hidden cells that the group's sums give a single value. */
    private List<Integer> determined(List<Integer> groupSums, BitSet hidden) {
        // Each sum as Σ coefficient × hidden cell = a number; only the coefficients matter for whether a cell is
        // determined. Gaussian elimination to reduced row echelon form, each row led by its lowest cell.
        TreeMap<Integer, TreeMap<Integer, Double>> pivots = new TreeMap<>();
        for (int index : groupSums) {
            int[] cells = sums.get(index);
            TreeMap<Integer, Double> row = new TreeMap<>();
            for (int i = 0; i < cells.length; i++) {
                if (hidden.get(cells[i])) {
                    row.merge(cells[i], i == 0 ? 1.0 : -1.0, Double::sum);
                }
            }
            reduce(row, pivots);
            if (!row.isEmpty()) {
                int lead = row.firstKey();
                double scale = row.get(lead);
                row.replaceAll((cell, coefficient) -> coefficient / scale);
                pivots.put(lead, row);
            }
        }
        // Back-substitution: clear each pivot cell from the rows of lower pivots.
        List<Integer> determined = new ArrayList<>();
        for (int lead : pivots.descendingKeySet()) {
            TreeMap<Integer, Double> row = pivots.get(lead);
            for (Integer cell : new ArrayList<>(row.tailMap(lead, false).keySet())) {
                TreeMap<Integer, Double> other = pivots.get(cell);
                Double coefficient = row.get(cell);
                if (other != null && coefficient != null) {
                    subtract(row, other, coefficient);
                }
            }
            if (row.size() == 1) {
                determined.add(lead);
            }
        }
        return determined;
    }

    private static void reduce(TreeMap<Integer, Double> row, TreeMap<Integer, TreeMap<Integer, Double>> pivots) {
        while (!row.isEmpty()) {
            TreeMap<Integer, Double> pivot = pivots.get(row.firstKey());
            if (pivot == null) {
                return;
            }
            subtract(row, pivot, row.firstEntry().getValue());
        }
    }

    /** row −= factor × other, dropping what cancels. */
    private static void subtract(TreeMap<Integer, Double> row, TreeMap<Integer, Double> other, double factor) {
        for (Map.Entry<Integer, Double> term : other.entrySet()) {
            double value = row.getOrDefault(term.getKey(), 0.0) - factor * term.getValue();
            if (Math.abs(value) < 1e-9) {
                row.remove(term.getKey());
            } else {
                row.put(term.getKey(), value);
            }
        }
    }

    /** The cell hidden to protect {@code found}: see {@link #protectDerivable}. */
    private int besides(int found, List<Integer> groupSums, BitSet hidden) {
        for (int index : sumsOfCell.get(found)) {
            int cell = solved.get(index) ? smallestVisibleNonZeroOrNone(sums.get(index), hidden) : -1;
            if (cell >= 0) {
                return cell;
            }
        }
        for (int index : groupSums) {
            int cell = smallestVisibleNonZeroOrNone(sums.get(index), hidden);
            if (cell >= 0) {
                return cell;
            }
        }
        // Every non-zero cell of every sum of the group is hidden: then no hidden cell is determined, since the
        // sums' numbers are all zero and the true values are a solution other than zero.
        throw new IllegalStateException("a hidden cell is determined by sums without a visible cell");
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void hide(int cell, BitSet hidden, TreeSet<Integer> changed) {
        if (hidden.get(cell) || values.get(cell) == 0) {
            return;
        }
        hidden.set(cell);
        changed.addAll(sumsOfCell.get(cell));
        for (int follower : followers.get(cell)) {
            hide(follower, hidden, changed);
        }
    }

    /**
     * Whether the hidden cells of a sum are all parts that add up to their number: each is then 1, for
     * a hidden cell is never 0.
     */
    private boolean onlyOnes(int[] cells, BitSet hidden) {
        if (hidden.get(cells[0])) {
            return false;
        }
        long hiddenTotal = values.get(cells[0]);
        int hiddenParts = 0;
        for (int i = 1; i < cells.length; i++) {
            if (hidden.get(cells[i])) {
                hiddenParts++;
            } else {
                hiddenTotal -= values.get(cells[i]);
            }
        }
        return hiddenParts > 0 && hiddenTotal == hiddenParts;
    }

    private static int hiddenCount(int[] cells, BitSet hidden) {
        int count = 0;
        for (int cell : cells) {
            if (hidden.get(cell)) {
                count++;
            }
        }
        return count;
    }

    private int smallestVisibleNonZero(int[] cells, BitSet hidden) {
        int best = smallestVisibleNonZeroOrNone(cells, hidden);
        if (best < 0) {
            // Cannot happen for a sum that adds up (checked when declared): see the class comment.
            throw new IllegalStateException("a sum with one hidden cell has no other non-zero cell");
        }
        return best;
    }

    private int smallestVisibleNonZeroOrNone(int[] cells, BitSet hidden) {
        int best = -1;
        for (int cell : cells) {
            if (!hidden.get(cell) && values.get(cell) > 0 && (best < 0 || before(cell, best))) {
                best = cell;
            }
        }
        return best;
    }

    /** Smaller value first, then the lower column, then the lower row, then the cell declared first. */
    private boolean before(int a, int b) {
        int byValue = Long.compare(values.get(a), values.get(b));
        if (byValue != 0) {
            return byValue < 0;
        }
        int byColumn = Integer.compare(columns.get(a), columns.get(b));
        if (byColumn != 0) {
            return byColumn < 0;
        }
        int byRow = Integer.compare(rows.get(a), rows.get(b));
        return byRow != 0 ? byRow < 0 : a < b;
    }
}
