package nl.kic.analytics.domain.emails;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Computes the live e-mail backlog per category and ALL from the backlog index. */
public final class EmailBacklogQuery {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> backlogStore;
    private final ApplicationClock clock;
    private final WorkingDayCalendar calendar;

    public EmailBacklogQuery(ReadOnlyKeyValueStore<Bytes, byte[]> backlogStore, ApplicationClock clock, WorkingDayCalendar calendar) {
        this.backlogStore = backlogStore;
        this.clock = clock;
        this.calendar = calendar;
    }

    private static final class Accumulator {
        long backlog;
        long overdue;
        long oldestReceivedMillis = Long.MAX_VALUE;

        void add(long received, boolean overdueNow) {
            backlog++;
            overdue += overdueNow ? 1 : 0;
            oldestReceivedMillis = Math.min(oldestReceivedMillis, received);
        }
    }

    public List<EmailBacklog> backlog() {
        long now = clock.nowMillis();
        Map<String, Accumulator> byCategory = new TreeMap<>();
        Accumulator all = new Accumulator();
        try (KeyValueIterator<Bytes, byte[]> it = backlogStore.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                EmailBacklogIndex.OpenEmail open = EmailBacklogIndex.decode(kv.key, kv.value);
                boolean overdue = !open.answeredOnTime() && now > open.deadlineMillis();
                if (!open.category().equals(EmailContribution.UNCLASSIFIED)) {
                    byCategory.computeIfAbsent(open.category(), c -> new Accumulator()).add(open.receivedMillis(), overdue);
                }
                all.add(open.receivedMillis(), overdue);
            }
        }
        List<EmailBacklog> result = new ArrayList<>();
        byCategory.forEach((category, a) -> result.add(figures(category, a, now)));
        result.add(figures(EmailMetricsRow.ALL_CATEGORIES, all, now));
        return result;
    }

    private EmailBacklog figures(String category, Accumulator a, long now) {
        int oldest = a.backlog == 0 ? 0
                : calendar.workingDaysElapsed(Instant.ofEpochMilli(a.oldestReceivedMillis), Instant.ofEpochMilli(now));
        return new EmailBacklog(category, a.backlog, a.overdue, oldest);
    }
}
