package nl.kic.analytics.domain.callers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.kic.analytics.domain.callers.FigureTable.Position;

/**
 * Small cells of the reason figures protected before they leave the product (docs/metrics.md, "Small
 * cells in caller and reason figures"). A reason row's {@code contacts}, {@code answered} and
 * {@code repeat_after_answer} count contacts of few people: each from 1 to k−1 is hidden. They are
 * contacts, so they add up over queues and over time; the sums protected, in this order:
 * <ol>
 *   <li>each year row = the sum of its month rows (same channel, queue and reason);</li>
 *   <li>each month row and each week row = the sum of its day rows;</li>
 *   <li>each ALL row = the sum of its queues' rows (same channel, reason, granularity and interval).</li>
 * </ol>
 * The ratios are emptied where they would give a hidden count back or describe too few people:
 * <ul>
 *   <li>{@code answered_share} (answered ÷ every answered contact of the channel, queue and interval,
 *       a figure published elsewhere) when {@code answered} is hidden;</li>
 *   <li>{@code repeat_after_answer_rate} (repeat ÷ answered contacts with a caller key) when
 *       {@code repeat_after_answer} is hidden, and also when {@code answered} is: with the repeat count,
 *       the rate gives the number of answered contacts with a key, which is at most {@code answered};</li>
 *   <li>{@code aht_seconds} (talk time ÷ answered contacts with a known talk time) when {@code answered}
 *       is hidden, or when fewer than k contacts have a known talk time: a mean of fewer than k people's
 *       calls describes those people.</li>
 * </ul>
 * Those columns are then named in {@code suppressed_cells}. A ratio whose denominator is zero is empty
 * too, but is not suppressed: it is undefined.
 */
public final class ReasonSuppression {

    /** The columns of a protected reason row, in order (the CSV header and the API's field order). */
    public static final List<String> COLUMNS = List.of("channel", "queue", "granularity", "interval_start", "reason", "contacts", "answered",
            "answered_share", "repeat_after_answer", "repeat_after_answer_rate", "aht_seconds", "suppressed_cells");

    private static final List<String> COUNTS = List.of("contacts", "answered", "repeat_after_answer");
    private static final int CONTACTS = 0;
    private static final int ANSWERED = 1;
    private static final int REPEAT = 2;

    private ReasonSuppression() {
    }

    /**
     * The rows with small cells hidden, in the order given. {@code rows} must be the whole table, each
     * (channel, queue, granularity, interval, reason) once; a table whose rows do not add up is refused.
     */
    public static List<ProtectedReasonRow> protect(List<ReasonMetricsRow> rows, int minCell) {
        List<Integer> order = FigureTable.order(rows.stream().map(ReasonSuppression::position).toList());
        List<ReasonMetricsRow> ordered = order.stream().map(rows::get).toList();
        FigureTable table = new FigureTable(ordered.stream().map(ReasonSuppression::position).toList());

        SmallCells cells = new SmallCells();
        int[][] cell = new int[ordered.size()][COUNTS.size()];
        for (int row = 0; row < ordered.size(); row++) {
            long[] counts = counts(ordered.get(row).counts());
            for (int column = 0; column < COUNTS.size(); column++) {
                cell[row][column] = cells.person(counts[column], COLUMNS.indexOf(COUNTS.get(column)), row);
            }
        }
        declare(cells, cell, table, table.yearsOfMonths(), "the year's %s = the sum of its months'", true);
        declare(cells, cell, table, table.monthsOfDays(), "the month's %s = the sum of its days'", false);
        declare(cells, cell, table, table.weeksOfDays(), "the week's %s = the sum of its days'", false);
        declare(cells, cell, table, table.allOfQueues(), "ALL's %s = the sum of the queues'", true);

        BitSet hidden = cells.hidden(minCell);
        ProtectedReasonRow[] protectedRows = new ProtectedReasonRow[rows.size()];
        for (int row = 0; row < ordered.size(); row++) {
            int[] c = cell[row];
            protectedRows[order.get(row)] = protectedRow(ordered.get(row), hidden.get(c[CONTACTS]), hidden.get(c[ANSWERED]),
                    hidden.get(c[REPEAT]), minCell);
        }
        return List.of(protectedRows);
    }

    private static void declare(SmallCells cells, int[][] cell, FigureTable table, Map<Integer, List<Integer>> wholes, String relation,
                                boolean toSolve) {
        for (int column = 0; column < COUNTS.size(); column++) {
            int c = column;
            for (Map.Entry<Integer, List<Integer>> whole : wholes.entrySet()) {
                List<Integer> parts = whole.getValue().stream().map(part -> cell[part][c]).toList();
                Supplier<String> description = () -> describe(table, whole.getKey(), relation.formatted(COUNTS.get(c)));
                if (toSolve) {
                    cells.sum(cell[whole.getKey()][c], parts, description);
                } else {
                    cells.sumForTheRuleOnly(cell[whole.getKey()][c], parts, description);
                }
            }
        }
    }

    /** Names a relation in an error without any count, queue or reason (they are input). */
    private static String describe(FigureTable table, int row, String relation) {
        Position p = table.position(row);
        return relation + " (" + p.channel() + ", " + (p.queue().equals(FigureTable.ALL) ? "ALL" : "a queue") + ", "
                + p.granularity().label() + " from " + p.start() + ")";
    }

    private static Position position(ReasonMetricsRow row) {
        return Position.of(row.channel(), row.queue(), row.granularity(), row.intervalStart(), row.reason());
    }

    private static long[] counts(ReasonCounts c) {
        return new long[] {c.contacts(), c.answered(), c.repeatAfterAnswer()};
    }

    private static ProtectedReasonRow protectedRow(ReasonMetricsRow row, boolean contactsHidden, boolean answeredHidden,
                                                   boolean repeatHidden, int minCell) {
        ReasonCounts c = row.counts();
        boolean shareHidden = answeredHidden;
        boolean rateHidden = repeatHidden || answeredHidden;
        boolean ahtHidden = answeredHidden || c.talked() >= 1 && c.talked() < minCell;
        List<String> suppressed = new ArrayList<>();
        addIf(suppressed, contactsHidden, "contacts");
        addIf(suppressed, answeredHidden, "answered");
        addIf(suppressed, shareHidden && row.answeredInInterval() > 0, "answered_share");
        addIf(suppressed, repeatHidden, "repeat_after_answer");
        addIf(suppressed, rateHidden && c.answeredWithKey() > 0, "repeat_after_answer_rate");
        addIf(suppressed, ahtHidden && c.talked() > 0, "aht_seconds");
        return new ProtectedReasonRow(row.channel(), row.queue(), row.granularity(), row.intervalStart(), row.reason(),
                contactsHidden ? null : c.contacts(),
                answeredHidden ? null : c.answered(),
                shareHidden ? null : ratio(c.answered(), row.answeredInInterval()),
                repeatHidden ? null : c.repeatAfterAnswer(),
                rateHidden ? null : ratio(c.repeatAfterAnswer(), c.answeredWithKey()),
                ahtHidden ? null : ratio(c.talkMillis(), c.talked() * 1000),
                String.join(";", suppressed));
    }

    private static void addIf(List<String> suppressed, boolean hidden, String column) {
        if (hidden) {
            suppressed.add(column);
        }
    }

    /** numerator ÷ denominator, or null (empty) when the denominator is zero. */
    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
