package nl.kic.analytics.domain.callers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.callers.FigureTable.Position;

/**
 * Small cells of the caller figures protected before they leave the product (docs/metrics.md, "Small
 * cells in caller and reason figures"). Each person count from 1 to k−1 ({@code kic.privacy.min-cell})
 * is hidden; {@code attempts} is hidden whenever {@code callers} is, and {@code reached_first_attempt}
 * and {@code reached_within_1_working_day} whenever {@code reached} is: they are parts of it, so beside
 * a hidden {@code reached} they would bound it, and where no caller tried twice give it exactly;
 * {@code unidentified_contacts} counts contacts without a person and is never hidden. Then, with {@link SmallCells}, cells are hidden
 * until no sum anyone can form has exactly one hidden cell. The sums, declared in this order (which
 * decides which sum is handled first when several have one hidden cell):
 * <ol>
 *   <li>in each row, in row order: callers = reached + still_open + never_reached, then callers = the
 *       six attempt buckets;</li>
 *   <li>each year row = the sum of its month rows (same channel and queue), for every count column;</li>
 *   <li>{@code attempts} of a month row and of a week row = the sum of its day rows (attempts are
 *       contacts, so they add up over days, though callers do not);</li>
 *   <li>{@code attempts} of an ALL row = the sum of its queues' rows (same channel, granularity and
 *       interval): an attempt lies in one queue. The other counts of ALL are people, who may call
 *       several queues, and do not add up.</li>
 * </ol>
 * The whole table goes in at once (every granularity, queue and ALL, both channels): the hidden cells
 * then do not depend on which rows a reader asks for afterwards.
 */
public final class CallerSuppression {

    /** The columns of a protected caller row, in order (the CSV header and the API's field order). */
    public static final List<String> COLUMNS = List.of("channel", "queue", "granularity", "interval_start", "callers", "reached",
            "reached_first_attempt", "reached_within_1_working_day", "still_open", "never_reached", "attempts", "attempts_1", "attempts_2",
            "attempts_3", "attempts_4", "attempts_5_9", "attempts_10_plus", "repeat_after_answer", "unidentified_contacts",
            "spans_key_months", "final", "repeat_window_truncated", "suppressed_cells");

    /** The columns that can be hidden, in column order: every count but unidentified_contacts. */
    static final List<String> COUNTS = COLUMNS.subList(COLUMNS.indexOf("callers"), COLUMNS.indexOf("unidentified_contacts"));

    private static final int CALLERS = 0;
    private static final int REACHED = 1;
    private static final int REACHED_FIRST_ATTEMPT = 2;
    private static final int REACHED_WITHIN_1_WORKING_DAY = 3;
    private static final int STILL_OPEN = 4;
    private static final int NEVER_REACHED = 5;
    private static final int ATTEMPTS = 6;
    private static final List<Integer> BUCKETS = List.of(7, 8, 9, 10, 11, 12);

    private CallerSuppression() {
    }

