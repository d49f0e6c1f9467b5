package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/** No hidden reason cell can be worked out from the sums over queues and months (DisclosureAudit), over random small tables. */
class ReasonSuppressionAuditTest {

    private static final List<String> QUEUES = List.of("Q1", "Q2", "Q3");
    private static final List<String> REASONS = List.of("verlenging", "naturalisatie", "gezin");
    private static final List<String> COUNTS = List.of("contacts", "answered", "repeat_after_answer");

    @Test
    void noHiddenCellOfRandomReasonTablesCanBeWorkedOut() {
        List<String> derivable = new ArrayList<>();
        int hidden = 0;
        for (int seed = 1; seed <= 100; seed++) {
            List<ReasonMetricsRow> rows = randomTable(new Random(seed));
            List<ProtectedReasonRow> published = ReasonSuppression.protect(rows, 10);
            DisclosureAudit audit = new DisclosureAudit();
            for (int i = 0; i < rows.size(); i++) {
                ProtectedReasonRow p = published.get(i);
                ReasonCounts c = rows.get(i).counts();
                long[] truth = {c.contacts(), c.answered(), c.repeatAfterAnswer()};
                Long[] shown = {p.contacts(), p.answered(), p.repeatAfterAnswer()};
                for (int k = 0; k < COUNTS.size(); k++) {
                    if (truth[k] >= 1 && truth[k] <= 9) {
                        assertThat(shown[k]).isNull();
                    }
                    audit.cell(key(p.queue(), p.granularity(), p.intervalStart().toLocalDate(), p.reason(), COUNTS.get(k)), shown[k], truth[k]);
                }
                if (shown[1] == null) {
                    assertThat(p.answeredShare()).isNull();
                    assertThat(p.repeatAfterAnswerRate()).isNull();
                    assertThat(p.ahtSeconds()).isNull();
                }
            }
            for (String reason : REASONS) {
                for (String count : COUNTS) {
                    for (String queue : List.of("Q1", "Q2", "Q3", "ALL")) {
                        List<String> months = new ArrayList<>();
                        for (int month = 1; month <= 12; month++) {
                            months.add(key(queue, Granularity.MONTH, LocalDate.of(2024, month, 1), reason, count));
                        }
                        audit.sum(key(queue, Granularity.YEAR, LocalDate.of(2024, 1, 1), reason, count), months);
                    }
                    for (int month = 0; month <= 12; month++) {
                        Granularity granularity = month == 0 ? Granularity.YEAR : Granularity.MONTH;
                        LocalDate start = LocalDate.of(2024, Math.max(month, 1), 1);
                        audit.sum(key("ALL", granularity, start, reason, count),
                                QUEUES.stream().map(q -> key(q, granularity, start, reason, count)).toList());
                    }
                }
            }
            int tableSeed = seed;
            audit.derivable(0).forEach((cell, range) -> derivable.add("seed " + tableSeed + " " + cell + " " + range));
            hidden += audit.hiddenCount();
        }
        assertThat(derivable).isEmpty();
        assertThat(hidden).as("the tables do exercise the protection").isGreaterThan(100 * 30);
    }

    private static String key(String queue, Granularity granularity, LocalDate start, String reason, String column) {
        return queue + "|" + granularity.label() + "|" + start + "|" + reason + "|" + column;
    }

    /** Contacts of each queue, month and reason (0 to 30, a quarter of them none), answered and repeated at random. */
    private static List<ReasonMetricsRow> randomTable(Random random) {
        Map<String, ReasonCounts> counts = new HashMap<>();
        Map<String, Long> answeredInInterval = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            for (String queue : QUEUES) {
                for (String reason : REASONS) {
                    long contacts = random.nextInt(4) == 0 ? 0 : random.nextInt(31);
                    long answered = contacts == 0 ? 0 : random.nextInt((int) contacts + 1);
                    long withKey = answered == 0 ? 0 : answered - random.nextInt((int) Math.min(answered, 3) + 1);
                    long repeat = withKey == 0 ? 0 : random.nextInt((int) withKey + 1) / 2;
                    ReasonCounts c = new ReasonCounts(contacts, answered, withKey, repeat, answered * 280_000, answered);
                    for (String row : List.of(queue + "|" + month, queue + "|0", "ALL|" + month, "ALL|0")) {
                        if (contacts > 0) {
                            counts.merge(row + "|" + reason, c, ReasonCounts::plus);
                        }
                        answeredInInterval.merge(row, answered + random.nextInt(3), Long::sum);
                    }
                }
            }
        }
        List<ReasonMetricsRow> rows = new ArrayList<>();
        counts.forEach((row, c) -> {
            String[] parts = row.split("\\|");
            int month = Integer.parseInt(parts[1]);
            Granularity granularity = month == 0 ? Granularity.YEAR : Granularity.MONTH;
            String start = LocalDate.of(2024, Math.max(month, 1), 1).toString();
            ReasonMetricsRow r = ReasonSuppressionTest.row(parts[0], granularity, start, parts[2], c.contacts(), c.answered(),
                    c.answeredWithKey(), c.repeatAfterAnswer(), c.talkMillis(), c.talked(), answeredInInterval.get(parts[0] + "|" + month));
            rows.add(r);
        });
        return rows;
    }
}
