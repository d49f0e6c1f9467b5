package nl.kic.analytics.domain.emails;

import java.util.List;
import java.util.function.Predicate;
import nl.kic.analytics.domain.entity.EntityKind;
import nl.kic.analytics.domain.entity.EntityTopology;
import nl.kic.analytics.domain.entity.Kept;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Contact-form e-mail, from EmailEvents to interval figures and the live backlog, as a kind of entity
 * of {@link EntityTopology}:
 * <pre>
 * kic.email-events ─► email-state (per e-mail: dedupe, hold, judge on the working-day calendar; backlog)
 *                    ─► email-interval-aggregation (this task's part of the rows of every granularity)
 * </pre>
 * An e-mail's anchor event is its RECEIVED; it is judged again by the clock when its deadline passes
 * (a must-answer e-mail then becomes a violation); its live index is the backlog; its full state is
 * kept while it is in the backlog.
 */
public final class EmailKind extends EntityKind<EmailEvent, EmailState, EmailContribution> {
    public static final String NAME = "email";
    public static final String EMAIL_STATE_STORE = "email-state-store";
    /** Compact records of handled e-mails whose full state has gone: see {@link EmailState}. */
    public static final String JUDGED_STORE = "email-judged-store";
    public static final String BACKLOG_STORE = "email-backlog-store";
    public static final String DEADLINE_STORE = "email-deadline-store";
    public static final String INTERVAL_STORE = "email-interval-store";
    /** E-mail rows: by category, in the interval of RECEIVED; every figure is a sum. */
    public static final IntervalAggregator.Rows<EmailContribution, EmailIntervalStats> INTERVAL_ROWS = new IntervalAggregator.Rows<>(
            INTERVAL_STORE, EmailIntervalStats.CODEC, EmailContribution::category, EmailContribution::receivedMillis,
            (stats, before, after) -> {
                if (before != null) {
                    stats.add(before, -1);
                }
                if (after != null) {
                    stats.add(after, +1);
                }
            });
    /** The repartition topic of the changes in versions before 2026-12. */
    public static final String CHANGES_BY_CATEGORY = "email-changes-by-category";

    private final EmailRules rules;

    public EmailKind(EmailRules rules) {
        super(new Events<>(NAME, PipelineMetrics.Kind.EMAIL, "of an e-mail", EmailEvent::getEmailId, EmailEvent::getOccurredAt,
                        EmailEvent::getType),
                new Storage<>(EmailState::new, EmailState.serde(), EmailState.compactSerde(), INTERVAL_ROWS, EmailContribution.CODEC,
                        CHANGES_BY_CATEGORY, List.of(BACKLOG_STORE, DEADLINE_STORE)));
        this.rules = rules;
    }

    @Override
    protected String impossibleReason(Kept<?> event) {
        return "lies before the e-mail's RECEIVED";
    }

    @Override
    protected EmailContribution judge(EmailState state, long nowMillis) {
        return state.judge(rules, nowMillis);
    }

    /** Handled e-mails only: one in the backlog keeps its full state, whatever its age. */
    @Override
    protected boolean mayCompact(EmailContribution counted) {
        return counted == null || !counted.inBacklog();
    }

    @Override
    protected Index<EmailContribution> index(ProcessorContext<?, ?> context) {
        EmailBacklogIndex backlog = new EmailBacklogIndex(context.getStateStore(BACKLOG_STORE), context.getStateStore(DEADLINE_STORE));
        return new Index<>() {
            @Override
            public void replace(String id, EmailContribution before, EmailContribution after, long nowMillis) {
                backlog.replace(id, before, after, nowMillis);
            }

            /** E-mails whose deadline has passed: a must-answer e-mail still open becomes a violation. */
            @Override
            public List<String> dueAt(long nowMillis, Predicate<String> hasFullState) {
                return backlog.takeDeadlinesBefore(nowMillis);
            }
        };
    }
}
