package nl.kic.analytics.domain.emails;

import java.util.List;
import java.util.function.Predicate;
import nl.kic.analytics.domain.entity.EntityKind;
import nl.kic.analytics.domain.entity.EntityTopology;
import nl.kic.analytics.domain.entity.Kept;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.serde.ContributionCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Contact-form e-mail, from EmailEvents to interval figures and the live backlog, as a kind of entity
 * of {@link EntityTopology}:
 * <pre>
 * kic.email-events ─► email-state (per e-mail: dedupe, hold, judge on the working-day calendar; backlog)
 *                    ─► email-changes-by-category (repartition by category)
 *                    ─► email-interval-aggregation (rows of every granularity)
 * </pre>
 * An e-mail's anchor event is its RECEIVED; it is judged again by the clock when its deadline passes
 * (a must-answer e-mail then becomes a violation); its live index is the backlog; its full state is
 * kept while it is in the backlog.
 */
public final class EmailTopology implements EntityKind<EmailEvent, EmailState, EmailContribution> {
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
    public static final String CHANGES_BY_CATEGORY = "email-changes-by-category";

    private final EmailRules rules;

    public EmailTopology(EmailRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PipelineMetrics.Kind metricsKind() {
        return PipelineMetrics.Kind.EMAIL;
    }

    @Override
    public String whose() {
        return "of an e-mail";
    }

    @Override
    public String entityId(EmailEvent event) {
        return event.getEmailId();
    }

    @Override
    public long occurredAtMillis(EmailEvent event) {
        return event.getOccurredAt().toEpochMilli();
    }

    @Override
    public Object eventType(EmailEvent event) {
        return event.getType();
    }

    @Override
    public EmailState newState() {
        return new EmailState();
    }

    @Override
    public Serde<EmailState> stateSerde() {
        return EmailState.serde();
    }

    @Override
    public Serde<EmailState> compactSerde() {
        return EmailState.compactSerde();
    }

    @Override
    public String impossibleReason(Kept<?> event) {
        return "lies before the e-mail's RECEIVED";
    }

    @Override
    public EmailContribution judge(EmailState state, long nowMillis) {
        return state.judge(rules, nowMillis);
    }

    @Override
    public IntervalAggregator.Rows<EmailContribution, ?> rows() {
        return INTERVAL_ROWS;
    }

    @Override
    public ContributionCodec<EmailContribution> codec() {
        return EmailContribution.CODEC;
    }

    @Override
    public String changesTopic() {
        return CHANGES_BY_CATEGORY;
    }

    @Override
    public List<String> indexStores() {
        return List.of(BACKLOG_STORE, DEADLINE_STORE);
    }

    /** Handled e-mails only: one in the backlog keeps its full state, whatever its age. */
    @Override
    public boolean mayCompact(EmailContribution counted) {
        return counted == null || !counted.inBacklog();
    }

    @Override
    public Index<EmailContribution> index(ProcessorContext<?, ?> context) {
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
