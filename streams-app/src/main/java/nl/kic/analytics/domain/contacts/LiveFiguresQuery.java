package nl.kic.analytics.domain.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Computes the live figures from the waiting and outcome indexes. A contact is waiting when it was
 * OFFERED less than {@code lostAfter} before now and has no outcome. The last 15 minutes are
 * (now − 15 min, now]; today is [00:00 local, now]. Every queue with a contact waiting now or an
 * outcome today or on the two working days before is listed. Reachability counts
 * answered / (answered + abandoned − shortAbandoned + rejected) of the outcomes in the window.
 *
 * <p>Freshness: the age of the newest OFFERED or outcome of those days, and "stale" when the contact centre is open and nothing has arrived since the
 * stale time before now, counted from the opening at the earliest: a stopped feed must not look like
 * a calm queue.
 */
public final class LiveFiguresQuery {
    private static final long FIFTEEN_MINUTES = Duration.ofMinutes(15).toMillis();

    private final ReadOnlyKeyValueStore<Bytes, byte[]> waiting;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> outcomes;
    private final ApplicationClock clock;
    private final ZoneId zone;
    private final long lostAfterMillis;
    private final ContactFigures.Definitions definitions;
    private final WorkingDayCalendar calendar;
    private final long staleAfterMillis;

    LiveFiguresQuery(ReadOnlyKeyValueStore<Bytes, byte[]> waiting, ReadOnlyKeyValueStore<Bytes, byte[]> outcomes,
                     ApplicationClock clock, Contacts.Settings settings) {
        this.waiting = waiting;
        this.outcomes = outcomes;
        this.clock = clock;
        this.zone = settings.zone();
        this.lostAfterMillis = settings.rules().lostAfterMillis();
        this.definitions = settings.definitions();
        this.calendar = settings.calendar();
        this.staleAfterMillis = settings.staleAfterMillis();
    }

    private static final class Accumulator {
        long waitingNow;
        long oldestOfferedMillis = Long.MAX_VALUE;
        long newestEventMillis = Long.MIN_VALUE;
        final ContactIntervalStats last15Minutes = new ContactIntervalStats();
        final ContactIntervalStats today = new ContactIntervalStats();

        void merge(Accumulator other) {
            waitingNow += other.waitingNow;
            oldestOfferedMillis = Math.min(oldestOfferedMillis, other.oldestOfferedMillis);
            newestEventMillis = Math.max(newestEventMillis, other.newestEventMillis);
            last15Minutes.merge(other.last15Minutes);
            today.merge(other.today);
        }
    }

    /** Live figures per channel and queue seen today or waiting now, plus ALL per channel. */
    public List<LiveFigures> figures() {
        long now = clock.nowMillis();
        long todayStart = Instant.ofEpochMilli(now).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
        Map<String, Accumulator> byQueue = new TreeMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = waiting.range(LiveIndex.timeBound(now - lostAfterMillis + 1, false), null)) {
            while (it.hasNext()) {
                LiveIndex.Entry entry = LiveIndex.decodeKey(it.next().key);
                Accumulator a = byQueue.computeIfAbsent(Contribution.queueKey(entry.channel(), entry.queue()), k -> new Accumulator());
                a.waitingNow++;
                a.oldestOfferedMillis = Math.min(a.oldestOfferedMillis, entry.timeMillis());
                a.newestEventMillis = Math.max(a.newestEventMillis, entry.timeMillis());
            }
        }
        // Queues with an outcome on the two working days before today are listed even when quiet
        // today, so that a board shows every queue from the opening, on a Monday too, and a feed
        // that has not started by then is seen as stale.
        long recentStart = recentWorkingDaysStart(now);
        try (KeyValueIterator<Bytes, byte[]> it = outcomes.range(LiveIndex.timeBound(recentStart, false), LiveIndex.timeBound(now, true))) {
            while (it.hasNext()) {
                KeyValue<LiveIndex.Entry, LiveIndex.Outcome> kv = LiveIndex.decodeOutcome(it.next());
                LiveIndex.Entry entry = kv.key;
                LiveIndex.Outcome outcome = kv.value;
                Accumulator a = byQueue.computeIfAbsent(Contribution.queueKey(entry.channel(), entry.queue()), k -> new Accumulator());
                a.newestEventMillis = Math.max(a.newestEventMillis, entry.timeMillis());
                if (entry.timeMillis() < todayStart) {
                    continue;
                }
                Contribution c = new Contribution(entry.channel(), entry.queue(), entry.timeMillis() - outcome.waitMillis(),
                        outcome.status(), outcome.waitMillis(), -1, outcome.withinServiceLevel(), outcome.shortAbandoned());
                a.today.add(c);
                if (entry.timeMillis() > now - FIFTEEN_MINUTES) {
                    a.last15Minutes.add(c);
                }
            }
        }
        List<LiveFigures> result = new ArrayList<>();
        Map<Channel, Accumulator> totals = new TreeMap<>();
        byQueue.forEach((key, a) -> {
            Channel channel = Contribution.channelOf(key);
            result.add(figures(channel, Contribution.queueOf(key), a, now));
            totals.computeIfAbsent(channel, c -> new Accumulator()).merge(a);
        });
        totals.forEach((channel, a) -> result.add(figures(channel, ContactMetricsRow.ALL_QUEUES, a, now)));
        result.sort(Comparator.comparing(LiveFigures::channel).thenComparing(LiveFigures::queue));
        return result;
    }

    /** The start of the second working day before today, but within what the outcome index keeps. */
    private long recentWorkingDaysStart(long now) {
        LocalDate today = Instant.ofEpochMilli(now).atZone(zone).toLocalDate();
        LocalDate oldest = Instant.ofEpochMilli(now).minus(LiveIndex.OUTCOME_RETENTION).atZone(zone).toLocalDate().plusDays(1);
        LocalDate day = today;
        for (int workingDays = 0; workingDays < 2 && day.isAfter(oldest); ) {
            day = day.minusDays(1);
            workingDays += calendar.isWorkingDay(day) ? 1 : 0;
        }
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private LiveFigures figures(Channel channel, String queue, Accumulator a, long now) {
        double longestWait = a.waitingNow == 0 ? 0.0 : Math.max(0, now - a.oldestOfferedMillis) / 1000.0;
        // Every listed queue has a waiting contact or an outcome, so it has a newest event.
        double newestAge = Math.max(0, now - a.newestEventMillis) / 1000.0;
        return new LiveFigures(channel, queue, a.waitingNow, longestWait,
                RollingFigures.of(ContactFigures.of(a.last15Minutes, definitions)),
                RollingFigures.of(ContactFigures.of(a.today, definitions)), newestAge, stale(a.newestEventMillis, now));
    }

    /** Open, and nothing since the stale time: counted from the newest event, or from the opening when that was later. */
    private boolean stale(long newestEventMillis, long now) {
        Instant instant = Instant.ofEpochMilli(now);
        if (!calendar.isOpen(instant)) {
            return false;
        }
        long opened = instant.atZone(zone).toLocalDate().atTime(calendar.opening()).atZone(zone).toInstant().toEpochMilli();
        return now - Math.max(newestEventMillis, opened) >= staleAfterMillis;
    }
}
