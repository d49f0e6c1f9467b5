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
import java.util.TreeSet;
import nl.kic.analytics.domain.attempts.Attempt;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
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

    /** What the attempts of one caller in one month add to the caller rows. */
    public Map<IntervalKey, CallerCounts> rowsOf(List<Attempt> attempts, YearMonth month) {
        Map<IntervalKey, CallerCounts> rows = new HashMap<>();
        for (Channel channel : new TreeSet<>(attempts.stream().map(Attempt::channel).toList())) {
            List<Attempt> ofChannel = attempts.stream().filter(a -> a.channel() == channel).sorted(BY_CONTACT_TIME).toList();
            Map<String, List<Attempt>> byQueue = new LinkedHashMap<>();
            for (Attempt a : ofChannel) {
                byQueue.computeIfAbsent(a.queue(), q -> new ArrayList<>()).add(a);
            }
            byQueue.put(ALL_QUEUES, ofChannel);
            long monthEnd = monthEndMillis(month);
            byQueue.forEach((queue, ofQueue) -> {
                String series = channel.name() + "|" + queue;
                long[] times = ofQueue.stream().mapToLong(Attempt::contactTimeMillis).toArray();
                for (Granularity granularity : CALLER_ROWS) {
                    Map<Long, List<Attempt>> byInterval = new LinkedHashMap<>();
                    for (Attempt a : ofQueue) {
                        byInterval.computeIfAbsent(granularity.intervalStartMillis(a.contactTimeMillis(), zone), s -> new ArrayList<>()).add(a);
                    }
                    byInterval.forEach((start, inRow) ->
                            rows.put(new IntervalKey(granularity, start, series), counts(inRow, times, monthEnd)));
                }
            });
        }
        return rows;
    }

    /** What a contact without a caller key adds: one unidentified contact in each of its rows. */
    public Map<IntervalKey, CallerCounts> rowsOfUnidentified(Attempt attempt) {
        Map<IntervalKey, CallerCounts> rows = new HashMap<>();
        CallerCounts one = new CallerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        for (String queue : List.of(attempt.queue(), ALL_QUEUES)) {
            for (Granularity granularity : CALLER_ROWS) {
                long start = granularity.intervalStartMillis(attempt.contactTimeMillis(), zone);
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
    public Map<IntervalKey, ReasonCounts> reasonRowsOf(List<Attempt> attempts) {
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
                        long start = granularity.intervalStartMillis(a.contactTimeMillis(), zone);
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
        Attempt firstAnswered = inRow.stream().filter(Attempt::answered).findFirst().orElse(null);
        boolean reached = firstAnswered != null;
        long openAttempts = inRow.stream().filter(a -> a.outcome() == Attempt.Outcome.OPEN).count();
        boolean stillOpen = !reached && openAttempts > 0;
        boolean withinOneWorkingDay = reached && firstAnswered.contactTimeMillis() < endOfNextWorkingDayMillis(first.contactTimeMillis());
        long window = Attempt.REPEAT_WINDOW.toMillis();
        boolean repeat = inRow.stream().filter(Attempt::answered).anyMatch(a -> repeatedAfter(a.answeredAtMillis(), mayRepeatTimes));
        boolean truncated = inRow.stream().filter(Attempt::answered).anyMatch(a -> a.answeredAtMillis() + window > monthEndMillis);
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
