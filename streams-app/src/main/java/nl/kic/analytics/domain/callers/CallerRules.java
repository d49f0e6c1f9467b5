package nl.kic.analytics.domain.callers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.domain.attempts.Attempt;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.platform.time.IntervalStarts;
import nl.kic.analytics.platform.time.WorkingDayCalendar;

/**
 * The definitions of the caller figures (docs/metrics.md), as what one caller state adds to the caller
 * rows: for every (channel, queue or ALL, day, week or month) in which the caller has an attempt, the
 * caller's counts there. The rows of every caller state summed give the figures; a year row is the sum
 * of its months.
 *
 * @param lateAllowance how long after its key's month and the repeat window a caller state is kept for late changes
 */
public record CallerRules(ZoneId zone, WorkingDayCalendar calendar, Duration lateAllowance) {

    public static final String ALL_QUEUES = "ALL";
    /** The granularities of the caller rows stored per caller state; a year is the sum of its months. */
    private static final List<Granularity> CALLER_ROWS = CountRows.CALLERS.storedGranularities();
    /** The granularities of the reason rows stored: days, which weeks, months and years are sums of. */
    private static final List<Granularity> REASON_ROWS = CountRows.REASONS.storedGranularities();

    private static final Comparator<Attempt> BY_CONTACT_TIME = Comparator.comparingLong(Attempt::contactTimeMillis)
            .thenComparing(Attempt::contactId);

