package nl.kic.analytics.domain.callers;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * Where a row of caller or reason figures stands in the whole table: its place in the fixed row order
 * (the order ties are broken in), and the rows it is the sum of. Interval starts carry the offset of
 * the configured zone, as the rows the product computes do, so their local date is the interval's.
 */
final class FigureTable {

    static final String ALL = "ALL";

    /** A row's position: reason is null for caller rows. */
    record Position(Channel channel, String queue, Granularity granularity, LocalDate start, String reason) {
        static Position of(Channel channel, String queue, Granularity granularity, OffsetDateTime start, String reason) {
            return new Position(channel, queue, granularity, start.toLocalDate(), reason);
        }

        Position withGranularity(Granularity other, LocalDate otherStart) {
            return new Position(channel, queue, other, otherStart, reason);
        }

        Position inQueue(String otherQueue) {
            return new Position(channel, otherQueue, granularity, start, reason);
        }
    }

    /** The row order: channel, reason, queue (ALL first, then by name), granularity (day to year), interval start. */
    static final Comparator<Position> ORDER = Comparator.comparing(Position::channel)
            .thenComparing(Position::reason, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> !p.queue().equals(ALL))
            .thenComparing(Position::queue)
            .thenComparing(Position::granularity)
            .thenComparing(Position::start);

    /** The indexes of {@code positions} in the row order. */
    static List<Integer> order(List<Position> positions) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> ORDER.compare(positions.get(a), positions.get(b)));
        return order;
    }

    private final List<Position> positions;
    private final Map<Position, Integer> rowAt = new HashMap<>();

    /** {@code positions} in the row order; each at most once. */
    FigureTable(List<Position> positions) {
        this.positions = positions;
        for (int row = 0; row < positions.size(); row++) {
            if (rowAt.put(positions.get(row), row) != null) {
                throw new IllegalArgumentException("a figure row is given twice (row " + (row + 1) + " of the table)");
            }
        }
    }

    int size() {
        return positions.size();
    }

    Position position(int row) {
        return positions.get(row);
    }

    /*
     * Each whole comes with the rows it is the sum of; a row that is missing counts as zero (a period
     * without any contact has no row). A whole none of whose part rows is in the table (a table of
     * months only) is left out: no reader can form that sum from the table.
     */

    /** Each year row (by row number, in row order) with its month rows. */
    Map<Integer, List<Integer>> yearsOfMonths() {
        return partsOf(Granularity.MONTH, Granularity.YEAR, d -> d.withDayOfYear(1));
    }

    /** Each month row with its day rows. */
    Map<Integer, List<Integer>> monthsOfDays() {
        return partsOf(Granularity.DAY, Granularity.MONTH, d -> d.withDayOfMonth(1));
    }

    /** Each week row with its day rows. */
    Map<Integer, List<Integer>> weeksOfDays() {
        return partsOf(Granularity.DAY, Granularity.WEEK, d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** Each ALL row with the rows of the single queues of the same channel, reason, granularity and interval. */
    Map<Integer, List<Integer>> allOfQueues() {
        Map<Integer, List<Integer>> parts = wholes(p -> p.queue().equals(ALL));
        for (int row = 0; row < positions.size(); row++) {
            Position p = positions.get(row);
            if (!p.queue().equals(ALL)) {
                addPart(parts, rowAt.get(p.inQueue(ALL)), row);
            }
        }
        return withParts(parts);
    }

    private static Map<Integer, List<Integer>> withParts(Map<Integer, List<Integer>> parts) {
        parts.values().removeIf(List::isEmpty);
        return parts;
    }

    private Map<Integer, List<Integer>> partsOf(Granularity part, Granularity whole, UnaryOperator<LocalDate> wholeStart) {
        Map<Integer, List<Integer>> parts = wholes(p -> p.granularity() == whole);
        for (int row = 0; row < positions.size(); row++) {
            Position p = positions.get(row);
            if (p.granularity() == part) {
                addPart(parts, rowAt.get(p.withGranularity(whole, wholeStart.apply(p.start()))), row);
            }
        }
        return withParts(parts);
    }

    /** Every row that is a whole, with no parts yet. */
    private Map<Integer, List<Integer>> wholes(Predicate<Position> isWhole) {
        Map<Integer, List<Integer>> parts = new TreeMap<>();
        for (int row = 0; row < positions.size(); row++) {
            if (isWhole.test(positions.get(row))) {
                parts.put(row, new ArrayList<>());
            }
        }
        return parts;
    }

    private static void addPart(Map<Integer, List<Integer>> parts, Integer whole, int row) {
        // A part whose whole row is not in the table adds nothing anyone can read a sum from.
        if (whole != null) {
            parts.get(whole).add(row);
        }
    }
}
