package nl.kic.analytics.domain.contacts;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import nl.kic.analytics.domain.attempts.Attempt;
import nl.kic.analytics.domain.entity.EntityKind;
import nl.kic.analytics.domain.entity.EntityTopology;
import nl.kic.analytics.domain.entity.Kept;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Calls and chats, from ContactEvents to interval and live figures, as a kind of entity of
 * {@link EntityTopology}:
 * <pre>
 * kic.contact-events ─► contact-state (per contact: dedupe, hold, judge; compact records; live indexes)
 *                      ─► contact-interval-aggregation (this task's part of the rows of every granularity)
 * </pre>
 * A contact's anchor event is its OFFERED; it is judged again by the clock when it has waited the
 * lost timeout; its live index holds the contacts waiting and the recent outcomes.
 */
public final class ContactKind extends EntityKind<ContactEvent, ContactState, Contribution> {
    public static final String NAME = "contact";
    public static final String CONTACT_STATE_STORE = "contact-state-store";
    /** Compact records of contacts whose full state has gone: see {@link ContactState}. */
    public static final String JUDGED_STORE = "contact-judged-store";
    public static final String WAITING_STORE = "contact-waiting-store";
    public static final String OUTCOMES_STORE = "contact-outcomes-store";
    public static final String INTERVAL_STORE = "contact-interval-store";
    /**
     * Contact rows: by channel and queue, in the interval of OFFERED. ContactIntervalStats#change
     * takes both contributions, so that the longest wait stays exact when only the talk time came in.
     * The ALL rows are not stored; queries merge the queue rows (see {@link ContactMetricsQuery}).
     */
    public static final IntervalAggregator.Rows<Contribution, ContactIntervalStats> INTERVAL_ROWS = new IntervalAggregator.Rows<>(
            INTERVAL_STORE, ContactIntervalStats.CODEC, Contribution::queueKey, Contribution::contactTimeMillis,
            ContactIntervalStats::change);
    /** The repartition topic of the changes in versions before 2026-12. */
    public static final String CHANGES_BY_QUEUE = "contact-changes-by-queue";

    private final ContactRules rules;
    private final ZoneId zone;
    private final Duration callerLateAllowance;
    private final boolean keepCallerKeys;

    /**
     * {@code zone} and {@code callerLateAllowance} say how long a contact's caller key is kept (see
     * {@link #forgetAtMillis}); with {@code keepCallerKeys} (replay) it is kept to the end, as the caller states are.
     */
    public ContactKind(ContactRules rules, ZoneId zone, Duration callerLateAllowance, boolean keepCallerKeys) {
        super(new Events<>(NAME, PipelineMetrics.Kind.CONTACT, "of a contact", ContactEvent::getContactId, ContactEvent::getOccurredAt,
                        ContactEvent::getType),
                new Storage<>(ContactState::new, ContactState.serde(), ContactState.compactSerde(), INTERVAL_ROWS, Contribution.CODEC,
                        CHANGES_BY_QUEUE, List.of(WAITING_STORE, OUTCOMES_STORE)));
        this.rules = rules;
        this.zone = zone;
        this.callerLateAllowance = callerLateAllowance;
        this.keepCallerKeys = keepCallerKeys;
    }

    /** A compact record keeps a caller key only as long as the caller figures can use it. */
    @Override
    protected long forgetAtMillis(ContactState record) {
        return record.hasCallerKey() && !keepCallerKeys ? Attempt.keyEndMillis(record.contactTimeMillis(), zone, callerLateAllowance) : Long.MAX_VALUE;
    }

    @Override
    protected ContactState forget(ContactState record) {
        return record.withoutCallerKeys();
    }

    /** The queue is a name of the allowed shape, trimmed, and (with a queue list) a known queue; a reason is a name of that shape too. */
    @Override
    protected void check(ContactEvent event, EventChecks checks) {
        event.setQueue(checks.checkName("queue", event.getQueue()));
        checks.checkQueue(event.getQueue());
        if (event.getReason() != null) {
            event.setReason(checks.checkName("reason", event.getReason()));
        }
    }

    @Override
    protected String impossibleReason(Kept<?> event) {
        return "lies before the contact's " + ContactState.anchorOf((ContactEventType) event.type());
    }

    @Override
    protected Contribution judge(ContactState state, long nowMillis) {
        return state.judge(rules, nowMillis);
    }

    @Override
    protected Index<Contribution> index(ProcessorContext<?, ?> context) {
        LiveIndex live = new LiveIndex(context.getStateStore(WAITING_STORE), context.getStateStore(OUTCOMES_STORE));
        return new Index<>() {
            @Override
            public void replace(String id, Contribution before, Contribution after, long nowMillis) {
                live.replace(id, before, after);
            }

            /** Contacts still waiting the lost timeout after their OFFERED: "lost" follows the clock while no event arrives. */
            @Override
            public List<String> dueAt(long nowMillis, Predicate<String> hasFullState) {
                List<String> due = new ArrayList<>();
                for (LiveIndex.Entry entry : live.waitingOfferedAtOrBefore(nowMillis - rules.lostAfterMillis())) {
                    if (hasFullState.test(entry.contactId())) {
                        due.add(entry.contactId());
                    } else {
                        live.removeWaiting(entry);
                    }
                }
                return due;
            }

            /** A contact still counted as open (the clock judged it once more) leaves its waiting entry. */
            @Override
            public void fullStateGoes(String id, Contribution counted) {
                if (counted != null && counted.status() == Contribution.Status.OPEN) {
                    live.replace(id, counted, null);
                }
            }

            @Override
            public void purge(long streamTimeMillis, long nowMillis) {
                live.purgeOutcomesBefore(Math.min(streamTimeMillis, nowMillis) - LiveIndex.OUTCOME_RETENTION.toMillis());
            }
        };
    }
}
