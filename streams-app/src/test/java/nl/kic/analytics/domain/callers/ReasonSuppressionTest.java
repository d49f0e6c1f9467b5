package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

class ReasonSuppressionTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String EVERY_ANSWERED_COLUMN = "contacts;answered;answered_share;repeat_after_answer_rate;aht_seconds";

    static ReasonMetricsRow row(String queue, Granularity granularity, String start, String reason, long contacts, long answered,
                                long answeredWithKey, long repeat, long talkMillis, long talked, long answeredInInterval) {
        return new ReasonMetricsRow(Channel.CALL, queue, granularity, LocalDate.parse(start).atStartOfDay(ZONE).toOffsetDateTime(), reason,
                new ReasonCounts(contacts, answered, answeredWithKey, repeat, talkMillis, talked), answeredInInterval);
    }

    private static ProtectedReasonRow one(ReasonMetricsRow row) {
        return ReasonSuppression.protect(List.of(row), 10).get(0);
    }

    @Test
    void theColumnsAreTheIssuesCsvHeaderInOrder() {
        assertThat(String.join(",", ReasonSuppression.COLUMNS)).isEqualTo("channel,queue,granularity,interval_start,reason,contacts,"
                + "answered,answered_share,repeat_after_answer,repeat_after_answer_rate,aht_seconds,suppressed_cells");
        ProtectedReasonRow row = one(row("Q1", Granularity.MONTH, "2024-01-01", "verlenging", 25, 20, 18, 4, 6_000_000, 20, 80));
        assertThat(row.values()).hasSameSizeAs(ReasonSuppression.COLUMNS);
        assertThat(row.values().get(ReasonSuppression.COLUMNS.indexOf("reason"))).isEqualTo("verlenging");
    }

    @Test
    void aSmallRepeatCountEmptiesItsRateAndNothingElse() {
        // 25 contacts, 20 answered of the queue's 80 answered (share 0.25); 4 repeats are hidden, and with them
        // the rate 4 / 18. Talk: 6,000,000 ms over 20 calls = 300 s.
        ProtectedReasonRow row = one(row("Q1", Granularity.MONTH, "2024-01-01", "verlenging", 25, 20, 18, 4, 6_000_000, 20, 80));

        assertThat(row.suppressedCells()).isEqualTo("repeat_after_answer;repeat_after_answer_rate");
        assertThat(row.repeatAfterAnswer()).isNull();
        assertThat(row.repeatAfterAnswerRate()).isNull();
        assertThat(row.contacts()).isEqualTo(25);
        assertThat(row.answered()).isEqualTo(20);
        assertThat(row.answeredShare()).isEqualTo(0.25);
        assertThat(row.ahtSeconds()).isEqualTo(300.0);
    }

    @Test
    void aSmallAnsweredCountEmptiesItsShareTheRepeatRateAndTheMeanTalkTime() {
        // 7 answered (of 50) is hidden: 7/50 would give it back; the rate 0/7 with the 0 repeats would give the 7
        // answered with a key; the mean talk time of 7 calls describes 7 people. 12 contacts and 0 repeats are shown.
        ProtectedReasonRow row = one(row("Q1", Granularity.DAY, "2024-01-02", "naturalisatie", 12, 7, 7, 0, 2_100_000, 7, 50));

        assertThat(row.suppressedCells()).isEqualTo("answered;answered_share;repeat_after_answer_rate;aht_seconds");
        assertThat(row.answered()).isNull();
        assertThat(row.answeredShare()).isNull();
        assertThat(row.repeatAfterAnswerRate()).isNull();
        assertThat(row.ahtSeconds()).isNull();
        assertThat(row.contacts()).isEqualTo(12);
        assertThat(row.repeatAfterAnswer()).isZero();
    }

    @Test
    void theMeanTalkTimeOfFewerThanKCallsIsEmptyThoughAnsweredIsShown() {
        // 15 answered (15/60 = 0.25), of which only 4 have ended: their mean, 1,200,000 ms / 4 = 300 s, is hidden.
        // 0 repeats of 15 with a key: rate 0.
        ProtectedReasonRow row = one(row("Q1", Granularity.DAY, "2024-01-02", "gezin", 20, 15, 15, 0, 1_200_000, 4, 60));

        assertThat(row.suppressedCells()).isEqualTo("aht_seconds");
        assertThat(row.ahtSeconds()).isNull();
        assertThat(row.answeredShare()).isEqualTo(0.25);
        assertThat(row.repeatAfterAnswerRate()).isEqualTo(0.0);
    }

    @Test
    void ratiosWithoutADenominatorAreEmptyButNotSuppressed() {
        // 12 contacts, none answered, in an interval without any answered contact: every ratio is 0 / 0.
        ProtectedReasonRow row = one(row("Q1", Granularity.DAY, "2024-01-02", "gezin", 12, 0, 0, 0, 0, 0, 0));

        assertThat(row.suppressedCells()).isEmpty();
        assertThat(row.answeredShare()).isNull();
        assertThat(row.repeatAfterAnswerRate()).isNull();
        assertThat(row.ahtSeconds()).isNull();
        assertThat(row.answered()).isZero();
    }

    @Test
    void reasonCountsAddUpOverQueuesSoAQueuesHiddenCellHidesAnothers() {
        // One reason, one day. contacts: ALL 33 = Q1 3* + Q2 30, so Q2's 30 is hidden (30 < 33);
        // answered: ALL 27 = Q1 2* + Q2 25, so Q2's 25 is hidden; repeats 11 = 0 + 11: nothing small.
        List<ProtectedReasonRow> rows = ReasonSuppression.protect(List.of(
                row("Q1", Granularity.DAY, "2024-03-05", "verlenging", 3, 2, 2, 0, 600_000, 2, 40),
                row("Q2", Granularity.DAY, "2024-03-05", "verlenging", 30, 25, 20, 11, 7_500_000, 25, 100),
                row("ALL", Granularity.DAY, "2024-03-05", "verlenging", 33, 27, 22, 11, 8_100_000, 27, 140)), 10);

        assertThat(rows).extracting(ProtectedReasonRow::suppressedCells).containsExactly(EVERY_ANSWERED_COLUMN, EVERY_ANSWERED_COLUMN, "");
        assertThat(rows.get(1).repeatAfterAnswer()).isEqualTo(11);
        assertThat(rows.get(2).answeredShare()).isEqualTo(27.0 / 140);
        assertThat(rows.get(2).repeatAfterAnswerRate()).isEqualTo(0.5);     // 11 / 22
        assertThat(rows.get(2).ahtSeconds()).isEqualTo(300.0);              // 8,100,000 ms / 27
    }

    @Test
    void hidingRunsOnFromTheYearIntoAMonthAndFromTheMonthIntoItsDays() {
        // contacts of one reason: January 5 (no day rows given), February 40 = February 1st 15 + 2nd 25, year 45.
        // 5 is hidden; year 45 = 5* + 40 hides February's 40; February 40* = 15 + 25 then hides the 15.
        // answered (0, 30 = 12 + 18, year 30) and repeats (all 0) have no small cell.
        List<ProtectedReasonRow> rows = ReasonSuppression.protect(List.of(
                row("Q1", Granularity.MONTH, "2024-01-01", "gezin", 5, 0, 0, 0, 0, 0, 70),
                row("Q1", Granularity.MONTH, "2024-02-01", "gezin", 40, 30, 30, 0, 9_000_000, 30, 90),
                row("Q1", Granularity.DAY, "2024-02-01", "gezin", 15, 12, 12, 0, 3_600_000, 12, 40),
                row("Q1", Granularity.DAY, "2024-02-02", "gezin", 25, 18, 18, 0, 5_400_000, 18, 50),
                row("Q1", Granularity.YEAR, "2024-01-01", "gezin", 45, 30, 30, 0, 9_000_000, 30, 160)), 10);

        assertThat(rows).extracting(ProtectedReasonRow::suppressedCells).containsExactly("contacts", "contacts", "contacts", "", "");
        assertThat(rows.get(1).answered()).isEqualTo(30);
        assertThat(rows.get(4).contacts()).isEqualTo(45);
    }

    @Test
    void rowsOfOtherReasonsAreNotSummed() {
        // Two reasons in one queue and ALL: each reason's ALL is the sum of its own queue rows only.
        // Reason a: ALL 12 = Q1 12, no small cell. Reason b: ALL 4 = Q1 4: both hidden (primary).
        List<ProtectedReasonRow> rows = ReasonSuppression.protect(List.of(
                row("Q1", Granularity.DAY, "2024-03-05", "a", 12, 0, 0, 0, 0, 0, 0),
                row("ALL", Granularity.DAY, "2024-03-05", "a", 12, 0, 0, 0, 0, 0, 0),
                row("Q1", Granularity.DAY, "2024-03-05", "b", 4, 0, 0, 0, 0, 0, 0),
                row("ALL", Granularity.DAY, "2024-03-05", "b", 4, 0, 0, 0, 0, 0, 0)), 10);

        assertThat(rows).extracting(ProtectedReasonRow::suppressedCells).containsExactly("", "", "contacts", "contacts");
    }

    @Test
    void minimumCellSizeOneShowsEveryCountAndRatio() {
        ProtectedReasonRow row = ReasonSuppression.protect(List.of(row("Q1", Granularity.DAY, "2024-01-02", "gezin", 3, 2, 2, 1, 600_000, 2, 4)),
                1).get(0);

        assertThat(row.suppressedCells()).isEmpty();
        assertThat(row.answeredShare()).isEqualTo(0.5);         // 2 / 4
        assertThat(row.repeatAfterAnswerRate()).isEqualTo(0.5); // 1 / 2
        assertThat(row.ahtSeconds()).isEqualTo(300.0);          // 600,000 ms / 2
    }

    @Test
    void aTableWhoseAllIsNotTheSumOfItsQueuesIsRefusedWithoutNamingTheReason() {
        assertThatThrownBy(() -> ReasonSuppression.protect(List.of(
                row("Q1", Granularity.DAY, "2024-03-05", "secret reason", 12, 0, 0, 0, 0, 0, 0),
                row("ALL", Granularity.DAY, "2024-03-05", "secret reason", 13, 0, 0, 0, 0, 0, 0)), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the figures do not add up: ALL's contacts = the sum of the queues' (CALL, ALL, day from 2024-03-05)");
    }
}
