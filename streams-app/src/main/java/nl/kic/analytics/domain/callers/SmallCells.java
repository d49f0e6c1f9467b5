package nl.kic.analytics.domain.callers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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
 * the one declared first is taken first. The result depends only on the cells and the order of the
 * declarations, never on a hash or the clock.
 * <p>
 * A zero is never hidden: it is shown, and it adds nothing to a sum. So a hidden cell is never alone
 * among non-zero cells of a sum that adds up: if a part is hidden, the whole is at least as large, and
 * if the whole is hidden, some part is non-zero. A sum that does not add up is refused when it is
 * declared, so the secondary step always finds a cell to hide.
 */
public final class SmallCells {

    private final List<Long> values = new ArrayList<>();
    private final List<Boolean> person = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();
    private final List<Integer> rows = new ArrayList<>();
    private final List<List<Integer>> followers = new ArrayList<>();
    private final List<List<Integer>> sumsOfCell = new ArrayList<>();
    private final List<int[]> sums = new ArrayList<>();

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
        long total = 0;
        for (int part : parts) {
            total += values.get(part);
        }
        if (total != values.get(whole)) {
            throw new IllegalArgumentException("the figures do not add up: " + description.get());
        }
        int[] cells = new int[parts.size() + 1];
        cells[0] = whole;
        for (int i = 0; i < parts.size(); i++) {
            cells[i + 1] = parts.get(i);
        }
        int index = sums.size();
        sums.add(cells);
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
        while (!changed.isEmpty()) {
            int[] cells = sums.get(changed.pollFirst());
            if (hiddenCount(cells, hidden) == 1) {
                hide(smallestVisibleNonZero(cells, hidden), hidden, changed);
            }
        }
        return hidden;
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
        int best = -1;
        for (int cell : cells) {
            if (!hidden.get(cell) && values.get(cell) > 0 && (best < 0 || before(cell, best))) {
                best = cell;
            }
        }
        if (best < 0) {
            // Cannot happen for a sum that adds up (checked when declared): see the class comment.
            throw new IllegalStateException("a sum with one hidden cell has no other non-zero cell");
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
