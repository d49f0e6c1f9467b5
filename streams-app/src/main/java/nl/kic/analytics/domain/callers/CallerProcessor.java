package nl.kic.analytics.domain.callers;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.attempts.Attempt;
import nl.kic.analytics.domain.attempts.AttemptChange;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.IntervalStarts;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per caller and month, the attempts of its contacts as they now count; every change of one moves the
 * caller's counts in its rows from what they were to what they are (the difference, so that rows stay
 * sums of the caller states whatever the order of changes). A contact without a caller key counts as
 * an unidentified contact alone. A change for a month whose last change has passed on the clock is too
 * late for the caller figures (counted, not applied; the contact figures take it); a caller state goes
 * then too. The clock, not the latest event time this task has seen: its input comes from every contact
 * task through a repartition topic, and while a replay or a catch-up runs one contact task may be weeks
 * of event time ahead of another, so that event time here would drop changes depending on that race.
 * A replay keeps every state to its end ({@code keepAllMonths}): its clock stands at the latest event.
 */
final class CallerProcessor implements Processor<String, AttemptChange, Void, Void> {
    private final CallerRules rules;
    private final PipelineMetrics metrics;
    private final Duration purgeInterval;
    private final boolean keepAllMonths;
    private final ApplicationClock clock;
    private ProcessorContext<Void, Void> context;
    /**
     * The earliest moment a caller state of this task can go (its month's last change), or UNKNOWN
     * until a purge has read them: the states are read only when one is due, not at every purge.
     */
    private long firstDueMillis = UNKNOWN;
    private static final long UNKNOWN = Long.MIN_VALUE;
    private KeyValueStore<String, CallerState> states;
    private KeyValueStore<Bytes, byte[]> rows;
    private KeyValueStore<Bytes, byte[]> reasonRows;
    private boolean earlierFormatsDeleted;
    private IntervalStarts starts;

    CallerProcessor(Callers.Settings settings, PipelineMetrics metrics, ApplicationClock clock) {
        this.rules = settings.rules();
        this.purgeInterval = settings.purgeEvery();
        this.keepAllMonths = settings.keepAllMonths();
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        states = context.getStateStore(Callers.STATE.name());
        rows = context.getStateStore(Callers.ROWS.name());
        reasonRows = context.getStateStore(Callers.REASON_ROWS.name());
        earlierFormatsDeleted = false;
        starts = new IntervalStarts(rules.zone());
        if (!keepAllMonths) {
            context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> purgeEnded(clock.nowMillis()));
        }
    }

    @Override
    public void process(Record<String, AttemptChange> record) {
        deleteEarlierFormats();
        Attempt before = record.value().before();
        Attempt after = record.value().after();
        if (tooLate(before) || tooLate(after)) {
            metrics.tooLateForCallers();
            return;
        }
        // A contact without a key counts alone (its record key only spreads such contacts over partitions).
        if ((after != null ? after : before).callerKey() == null) {
            CountRows.CALLERS.replace(rows, before == null ? Map.of() : rules.rowsOfUnidentified(before, starts),
                    after == null ? Map.of() : rules.rowsOfUnidentified(after, starts));
            CountRows.REASONS.replace(reasonRows, rules.reasonRowsOf(before == null ? List.of() : List.of(before), starts),
                    rules.reasonRowsOf(after == null ? List.of() : List.of(after), starts));
            return;
        }
        YearMonth month = monthOf(record.key());
        CallerState stored = states.get(record.key());
        CallerState state = stored == null ? new CallerState(List.of()) : stored;
        CallerState changed = state.changed(before, after);
        CountRows.CALLERS.replace(rows, rules.rowsOf(state.attempts(), month, starts), rules.rowsOf(changed.attempts(), month, starts));
        CountRows.REASONS.replace(reasonRows, rules.reasonRowsOf(state.attempts(), starts), rules.reasonRowsOf(changed.attempts(), starts));
        if (changed.attempts().isEmpty()) {
            states.delete(record.key());
        } else {
            states.put(record.key(), changed);
            if (firstDueMillis != UNKNOWN) {
                firstDueMillis = Math.min(firstDueMillis, rules.lastChangeMillis(month));
            }
        }
    }

    /**
     * Once per task, at its first record, when the stores are restored: the rows a store of an earlier
     * format keeps beyond this one's (the week and month reason rows, now summed from days).
     */
    private void deleteEarlierFormats() {
        if (!earlierFormatsDeleted) {
            CountRows.REASONS.deleteUnstored(reasonRows);
            earlierFormatsDeleted = true;
        }
    }

    /** Whether the month of {@code attempt} can no longer change on the clock (with or without a caller key). */
    private boolean tooLate(Attempt attempt) {
        return attempt != null && !keepAllMonths && clock.nowMillis() > rules.lastChangeMillis(attempt.keyMonth(rules.zone()));
    }

    /** The month of a caller state's key {@code callerKey|yyyy-MM}. */
    private static YearMonth monthOf(String key) {
        int at = key.lastIndexOf('|');
        return YearMonth.of(Integer.parseInt(key, at + 1, at + 5, 10), Integer.parseInt(key, at + 6, at + 8, 10));
    }

    private void purgeEnded(long nowMillis) {
        if (firstDueMillis != UNKNOWN && nowMillis <= firstDueMillis) {
            return;
        }
        long firstDue = Long.MAX_VALUE;
        List<String> ended = new ArrayList<>();
        try (KeyValueIterator<String, CallerState> it = states.all()) {
            while (it.hasNext()) {
                String key = it.next().key;
                long lastChange = rules.lastChangeMillis(monthOf(key));
                if (nowMillis > lastChange) {
                    ended.add(key);
                } else {
                    firstDue = Math.min(firstDue, lastChange);
                }
            }
        }
        ended.forEach(states::delete);
        firstDueMillis = firstDue;
    }
}