    /**
     * The rows with small cells hidden, in the order given. {@code rows} must be the whole table, each
     * (channel, queue, granularity, interval) once; a table whose rows do not add up as above is refused.
     */
    public static List<ProtectedCallerRow> protect(List<CallerMetricsRow> rows, int minCell) {
        List<Integer> order = FigureTable.order(rows.stream().map(CallerSuppression::position).toList());
        List<CallerMetricsRow> ordered = order.stream().map(rows::get).toList();
        FigureTable table = new FigureTable(ordered.stream().map(CallerSuppression::position).toList());

        SmallCells cells = new SmallCells();
        int[][] cell = new int[ordered.size()][COUNTS.size()];
        for (int row = 0; row < ordered.size(); row++) {
            long[] counts = counts(ordered.get(row).counts());
            for (int column = 0; column < COUNTS.size(); column++) {
                cell[row][column] = column == ATTEMPTS ? cells.count(counts[column], column, row) : cells.person(counts[column], column, row);
            }
            cells.link(cell[row][CALLERS], cell[row][ATTEMPTS]);
            cells.link(cell[row][REACHED], cell[row][REACHED_FIRST_ATTEMPT]);
            cells.link(cell[row][REACHED], cell[row][REACHED_WITHIN_1_WORKING_DAY]);
        }
        for (int row = 0; row < ordered.size(); row++) {
            int[] c = cell[row];
            int r = row;
            cells.sum(c[CALLERS], List.of(c[REACHED], c[STILL_OPEN], c[NEVER_REACHED]),
                    () -> describe(table, r, "callers = reached + still_open + never_reached"));
            cells.sum(c[CALLERS], BUCKETS.stream().map(b -> c[b]).toList(), () -> describe(table, r, "callers = the attempt buckets"));
        }
        for (Map.Entry<Integer, List<Integer>> year : table.yearsOfMonths().entrySet()) {
            for (int column = 0; column < COUNTS.size(); column++) {
                sum(cells, cell, table, year, column, "the year's " + COUNTS.get(column) + " = the sum of its months'", true);
            }
        }
        for (Map.Entry<Integer, List<Integer>> month : table.monthsOfDays().entrySet()) {
            sum(cells, cell, table, month, ATTEMPTS, "the month's attempts = the sum of its days'", false);
        }
        for (Map.Entry<Integer, List<Integer>> week : table.weeksOfDays().entrySet()) {
            sum(cells, cell, table, week, ATTEMPTS, "the week's attempts = the sum of its days'", false);
        }
        for (Map.Entry<Integer, List<Integer>> all : table.allOfQueues().entrySet()) {
            sum(cells, cell, table, all, ATTEMPTS, "ALL's attempts = the sum of the queues'", true);
        }

        BitSet hidden = cells.hidden(minCell);
        ProtectedCallerRow[] protectedRows = new ProtectedCallerRow[rows.size()];
        for (int row = 0; row < ordered.size(); row++) {
            protectedRows[order.get(row)] = protectedRow(ordered.get(row), cell[row], hidden);
        }
        return List.of(protectedRows);
    }

    private static void sum(SmallCells cells, int[][] cell, FigureTable table, Map.Entry<Integer, List<Integer>> whole, int column,
                            String relation, boolean toSolve) {
        List<Integer> parts = whole.getValue().stream().map(part -> cell[part][column]).toList();
        if (toSolve) {
            cells.sum(cell[whole.getKey()][column], parts, () -> describe(table, whole.getKey(), relation));
        } else {
            cells.sumForTheRuleOnly(cell[whole.getKey()][column], parts, () -> describe(table, whole.getKey(), relation));
        }
    }

    /** Names a relation in an error without any count or queue name (a queue name is input). */
    private static String describe(FigureTable table, int row, String relation) {
        Position p = table.position(row);
        return relation + " (" + p.channel() + ", " + (p.queue().equals(FigureTable.ALL) ? "ALL" : "a queue") + ", "
                + p.granularity().label() + " from " + p.start() + ")";
    }

    private static Position position(CallerMetricsRow row) {
        return Position.of(row.channel(), row.queue(), row.granularity(), row.intervalStart(), null);
    }

    private static long[] counts(CallerCounts c) {
        return new long[] {c.callers(), c.reached(), c.reachedFirstAttempt(), c.reachedWithin1WorkingDay(), c.stillOpen(), c.neverReached(),
                c.attempts(), c.attempts1(), c.attempts2(), c.attempts3(), c.attempts4(), c.attempts5to9(), c.attempts10plus(),
                c.repeatAfterAnswer()};
    }

    private static ProtectedCallerRow protectedRow(CallerMetricsRow row, int[] cell, BitSet hidden) {
        long[] counts = counts(row.counts());
        Long[] shown = new Long[counts.length];
        List<String> suppressed = new ArrayList<>();
        for (int column = 0; column < counts.length; column++) {
            if (hidden.get(cell[column])) {
                suppressed.add(COUNTS.get(column));
            } else {
                shown[column] = counts[column];
            }
        }
        return new ProtectedCallerRow(row.channel(), row.queue(), row.granularity(), row.intervalStart(), shown[0], shown[1], shown[2],
                shown[3], shown[4], shown[5], shown[6], shown[7], shown[8], shown[9], shown[10], shown[11], shown[12], shown[13],
                row.counts().unidentifiedContacts(), row.spansKeyMonths(), row.finalRow(), row.repeatWindowTruncated(),
                String.join(";", suppressed));
    }
}