    /** The end of a key's month: its caller key stops there. */
    public long monthEndMillis(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The last moment a change can alter the rows of a key's month: its end, the repeat window and the late allowance. */
    public long lastChangeMillis(YearMonth month) {
        return Attempt.keyEndMillis(month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli(), zone, lateAllowance);
    }

    /**
     * What the attempts of one caller in one month add to the caller rows; {@code starts} is the
     * calling processor's own (it remembers intervals).
     */
    public Map<IntervalKey, CallerCounts> rowsOf(List<Attempt> attempts, YearMonth month, IntervalStarts starts) {
        Map<IntervalKey, CallerCounts> rows = new HashMap<>();
        if (attempts.isEmpty()) {
            return rows;
        }
        List<Attempt> sorted = new ArrayList<>(attempts);
        sorted.sort(BY_CONTACT_TIME);
        long monthEnd = monthEndMillis(month);
        Map<Channel, Map<String, List<Attempt>>> byChannel = new TreeMap<>();
        for (Attempt a : sorted) {
            byChannel.computeIfAbsent(a.channel(), c -> new LinkedHashMap<>()).computeIfAbsent(a.queue(), q -> new ArrayList<>(2)).add(a);
        }
        byChannel.forEach((channel, byQueue) -> {
            List<Attempt> ofChannel = new ArrayList<>(sorted.size());
            for (Attempt a : sorted) {
                if (a.channel() == channel) {
                    ofChannel.add(a);
                }
            }
            byQueue.put(ALL_QUEUES, ofChannel);
            byQueue.forEach((queue, ofQueue) -> {
                String series = channel.name() + "|" + queue;
                long[] times = new long[ofQueue.size()];
                for (int k = 0; k < times.length; k++) {
                    times[k] = ofQueue.get(k).contactTimeMillis();
                }
                for (Granularity granularity : CALLER_ROWS) {
                    // In contact time order, the attempts of one interval follow each other.
                    int from = 0;
                    while (from < ofQueue.size()) {
                        long start = starts.startMillis(granularity, times[from]);
                        int to = from + 1;
                        while (to < ofQueue.size() && starts.startMillis(granularity, times[to]) == start) {
                            to++;
                        }
                        rows.put(new IntervalKey(granularity, start, series), counts(ofQueue.subList(from, to), times, monthEnd));
                        from = to;
                    }
                }
            });
        });
        return rows;
    }

    /** What a contact without a caller key adds: one unidentified contact in each of its rows. */
    public Map<IntervalKey, CallerCounts> rowsOfUnidentified(Attempt attempt, IntervalStarts starts) {
        Map<IntervalKey, CallerCounts> rows = new HashMap<>();
        CallerCounts one = new CallerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        for (String queue : List.of(attempt.queue(), ALL_QUEUES)) {
            for (Granularity granularity : CALLER_ROWS) {
                long start = starts.startMillis(granularity, attempt.contactTimeMillis());
                rows.put(new IntervalKey(granularity, start, attempt.channel().name() + "|" + queue), one);
            }
        }
        return rows;
    }

    /**
     * What the attempts of one caller state add to the reason rows: per (channel, queue or ALL,
     * interval) and reason, its contacts with that reason, those answered, those answered with a key
     * and followed by another attempt of the key within the repeat window (the same queue, or any
     * queue of the channel in ALL), and their talk time; under the reason {@link #ALL_REASONS} every
     * contact, with a reason or without (the denominator of the answered share).
     */
    public Map<IntervalKey, ReasonCounts> reasonRowsOf(List<Attempt> attempts, IntervalStarts starts) {
        Map<IntervalKey, ReasonCounts> rows = new HashMap<>();
        // The contact times of the attempts per channel and queue, and per channel (ALL), in order.
        Map<String, List<Long>> timesOf = new HashMap<>();
        for (Attempt a : attempts) {
            timesOf.computeIfAbsent(a.channel() + "|" + a.queue(), k -> new ArrayList<>()).add(a.contactTimeMillis());
            timesOf.computeIfAbsent(a.channel() + "|" + ALL_QUEUES, k -> new ArrayList<>()).add(a.contactTimeMillis());
        }
        Map<String, long[]> sortedTimes = new HashMap<>();
        timesOf.forEach((series, times) -> sortedTimes.put(series, times.stream().mapToLong(Long::longValue).sorted().toArray()));
        for (Attempt a : attempts) {
            for (String queue : List.of(a.queue(), ALL_QUEUES)) {
                boolean repeated = a.answered() && a.callerKey() != null
                        && repeatedAfter(a.answeredAtMillis(), sortedTimes.get(a.channel() + "|" + queue));
                boolean talked = a.answered() && a.talkMillis() >= 0;
                ReasonCounts one = new ReasonCounts(1, a.answered() ? 1 : 0, a.answered() && a.callerKey() != null ? 1 : 0, repeated ? 1 : 0,
                        talked ? a.talkMillis() : 0, talked ? 1 : 0);
                for (String reason : a.reason() == null ? List.of(ALL_REASONS) : List.of(a.reason(), ALL_REASONS)) {
                    String series = a.channel().name() + "|" + queue + "|" + reason;
                    for (Granularity granularity : REASON_ROWS) {
                        long start = starts.startMillis(granularity, a.contactTimeMillis());
                        rows.merge(new IntervalKey(granularity, start, series), one, ReasonCounts::plus);
                    }
                }
            }
        }
        return rows;
    }

    /** The reason under which every contact of a row counts: never a reason name (those follow the queue-name rule). */
    public static final String ALL_REASONS = "";

    /** Whether some contact time of {@code sortedTimes} lies in (answeredAt, answeredAt + the repeat window]. */
    private static boolean repeatedAfter(long answeredAtMillis, long[] sortedTimes) {
        int i = Arrays.binarySearch(sortedTimes, answeredAtMillis + 1);
        int first = i >= 0 ? i : -i - 1;
        return first < sortedTimes.length && sortedTimes[first] <= answeredAtMillis + Attempt.REPEAT_WINDOW.toMillis();
    }

    /**
     * One caller's counts in a row, from its attempts in the row ({@code inRow}, by contact time), the
     * contact times of all its attempts that may repeat an answer of the row ({@code mayRepeatTimes},
     * in order: the same queue, or any queue of the channel in ALL) and the end of its key's month.
     */
    private CallerCounts counts(List<Attempt> inRow, long[] mayRepeatTimes, long monthEndMillis) {
        Attempt first = inRow.get(0);
        Attempt firstAnswered = null;
        long openAttempts = 0;
        boolean repeat = false;
        boolean truncated = false;
        long window = Attempt.REPEAT_WINDOW.toMillis();
        for (Attempt a : inRow) {
            if (a.outcome() == Attempt.Outcome.OPEN) {
                openAttempts++;
            }
            if (a.answered()) {
                firstAnswered = firstAnswered == null ? a : firstAnswered;
                repeat = repeat || repeatedAfter(a.answeredAtMillis(), mayRepeatTimes);
                truncated = truncated || a.answeredAtMillis() + window > monthEndMillis;
            }
        }
        boolean reached = firstAnswered != null;
        boolean stillOpen = !reached && openAttempts > 0;
        boolean withinOneWorkingDay = reached && firstAnswered.contactTimeMillis() < endOfNextWorkingDayMillis(first.contactTimeMillis());
        int n = inRow.size();
        return new CallerCounts(1, reached ? 1 : 0, first.answered() ? 1 : 0, withinOneWorkingDay ? 1 : 0, stillOpen ? 1 : 0,
                !reached && !stillOpen ? 1 : 0, n, n == 1 ? 1 : 0, n == 2 ? 1 : 0, n == 3 ? 1 : 0, n == 4 ? 1 : 0,
                n >= 5 && n <= 9 ? 1 : 0, n >= 10 ? 1 : 0, repeat ? 1 : 0, 0, openAttempts, truncated ? 1 : 0);
    }

    /** 24:00 local time of the first working day after the local date of {@code millis}. */
    private long endOfNextWorkingDayMillis(long millis) {
        LocalDate day = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().plusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        ZonedDateTime end = day.plusDays(1).atStartOfDay(zone);
        return end.toInstant().toEpochMilli();
    }
}
