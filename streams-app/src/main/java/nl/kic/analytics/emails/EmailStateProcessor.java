package nl.kic.analytics.emails;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.core.EventChecks;
import nl.kic.analytics.core.RejectedEventException;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.serde.HeldSource;
import nl.kic.analytics.state.CompactRecords;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-e-mail state over days and weeks: drops duplicates, holds events that arrive before their
 * RECEIVED, dead-letters impossible ones, judges the e-mail and forwards every change of its contribution,
 * keyed by category, to the interval aggregation. Keeps the backlog index and re-judges open e-mails
 * when the application clock passes their deadline (a must-answer e-mail then becomes a violation).
 * Handled e-mails keep full state for the e-mail retention, then a compact record for the retention
 * of the 15-minute rows, so that a late event is judged again exactly and a late duplicate dropped.
 */
public final class EmailStateProcessor implements Processor<String, EmailEvent, String, Change<EmailContribution>> {
    private static final Logger log = LoggerFactory.getLogger(EmailStateProcessor.class);

    private final EmailRules rules;
    private final EventChecks checks;
    private final ApplicationClock clock;
    private final PipelineMetrics metrics;
    private final Runnable countTooLate;
    private final Serializer<EmailEvent> eventSerializer;
    private final long retentionMillis;
    private final long compactRetentionMillis;
    private final Duration purgeInterval;
    private final Duration deadlineCheckInterval;

    private ProcessorContext<String, Change<EmailContribution>> context;
    private KeyValueStore<String, EmailState> emails;
    private CompactRecords<EmailState> judged;
    private EmailBacklogIndex backlog;

    public EmailStateProcessor(EmailRules rules, EventChecks checks, ApplicationClock clock, PipelineMetrics metrics,
                               Serializer<EmailEvent> eventSerializer, Duration retention, Duration compactRetention,
                               Duration purgeInterval, Duration deadlineCheckInterval) {
        this.rules = rules;
        this.checks = checks;
        this.clock = clock;
        this.metrics = metrics;
        this.countTooLate = () -> metrics.tooLate(PipelineMetrics.Kind.EMAIL);
        this.eventSerializer = eventSerializer;
        this.retentionMillis = retention.toMillis();
        this.compactRetentionMillis = compactRetention.toMillis();
        this.purgeInterval = purgeInterval;
        this.deadlineCheckInterval = deadlineCheckInterval;
    }

    @Override
    public void init(ProcessorContext<String, Change<EmailContribution>> context) {
        this.context = context;
        this.emails = context.getStateStore(EmailTopology.EMAIL_STATE_STORE);
        this.judged = new CompactRecords<>(context.getStateStore(EmailTopology.JUDGED_STORE), EmailState::lastEventMillis);
        KeyValueStore<Bytes, byte[]> backlogStore = context.getStateStore(EmailTopology.BACKLOG_STORE);
        KeyValueStore<Bytes, byte[]> deadlineStore = context.getStateStore(EmailTopology.DEADLINE_STORE);
        this.backlog = new EmailBacklogIndex(backlogStore, deadlineStore);
        context.schedule(deadlineCheckInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> passDeadlines());
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, this::purgeExpired);
    }

    @Override
    public void process(Record<String, EmailEvent> record) {
        EmailEvent event = record.value();
        if (event == null) {
            return;
        }
        metrics.processed(PipelineMetrics.Kind.EMAIL);
        String emailId = event.getEmailId();
        long occurredAt = event.getOccurredAt().toEpochMilli();
        checks.checkTime(occurredAt);
        checks.checkNotTooLate(occurredAt, event.getType(), "of an e-mail", countTooLate);
        // Handled long ago and its full state gone: it is full state again until the e-mail retention passes.
        Optional<EmailState> found = judged.stateForEvent(emails, emailId, event.getEventId(), EmailState::hasSeen, EmailState::new);
        if (found.isEmpty()) {
            metrics.duplicateDropped(PipelineMetrics.Kind.EMAIL);
            return;
        }
        EmailState state = found.get();
        boolean impossible = state.isImpossible(event);
        state.accept(event, state.isUndecided(event) ? heldSource(event) : null);
        if (impossible) {
            state.markLastReported();
        }
        List<RejectedEventException.HeldEvent> heldImpossible = new ArrayList<>(0);
        for (EmailState.KeptEvent held : state.settleHeld()) {
            metrics.impossible(PipelineMetrics.Kind.EMAIL);
            String message = "held " + held.type() + " at " + Instant.ofEpochMilli(held.occurredAtMillis()) + " lies before the e-mail's RECEIVED";
            if (held.heldSource() != null) {
                heldImpossible.add(new RejectedEventException.HeldEvent("impossible", message, emailId, held.heldSource()));
            } else {
                log.warn("E-mail event is impossible and cannot be dead-lettered: {}", message);
            }
        }
        judgeAndStore(emailId, state);
        if (impossible) {
            metrics.impossible(PipelineMetrics.Kind.EMAIL);
            throw new RejectedEventException("impossible", event.getType() + " at " + event.getOccurredAt()
                    + " lies before the e-mail's RECEIVED", heldImpossible);
        }
        if (!heldImpossible.isEmpty()) {
            throw RejectedEventException.heldOnly(heldImpossible);
        }
    }

    /** Where the record being processed was read, and the event's bytes, for a dead letter should it turn out impossible. */
    private HeldSource heldSource(EmailEvent event) {
        return context.recordMetadata()
                .map(m -> new HeldSource(m.topic(), m.partition(), m.offset(), eventSerializer.serialize(m.topic(), event)))
                .orElse(null);
    }

    private void judgeAndStore(String emailId, EmailState state) {
        long now = clock.nowMillis();
        EmailContribution before = state.counted();
        EmailContribution after = state.judge(rules, now);
        if (!Objects.equals(before, after)) {
            forwardChange(before, after);
            backlog.replace(emailId, before, after, now);
            state.setCounted(after);
        }
        emails.put(emailId, state);
    }

    /** Keyed by category: a reclassified e-mail leaves one category and enters another. */
    private void forwardChange(EmailContribution before, EmailContribution after) {
        for (Change<EmailContribution> change : Change.perKey(before, after, EmailContribution::category)) {
            context.forward(new Record<>(change.keyed().category(), change, change.keyed().receivedMillis()));
        }
    }

    private void passDeadlines() {
        for (String emailId : backlog.takeDeadlinesBefore(clock.nowMillis())) {
            EmailState state = emails.get(emailId);
            if (state != null) {
                judgeAndStore(emailId, state);
            }
        }
    }

    private void purgeExpired(long streamTime) {
        long cutoff = streamTime - retentionMillis;
        List<KeyValue<String, EmailState>> expired = new ArrayList<>();
        try (KeyValueIterator<String, EmailState> it = emails.all()) {
            while (it.hasNext()) {
                KeyValue<String, EmailState> kv = it.next();
                EmailContribution counted = kv.value.counted();
                boolean done = counted == null || !counted.inBacklog();
                if (done && kv.value.lastEventMillis() < cutoff) {
                    expired.add(kv);
                }
            }
        }
        for (KeyValue<String, EmailState> kv : expired) {
            emails.delete(kv.key);
            judged.put(kv.key, kv.value.compacted());
        }
        judged.purgeBefore(clock.nowMillis() - compactRetentionMillis);
    }
}
