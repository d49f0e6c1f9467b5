package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

class CallerSuppressionTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String PERSON_COLUMNS_OF_A_SMALL_ROW =
            "callers;reached;reached_first_attempt;reached_within_1_working_day;attempts;attempts_1;attempts_2";

    /** A caller row; the counts in the order callers, reached, first, within, still open, never, then buckets 1, 2, 3, 4, 5–9, 10+. */
    static CallerMetricsRow row(String queue, Granularity granularity, String start, long callers, long reached, long first, long within,
                                long stillOpen, long never, long[] buckets, long attempts, long repeat, long unidentified) {
        CallerCounts counts = new CallerCounts(callers, reached, first, within, stillOpen, never, attempts, buckets[0], buckets[1],
                buckets[2], buckets[3], buckets[4], buckets[5], repeat, unidentified, 0, 0);
        return new CallerMetricsRow(Channel.CALL, queue, granularity, LocalDate.parse(start).atStartOfDay(ZONE).toOffsetDateTime(), counts,
                granularity == Granularity.YEAR, true, false);
    }

    static long[] buckets(long... buckets) {
        return java.util.Arrays.copyOf(buckets, 6);
    }

    @Test
    void theColumnsAreTheIssuesCsvHeaderInOrder() {
        assertThat(String.join(",", CallerSuppression.COLUMNS)).isEqualTo("channel,queue,granularity,interval_start,callers,reached,"
                + "reached_first_attempt,reached_within_1_working_day,still_open,never_reached,attempts,attempts_1,attempts_2,attempts_3,"
                + "attempts_4,attempts_5_9,attempts_10_plus,repeat_after_answer,unidentified_contacts,spans_key_months,final,"
                + "repeat_window_truncated,suppressed_cells");
        ProtectedCallerRow row = CallerSuppression.protect(List.of(row("Q1", Granularity.MONTH, "2024-01-01", 40, 25, 20, 22, 0, 15,
                buckets(20, 10, 4, 3, 3, 0), 80, 3, 2)), 10).get(0);
        assertThat(row.values()).hasSameSizeAs(CallerSuppression.COLUMNS);
        assertThat(row.values().get(CallerSuppression.COLUMNS.indexOf("never_reached"))).isEqualTo(15L);
        assertThat(row.values().get(CallerSuppression.COLUMNS.indexOf("unidentified_contacts"))).isEqualTo(2L);
    }

    @Test
    void personCountsFromOneToNineAreEmptyAndNamedInColumnOrder() {
        // 40 callers = 25 reached + 0 + 15 never: no small cell. Buckets 20 + 10 + 4 + 3 + 3 + 0 = 40: the 4, 3 and 3
        // are hidden; that sum then has three hidden cells, so nothing more. Repeat 3 is hidden (it is in no sum).
        // 2 unidentified contacts are shown: they are contacts without a person.
        ProtectedCallerRow row = CallerSuppression.protect(List.of(row("Q1", Granularity.MONTH, "2024-01-01", 40, 25, 20, 22, 0, 15,
                buckets(20, 10, 4, 3, 3, 0), 80, 3, 2)), 10).get(0);

        assertThat(row.suppressedCells()).isEqualTo("attempts_3;attempts_4;attempts_5_9;repeat_after_answer");
        assertThat(row.attempts3()).isNull();
        assertThat(row.attempts4()).isNull();
        assertThat(row.attempts5to9()).isNull();
        assertThat(row.repeatAfterAnswer()).isNull();
        assertThat(row.callers()).isEqualTo(40);
        assertThat(row.stillOpen()).isZero();
        assertThat(row.attempts10plus()).isZero();
        assertThat(row.attempts()).isEqualTo(80);
        assertThat(row.unidentifiedContacts()).isEqualTo(2);
        assertThat(row.channel()).isEqualTo(Channel.CALL);
        assertThat(row.spansKeyMonths()).isFalse();
        assertThat(row.finalRow()).isTrue();
    }

    @Test
    void aRowSumWithOneHiddenCellHidesTheSmallestOtherNonZeroCell() {
        // 40 = 33 reached + 0 still open + 7 never: 7 is hidden, then the smallest other non-zero cell, 33
        // (the 0 stays shown, 40 is larger), and with it its parts, first 30 and within 31. Buckets 25 + 15 = 40: nothing small.
        ProtectedCallerRow row = CallerSuppression.protect(List.of(row("Q1", Granularity.MONTH, "2024-01-01", 40, 33, 30, 31, 0, 7,
                buckets(25, 15), 55, 12, 0)), 10).get(0);

        assertThat(row.suppressedCells()).isEqualTo("reached;reached_first_attempt;reached_within_1_working_day;never_reached");
        assertThat(row.reached()).isNull();
        assertThat(row.neverReached()).isNull();
        assertThat(row.callers()).isEqualTo(40);
        assertThat(row.stillOpen()).isZero();
    }

    @Test
    void aTieGoesToTheEarlierColumn() {
        // 45 = 20 reached + 20 still open + 5 never: 5 is hidden; of the two 20s, reached comes first.
        ProtectedCallerRow row = CallerSuppression.protect(List.of(row("Q1", Granularity.MONTH, "2024-01-01", 45, 20, 15, 18, 20, 5,
                buckets(45), 45, 10, 0)), 10).get(0);

        assertThat(row.suppressedCells()).isEqualTo("reached;reached_first_attempt;reached_within_1_working_day;never_reached");
        assertThat(row.stillOpen()).isEqualTo(20);
    }

    @Test
    void theShareReachedAtTheFirstAttemptGoesWithAHiddenReached() {
        // The naturalisatie row of the simulated month report: 171 callers, each of whom called once; 163 reached, all at the
        // first attempt and within a working day; 8 never. The 8 is hidden, and so is reached (163). Shown beside
        // it, 163 reached at the first attempt would give reached away (nobody tried twice, so reached = first)
        // and with it the 8: both parts of reached go with it.
        ProtectedCallerRow row = CallerSuppression.protect(List.of(row("Q1", Granularity.MONTH, "2024-01-01", 171, 163, 163, 163, 0, 8,
                buckets(171), 171, 0, 5)), 10).get(0);

        assertThat(row.suppressedCells()).isEqualTo("reached;reached_first_attempt;reached_within_1_working_day;never_reached");
        assertThat(List.of(row.callers(), row.stillOpen(), row.attempts1())).containsExactly(171L, 0L, 171L);
    }

    @Test
    void attemptsAreEmptyWheneverCallersAre() {
        // 6 callers, all reached at once: callers, reached, first, within and the buckets 3 and 3 are small;
        // the 9 attempts follow the callers. 0 still open, 0 never and 4 unidentified contacts are shown.
        ProtectedCallerRow row = CallerSuppression.protect(List.of(row("Q1", Granularity.DAY, "2024-01-02", 6, 6, 3, 6, 0, 0,
                buckets(3, 3), 9, 0, 4)), 10).get(0);

        assertThat(row.suppressedCells()).isEqualTo("callers;reached;reached_first_attempt;reached_within_1_working_day;attempts;"
                + "attempts_1;attempts_2");
        assertThat(row.attempts()).isNull();
        assertThat(row.neverReached()).isZero();
        assertThat(row.unidentifiedContacts()).isEqualTo(4);
    }

    /** January and February 2024 of one queue, and the year: every count of the year is the sum of the months'. */
    static List<CallerMetricsRow> twoMonthsAndTheirYear() {
        return List.of(
                row("Q1", Granularity.MONTH, "2024-01-01", 8, 8, 8, 8, 0, 0, buckets(4, 4), 12, 0, 1),
                row("Q1", Granularity.MONTH, "2024-02-01", 30, 30, 20, 25, 0, 0, buckets(20, 10), 40, 12, 3),
                row("Q1", Granularity.YEAR, "2024-01-01", 38, 38, 28, 33, 0, 0, buckets(24, 14), 52, 12, 4));
    }

    @Test
    void hidingRunsOnFromTheYearSumsIntoTheMonthRows() {
        // January's 8 callers, 8 reached (first, within) and buckets 4 and 4 are small; its 12 attempts follow.
        // Sums with one hidden cell, first declared first:
        //   year callers 38 = 8* + 30: February's 30 callers are hidden, and its 40 attempts with them;
        //   February 30* = 30 reached + 0 + 0: the only other non-zero cell, reached 30, is hidden;
        //   February 30* = 20 + 10 buckets: 10 (attempts_2) is hidden;
        //   year first 28 = 8* + 20: February's 20 is hidden; year within 33 = 8* + 25: February's 25;
        //   year attempts_1 24 = 4* + 20: February's 20 is hidden (attempts_2 14 = 4* + 10* has two already).
        // The year row stays whole; repeat (0 and 12) is never small.
        List<ProtectedCallerRow> rows = CallerSuppression.protect(twoMonthsAndTheirYear(), 10);

        assertThat(rows).extracting(ProtectedCallerRow::suppressedCells)
                .containsExactly(PERSON_COLUMNS_OF_A_SMALL_ROW, PERSON_COLUMNS_OF_A_SMALL_ROW, "");
        assertThat(rows.get(1).repeatAfterAnswer()).isEqualTo(12);
        assertThat(rows.get(2).callers()).isEqualTo(38);
        assertThat(rows.get(2).attempts()).isEqualTo(52);
    }

    @Test
    void hidingRunsOnFromOneQueuesAttemptsIntoTheOthersAndAll() {
        // One day, queues Q1 and Q2 and ALL. Q1: 5 callers, all reached, 3 once and 2 twice (7 attempts): small.
        // Q2: 40 callers, 30 reached, 10 never; 20 once, 20 twice (60 attempts): nothing small.
        // ALL: 44 callers (one called both queues), 34 reached, 10 never; 22 once, 21 twice, 1 three times (67).
        // Attempts add up over queues: 67 = 7* + 60, so Q2's 60 attempts are hidden (Q2's callers are not:
        // the link runs from callers to attempts). ALL's 1 (attempts_3) is small; 44 = 22 + 21 + 1* hides 21.
        List<ProtectedCallerRow> rows = CallerSuppression.protect(List.of(
                row("Q1", Granularity.DAY, "2024-03-05", 5, 5, 5, 5, 0, 0, buckets(3, 2), 7, 0, 0),
                row("Q2", Granularity.DAY, "2024-03-05", 40, 30, 20, 25, 0, 10, buckets(20, 20), 60, 11, 0),
                row("ALL", Granularity.DAY, "2024-03-05", 44, 34, 24, 29, 0, 10, buckets(22, 21, 1), 67, 11, 0)), 10);

        assertThat(rows).extracting(ProtectedCallerRow::suppressedCells)
                .containsExactly(PERSON_COLUMNS_OF_A_SMALL_ROW, "attempts", "attempts_2;attempts_3");
        assertThat(rows.get(1).callers()).isEqualTo(40);
        assertThat(rows.get(2).attempts()).isEqualTo(67);
    }

    @Test
    void attemptsAddUpOverTheDaysOfAMonthSoADaysHiddenAttemptsHideAnothersToo() {
        // March 4 (4 callers, 2 once and 2 twice: 6 attempts, all small) and March 5 (20 callers, 30 attempts);
        // the month: 23 callers (one called on both days), 12 once, 9 twice, 2 three times (36 attempts).
        // Callers do not add up over days, attempts do: 36 = 6* + 30 hides March 5's 30 attempts.
        // In the month, 2 (attempts_3) is small and 23 = 12 + 9 + 2* hides 9.
        List<ProtectedCallerRow> rows = CallerSuppression.protect(List.of(
                row("Q1", Granularity.DAY, "2024-03-04", 4, 4, 4, 4, 0, 0, buckets(2, 2), 6, 0, 0),
                row("Q1", Granularity.DAY, "2024-03-05", 20, 20, 15, 18, 0, 0, buckets(10, 10), 30, 0, 0),
                row("Q1", Granularity.MONTH, "2024-03-01", 23, 23, 18, 21, 0, 0, buckets(12, 9, 2), 36, 0, 0)), 10);

        assertThat(rows).extracting(ProtectedCallerRow::suppressedCells)
                .containsExactly(PERSON_COLUMNS_OF_A_SMALL_ROW, "attempts", "attempts_2;attempts_3");
    }

    @Test
    void minimumCellSizeOneShowsEveryCount() {
        List<ProtectedCallerRow> rows = CallerSuppression.protect(twoMonthsAndTheirYear(), 1);

        assertThat(rows).extracting(ProtectedCallerRow::suppressedCells).containsOnly("");
        assertThat(rows.get(0).callers()).isEqualTo(8);
        assertThat(rows.get(0).attempts1()).isEqualTo(4);
        assertThat(rows.get(0).attempts()).isEqualTo(12);
    }

    @Test
    void theHiddenCellsDoNotDependOnTheOrderOfTheRowsGiven() {
        List<CallerMetricsRow> given = new ArrayList<>(twoMonthsAndTheirYear());
        List<ProtectedCallerRow> expected = CallerSuppression.protect(given, 10);
        for (int seed = 1; seed <= 5; seed++) {
            List<CallerMetricsRow> shuffled = new ArrayList<>(given);
            Collections.shuffle(shuffled, new Random(seed));
            List<ProtectedCallerRow> rows = CallerSuppression.protect(shuffled, 10);
            for (int i = 0; i < shuffled.size(); i++) {
                assertThat(rows.get(i)).isEqualTo(expected.get(given.indexOf(shuffled.get(i))));
            }
        }
    }

    @Test
    void aTableWhoseYearIsNotTheSumOfItsMonthsIsRefusedWithoutNamingTheQueue() {
        List<CallerMetricsRow> rows = new ArrayList<>(twoMonthsAndTheirYear());
        rows.set(2, row("Secret queue", Granularity.YEAR, "2024-01-01", 38, 38, 28, 33, 0, 0, buckets(24, 14), 53, 12, 4));
        rows.set(0, row("Secret queue", Granularity.MONTH, "2024-01-01", 8, 8, 8, 8, 0, 0, buckets(4, 4), 12, 0, 1));
        rows.set(1, row("Secret queue", Granularity.MONTH, "2024-02-01", 30, 30, 20, 25, 0, 0, buckets(20, 10), 40, 12, 3));

        assertThatThrownBy(() -> CallerSuppression.protect(rows, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the figures do not add up: the year's attempts = the sum of its months' (CALL, a queue, year from 2024-01-01)");
    }

    @Test
    void aRowGivenTwiceIsRefused() {
        CallerMetricsRow row = twoMonthsAndTheirYear().get(0);
        assertThatThrownBy(() -> CallerSuppression.protect(List.of(row, row), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    }
}
