package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * No hidden caller cell can be worked out from the sums a reader can form (DisclosureAudit), over
 * tables built from simulated people, so that every row is consistent the way the product's rows are:
 * three queues and ALL, twelve months and their year, few callers so that many cells are small.
 */
class CallerSuppressionAuditTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final List<String> QUEUES = List.of("Q1", "Q2", "Q3");
    private static final int YEAR = 2024;

    /** One attempt of a simulated person. */
    private record Attempt(int month, String queue, int order, boolean answered, boolean open, boolean withinDay, boolean repeated) {
    }

    @Test
    void noHiddenCellOfRandomCallerTablesCanBeWorkedOut() {
        int tables = 0;
        int hidden = 0;
        List<String> derivable = new ArrayList<>();
        for (int seed = 1; seed <= 100; seed++) {
            List<CallerMetricsRow> rows = randomTable(new Random(seed));
            List<ProtectedCallerRow> published = CallerSuppression.protect(rows, 10);
            assertPrimaryProtection(rows, published);
            DisclosureAudit audit = audit(rows, published);
            Map<String, String> found = audit.derivable(0);
            int tableSeed = seed;
            found.forEach((cell, range) -> derivable.add("seed " + tableSeed + " " + cell + " " + range));
            tables++;
            hidden += audit.hiddenCount();
        }
        assertThat(derivable).isEmpty();
        assertThat(tables).isEqualTo(100);
        assertThat(hidden).as("the tables do exercise the protection").isGreaterThan(100 * 50);
    }

    /** Each person count of 1 to 9 is hidden, attempts with callers, and unidentified contacts always shown. */
    private static void assertPrimaryProtection(List<CallerMetricsRow> rows, List<ProtectedCallerRow> published) {
        for (int i = 0; i < rows.size(); i++) {
            CallerCounts c = rows.get(i).counts();
            ProtectedCallerRow p = published.get(i);
            long[] persons = {c.callers(), c.reached(), c.reachedFirstAttempt(), c.reachedWithin1WorkingDay(), c.stillOpen(),
                    c.neverReached(), c.attempts1(), c.attempts2(), c.attempts3(), c.attempts4(), c.attempts5to9(), c.attempts10plus(),
                    c.repeatAfterAnswer()};
            Long[] shown = {p.callers(), p.reached(), p.reachedFirstAttempt(), p.reachedWithin1WorkingDay(), p.stillOpen(), p.neverReached(),
                    p.attempts1(), p.attempts2(), p.attempts3(), p.attempts4(), p.attempts5to9(), p.attempts10plus(), p.repeatAfterAnswer()};
            for (int k = 0; k < persons.length; k++) {
                if (persons[k] >= 1 && persons[k] <= 9) {
                    assertThat(shown[k]).isNull();
                } else if (shown[k] != null) {
                    assertThat(shown[k]).isEqualTo(persons[k]);
                }
                if (persons[k] == 0) {
                    assertThat(shown[k]).isZero();
                }
            }
            if (p.callers() == null) {
                assertThat(p.attempts()).isNull();
            }
            assertThat(p.unidentifiedContacts()).isEqualTo(c.unidentifiedContacts());
        }
    }

    /** What a reader knows: the published cells, and the sums the definitions give (docs/metrics.md). */
    private static DisclosureAudit audit(List<CallerMetricsRow> rows, List<ProtectedCallerRow> published) {
        DisclosureAudit audit = new DisclosureAudit();
        List<String> columns = CallerSuppression.COLUMNS.subList(4, 18);
        for (int i = 0; i < rows.size(); i++) {
            ProtectedCallerRow p = published.get(i);
            List<Object> values = p.values();
            CallerCounts c = rows.get(i).counts();
            long[] trueCounts = {c.callers(), c.reached(), c.reachedFirstAttempt(), c.reachedWithin1WorkingDay(), c.stillOpen(),
                    c.neverReached(), c.attempts(), c.attempts1(), c.attempts2(), c.attempts3(), c.attempts4(), c.attempts5to9(),
                    c.attempts10plus(), c.repeatAfterAnswer()};
            for (int k = 0; k < columns.size(); k++) {
                audit.cell(key(p, columns.get(k)), (Long) values.get(4 + k), trueCounts[k]);
            }
        }
        for (ProtectedCallerRow p : published) {
            audit.sum(key(p, "callers"), List.of(key(p, "reached"), key(p, "still_open"), key(p, "never_reached")));
            audit.sum(key(p, "callers"), List.of(key(p, "attempts_1"), key(p, "attempts_2"), key(p, "attempts_3"), key(p, "attempts_4"),
                    key(p, "attempts_5_9"), key(p, "attempts_10_plus")));
            // What a reader knows besides the sums: the first attempt answered is an answer within the working day,
            // and both are parts of reached, as is a repeat after an answer.
            audit.atLeast(key(p, "reached_within_1_working_day"), List.of(key(p, "reached_first_attempt")));
            audit.atLeast(key(p, "reached"), List.of(key(p, "reached_within_1_working_day")));
            audit.atLeast(key(p, "reached"), List.of(key(p, "repeat_after_answer")));
        }
        for (String queue : allAndQueues()) {
            for (String column : columns) {
                List<String> months = new ArrayList<>();
                for (int month = 1; month <= 12; month++) {
                    months.add(key(queue, Granularity.MONTH, LocalDate.of(YEAR, month, 1), column));
                }
                audit.sum(key(queue, Granularity.YEAR, LocalDate.of(YEAR, 1, 1), column), months);
            }
        }
        for (int month = 0; month <= 12; month++) {
            Granularity granularity = month == 0 ? Granularity.YEAR : Granularity.MONTH;
            LocalDate start = LocalDate.of(YEAR, Math.max(month, 1), 1);
            audit.sum(key("ALL", granularity, start, "attempts"), QUEUES.stream().map(q -> key(q, granularity, start, "attempts")).toList());
        }
        return audit;
    }

    private static List<String> allAndQueues() {
        List<String> queues = new ArrayList<>(QUEUES);
        queues.add("ALL");
        return queues;
    }

    private static String key(ProtectedCallerRow row, String column) {
        return key(row.queue(), row.granularity(), row.intervalStart().toLocalDate(), column);
    }

    private static String key(String queue, Granularity granularity, LocalDate start, String column) {
        return queue + "|" + granularity.label() + "|" + start + "|" + column;
    }

    /**
     * A year of one channel: each month 0 to 40 people (a few months none), each with 1 to 12 attempts
     * spread over the queues, answered, open, reached within a working day and repeated at random.
     * Rows are counted from the people as the definitions say; a row without any attempt is left out.
     */
    static List<CallerMetricsRow> randomTable(Random random) {
        Map<String, CallerCounts> counts = new HashMap<>();
        for (int month = 1; month <= 12; month++) {
            int people = random.nextInt(8) == 0 ? 0 : random.nextInt(41);
            for (int person = 0; person < people; person++) {
                int attempts = random.nextInt(3) == 0 ? 1 + random.nextInt(12) : 1 + random.nextInt(3);
                String favourite = QUEUES.get(random.nextInt(QUEUES.size()));
                List<Attempt> all = new ArrayList<>();
                for (int a = 0; a < attempts; a++) {
                    String queue = random.nextInt(4) == 0 ? QUEUES.get(random.nextInt(QUEUES.size())) : favourite;
                    boolean answered = random.nextInt(10) < 6;
                    all.add(new Attempt(month, queue, a, answered, !answered && random.nextInt(20) == 0, random.nextBoolean(),
                            random.nextInt(5) == 0));
                }
                for (String queue : allAndQueues()) {
                    List<Attempt> inRow = all.stream().filter(a -> queue.equals("ALL") || a.queue().equals(queue)).toList();
                    if (!inRow.isEmpty()) {
                        CallerCounts one = personCounts(inRow);
                        counts.merge(queue + "|" + month, one, CallerCounts::plus);
                        counts.merge(queue + "|0", one, CallerCounts::plus);
                    }
                }
            }
            for (String queue : QUEUES) {
                int withheld = random.nextInt(3) == 0 ? random.nextInt(6) : 0; // contacts without a key
                if (withheld > 0) {
                    CallerCounts unidentified = new CallerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, withheld, 0, 0);
                    for (String row : List.of(queue + "|" + month, queue + "|0", "ALL|" + month, "ALL|0")) {
                        counts.merge(row, unidentified, CallerCounts::plus);
                    }
                }
            }
        }
        List<CallerMetricsRow> rows = new ArrayList<>();
        counts.forEach((row, c) -> {
            String[] parts = row.split("\\|");
            int month = Integer.parseInt(parts[1]);
            Granularity granularity = month == 0 ? Granularity.YEAR : Granularity.MONTH;
            LocalDate start = LocalDate.of(YEAR, Math.max(month, 1), 1);
            rows.add(new CallerMetricsRow(Channel.CALL, parts[0], granularity, start.atStartOfDay(ZONE).toOffsetDateTime(), c,
                    month == 0, true, false));
        });
        return rows;
    }

    /** The counts one person adds to a row, from their attempts in it. */
    private static CallerCounts personCounts(List<Attempt> attempts) {
        boolean reached = attempts.stream().anyMatch(Attempt::answered);
        boolean open = attempts.stream().anyMatch(Attempt::open);
        Attempt firstAnswered = attempts.stream().filter(Attempt::answered).findFirst().orElse(null);
        long n = attempts.size();
        long[] bucket = new long[6];
        bucket[n >= 10 ? 5 : n >= 5 ? 4 : (int) n - 1] = 1;
        return new CallerCounts(1, reached ? 1 : 0, attempts.get(0).answered() ? 1 : 0,
                // an answer at the first attempt is one on its own day, so within a working day
                firstAnswered != null && (firstAnswered == attempts.get(0) || firstAnswered.withinDay()) ? 1 : 0,
                !reached && open ? 1 : 0, !reached && !open ? 1 : 0, n, bucket[0], bucket[1], bucket[2], bucket[3], bucket[4], bucket[5],
                attempts.stream().anyMatch(a -> a.answered() && a.repeated()) ? 1 : 0, 0, 0, 0);
    }
}
