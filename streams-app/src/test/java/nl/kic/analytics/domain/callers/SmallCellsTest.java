package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallCellsTest {

    private static BitSet cells(int... cells) {
        BitSet set = new BitSet();
        for (int cell : cells) {
            set.set(cell);
        }
        return set;
    }

    @Test
    void primarySuppressionHidesPersonCountsFromOneToKMinusOneAndShowsZero() {
        SmallCells table = new SmallCells();
        int zero = table.person(0, 0, 0);
        int one = table.person(1, 1, 0);
        int nine = table.person(9, 2, 0);
        int ten = table.person(10, 3, 0);
        int many = table.person(25, 4, 0);
        int smallCount = table.count(3, 5, 0); // not a person count: no primary suppression

        assertThat(table.hidden(10)).isEqualTo(cells(one, nine));
        assertThat(List.of(zero, ten, many, smallCount)).noneMatch(table.hidden(10)::get);
    }

    @Test
    void minimumCellSizeOneHidesNothing() {
        SmallCells table = new SmallCells();
        int whole = table.person(3, 0, 0);
        table.sum(whole, List.of(table.person(1, 1, 0), table.person(2, 2, 0)), () -> "row");

        assertThat(table.hidden(1)).isEqualTo(new BitSet());
        assertThatThrownBy(() -> table.hidden(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or more");
    }

    @Test
    void aSumWithOneHiddenCellGetsTheSmallestOtherNonZeroCellHidden() {
        // 30 = 4 + 12 + 14: 4 is hidden (primary); 30 − 12 − 14 would give it back, so the smallest other
        // non-zero cell, 12, is hidden too; then the sum has two hidden cells and 30 and 14 stay.
        SmallCells table = new SmallCells();
        int whole = table.person(30, 0, 0);
        int four = table.person(4, 1, 0);
        int twelve = table.person(12, 2, 0);
        table.sum(whole, List.of(four, twelve, table.person(14, 3, 0)), () -> "row");

        assertThat(table.hidden(10)).isEqualTo(cells(four, twelve));
    }

    @Test
    void tiesGoToTheLowerColumnThenTheLowerRow() {
        // 49 = 5 (column 1) + 12 (column 3) + 12 (column 2) + 20 (column 4): of the two 12s, column 2's.
        SmallCells byColumn = new SmallCells();
        int five = byColumn.person(5, 1, 0);
        int twelveInColumn2 = byColumn.person(12, 2, 0);
        byColumn.sum(byColumn.person(49, 0, 0), List.of(five, byColumn.person(12, 3, 0), twelveInColumn2, byColumn.person(20, 4, 0)),
                () -> "row");
        assertThat(byColumn.hidden(10)).isEqualTo(cells(five, twelveInColumn2));

        // A column sum: 50 (row 12) = 3 (row 0) + 10 (row 5) + 10 (row 2) + 27 (row 7): of the two 10s, row 2's.
        SmallCells byRow = new SmallCells();
        int three = byRow.person(3, 5, 0);
        int tenInRow2 = byRow.person(10, 5, 2);
        byRow.sum(byRow.person(50, 5, 12), List.of(three, byRow.person(10, 5, 5), tenInRow2, byRow.person(27, 5, 7)), () -> "column");
        assertThat(byRow.hidden(10)).isEqualTo(cells(three, tenInRow2));
    }

    @Test
    void zerosAreNeverHiddenSoTheSecondCellIsTheNextNonZeroOne() {
        // 15 = 0 + 3 + 0 + 12: the zeros are smaller than 12 but are shown; 12 is hidden with the 3.
        SmallCells table = new SmallCells();
        int whole = table.person(15, 0, 0);
        int three = table.person(3, 2, 0);
        int twelve = table.person(12, 4, 0);
        table.sum(whole, List.of(table.person(0, 1, 0), three, table.person(0, 3, 0), twelve), () -> "row");

        assertThat(table.hidden(10)).isEqualTo(cells(three, twelve));
    }

    @Test
    void whenEveryOtherPartIsZeroTheWholeIsHidden() {
        // 14 = 14 + 0 + 0 with the part hidden would be read off the whole; the whole (a count that is
        // never hidden for itself) is the only other non-zero cell, so it is hidden.
        SmallCells table = new SmallCells();
        int whole = table.count(4, 0, 0);
        int part = table.person(4, 1, 0);
        table.sum(whole, List.of(part, table.person(0, 2, 0), table.person(0, 3, 0)), () -> "row");

        assertThat(table.hidden(10)).isEqualTo(cells(whole, part));
    }

    @Test
    void aLinkedCellIsHiddenWithItsLeaderAlsoWhenTheLeaderIsHiddenSecondarily() {
        // callers: year 23 = January 3 + February 20; attempts follow callers: 35 = 5 + 30.
        // January's 3 is hidden, so is its 5 attempts (link). The callers sum then has one hidden cell:
        // February's 20 (smaller than 23) is hidden, and with it February's 30 attempts. The attempts sum
        // has two hidden cells; the year's 23 callers and 35 attempts stay.
        SmallCells table = new SmallCells();
        int januaryCallers = table.person(3, 0, 0);
        int februaryCallers = table.person(20, 0, 1);
        int yearCallers = table.person(23, 0, 2);
        int januaryAttempts = table.count(5, 1, 0);
        int februaryAttempts = table.count(30, 1, 1);
        int yearAttempts = table.count(35, 1, 2);
        table.link(januaryCallers, januaryAttempts);
        table.link(februaryCallers, februaryAttempts);
        table.link(yearCallers, yearAttempts);
        table.sum(yearCallers, List.of(januaryCallers, februaryCallers), () -> "callers");
        table.sum(yearAttempts, List.of(januaryAttempts, februaryAttempts), () -> "attempts");

        assertThat(table.hidden(10)).isEqualTo(cells(januaryCallers, februaryCallers, januaryAttempts, februaryAttempts));
    }

    @Test
    void aLinkedZeroStaysShown() {
        SmallCells table = new SmallCells();
        int callers = table.person(2, 0, 0);
        int zero = table.count(0, 1, 0);
        table.link(callers, zero);
        assertThat(table.hidden(10)).isEqualTo(cells(callers));
    }

    @Test
    void hidingRunsOnAcrossRowAndColumnSumsUntilNoSumHasExactlyOneHiddenCell() {
        // Rows January, February, year; columns callers = reached + never_reached.
        //              callers reached never
        //   January       25      4     21
        //   February      40     26     14
        //   year          65     30     35
        // 4 is hidden. January's row has one hidden cell: 21 (< 25) is hidden. The reached column
        // (30 = 4 + 26) has one: 26 is hidden. February's row (40 = 26 + 14) has one: 14 is hidden.
        // The never column (35 = 21 + 14) then has two. Every callers cell and the year's 30 and 35 stay;
        // the four hidden cells move together (4 + t, 21 − t, 26 − t, 14 + t), none can be worked out.
        SmallCells table = new SmallCells();
        int[][] cell = new int[3][3];
        long[][] values = {{25, 4, 21}, {40, 26, 14}, {65, 30, 35}};
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                cell[row][column] = table.person(values[row][column], column, row);
            }
        }
        for (int row = 0; row < 3; row++) {
            table.sum(cell[row][0], List.of(cell[row][1], cell[row][2]), () -> "row");
        }
        for (int column = 0; column < 3; column++) {
            table.sum(cell[2][column], List.of(cell[0][column], cell[1][column]), () -> "column");
        }

        BitSet hidden = table.hidden(10);
        assertThat(hidden).isEqualTo(cells(cell[0][1], cell[0][2], cell[1][1], cell[1][2]));
        assertThat(audit(table, hidden).derivable(0)).isEmpty();
        assertThat(audit(table, hidden).derivable(1)).isEmpty();
    }

    @Test
    void aSumThatDoesNotAddUpIsRefusedWithItsName() {
        SmallCells table = new SmallCells();
        int whole = table.person(10, 0, 0);
        List<Integer> parts = List.of(table.person(4, 1, 0), table.person(5, 2, 0));
        assertThatThrownBy(() -> table.sum(whole, parts, () -> "callers = reached + never_reached"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the figures do not add up: callers = reached + never_reached");
        assertThatThrownBy(() -> table.person(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCellTheSumsStillFixAfterTheRuleGetsOneMoreCellHiddenBesideIt() {
        // A two-way table with row totals (last column) and column totals (last row); cells numbered row by row:
        //        16  22  16 |  54          0  1  2 |  3
        //         9   5  21 |  35          4  5  6 |  7
        //        23   0  11 |  34          8  9 10 | 11
        //         0   0   5 |   5         12 13 14 | 15
        //        48  27  53 | 128         16 17 18 | 19
        // Primary: 9, 5 (row 2) and 5, 5 (row 4). Sums with one hidden cell, first declared first:
        // column 1 hides 16 (cell 0); row 1 then hides its other 16 (cell 2); column 2 hides 22; column 4
        // hides 34; row 3 then hides 11. Every sum now has 0 or at least 2 hidden cells, yet a reader finds
        // cell 2. Row 4: its two 5s are equal (x = y). Column 4: 54 + 35 + 34* + y = 128, so 34* = 39 − y.
        // Row 3: 11* = 34* − 23 = 16 − y. Column 3: 16* = 53 − 21 − 11* − x = 32 − (16 − y) − y = 16.
        // So the product solves the sums as a reader would: cell 2 is fixed, and the smallest visible
        // non-zero cell of its first sum (row 1: 54) is hidden too. Then cell 2 = 54* − 38 moves with 54*.
        long[][] values = {{16, 22, 16, 54}, {9, 5, 21, 35}, {23, 0, 11, 34}, {0, 0, 5, 5}, {48, 27, 53, 128}};
        SmallCells table = twoWay(values);

        BitSet hidden = table.hidden(10);
        assertThat(hidden).isEqualTo(cells(0, 1, 2, 3, 4, 5, 10, 11, 14, 15));
        assertThat(audit(table, hidden).derivable(0)).isEmpty();

        // The audit does find cell 2 in the pattern the rule alone leaves.
        assertThat(audit(table, cells(0, 1, 2, 4, 5, 10, 11, 14, 15)).derivable(0)).containsOnlyKeys("c2");
    }

    @Test
    void sumsForTheRuleOnlyGetTheRuleButAreNotSolved() {
        // The same table with its column sums for the rule only: the rule hides the same nine cells, and the
        // solver, seeing only the row sums (each with 0, 2 or 3 hidden cells), finds nothing to add.
        long[][] values = {{16, 22, 16, 54}, {9, 5, 21, 35}, {23, 0, 11, 34}, {0, 0, 5, 5}, {48, 27, 53, 128}};
        assertThat(twoWay(values, false).hidden(10)).isEqualTo(cells(0, 1, 2, 4, 5, 10, 11, 14, 15));
    }

    @Test
    void noHiddenCellOfRandomTwoWayTablesCanBeWorkedOut() {
        // Tables of 2 to 5 rows and columns of counts from 0 to 24 (a quarter zero), with their totals.
        int hiddenCells = 0;
        for (int seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            int rows = 2 + random.nextInt(4);
            int columns = 2 + random.nextInt(4);
            long[][] values = new long[rows + 1][columns + 1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    long value = random.nextInt(4) == 0 ? 0 : random.nextInt(25);
                    values[r][c] = value;
                    values[r][columns] += value;
                    values[rows][c] += value;
                    values[rows][columns] += value;
                }
            }
            SmallCells table = twoWay(values);
            BitSet hidden = table.hidden(10);
            for (int cell = 0; cell < table.size(); cell++) {
                if (table.value(cell) >= 1 && table.value(cell) <= 9) {
                    assertThat(hidden.get(cell)).as("seed %d cell %d", seed, cell).isTrue();
                }
            }
            assertThat(audit(table, hidden).derivable(0)).as("seed %d", seed).isEmpty();
            hiddenCells += hidden.cardinality();
        }
        assertThat(hiddenCells).as("the tables do exercise the protection").isGreaterThan(1000);
    }

    @Test
    void hiddenPartsThatAddUpToTheirNumberGetAnotherCellHiddenForAHiddenCellIsNeverZero() {
        // 30 callers = 28 reached + 1 still open + 1 never: the two 1s are hidden, and the sum has two hidden
        // cells, as the rule asks. But zeros are shown, so a hidden cell is at least 1, and two hidden parts
        // adding up to 30 − 28 = 2 are both 1. So the smallest other non-zero cell, 28, is hidden too: then
        // 30 = r + s + n with each at least 1 leaves each free.
        SmallCells table = new SmallCells();
        int callers = table.person(30, 0, 0);
        int reached = table.person(28, 1, 0);
        int stillOpen = table.person(1, 2, 0);
        int never = table.person(1, 3, 0);
        table.sum(callers, List.of(reached, stillOpen, never), () -> "row");

        BitSet hidden = table.hidden(10);
        assertThat(hidden).isEqualTo(cells(reached, stillOpen, never));
        assertThat(audit(table, hidden).derivable(1)).isEmpty();
        // Without the third cell, a reader who knows hidden cells are not zero finds both 1s.
        assertThat(audit(table, cells(stillOpen, never)).derivable(1)).containsOnlyKeys("c" + stillOpen, "c" + never);
        assertThat(audit(table, cells(stillOpen, never)).derivable(0)).isEmpty();
    }

    /** Cells row by row, numbered from 0; each row's last cell is the sum of the others, the last row the sum of the rows. */
    private static SmallCells twoWay(long[][] values) {
        return twoWay(values, true);
    }

    private static SmallCells twoWay(long[][] values, boolean solveColumns) {
        int rows = values.length;
        int columns = values[0].length;
        SmallCells table = new SmallCells();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                table.person(values[r][c], c, r);
            }
        }
        for (int r = 0; r < rows; r++) {
            List<Integer> parts = new ArrayList<>();
            for (int c = 0; c < columns - 1; c++) {
                parts.add(r * columns + c);
            }
            table.sum(r * columns + columns - 1, parts, () -> "row");
        }
        for (int c = 0; c < columns; c++) {
            List<Integer> parts = new ArrayList<>();
            for (int r = 0; r < rows - 1; r++) {
                parts.add(r * columns + c);
            }
            if (solveColumns) {
                table.sum((rows - 1) * columns + c, parts, () -> "column");
            } else {
                table.sumForTheRuleOnly((rows - 1) * columns + c, parts, () -> "column");
            }
        }
        return table;
    }

    /** The audit of a table, with the sums it declares as a reader would know them. */
    private static DisclosureAudit audit(SmallCells table, BitSet hidden) {
        DisclosureAudit audit = new DisclosureAudit();
        for (int cell = 0; cell < table.size(); cell++) {
            audit.cell("c" + cell, hidden.get(cell) ? null : table.value(cell));
        }
        for (int[] sum : table.sums()) {
            List<String> parts = new ArrayList<>();
            for (int i = 1; i < sum.length; i++) {
                parts.add("c" + sum[i]);
            }
            audit.sum("c" + sum[0], parts);
        }
        return audit;
    }
}
