package nl.kic.analytics.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.core.EventChecks;
import nl.kic.analytics.core.RejectedEventException;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
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
 * Per-contact state: drops duplicates, holds events that arrive before their OFFERED, dead-letters
 * impossible, too-late and out-of-range events, judges the contact and forwards every change of its
 * contribution, keyed by channel and queue, to the interval aggregation. Keeps the live indexes beside
 * the state and marks waiting contacts lost when the application clock passes OFFERED plus the lost
 * timeout.
 *
 * <p>Full state is kept for the contact retention after a contact's last event (by stream time);
 * then it becomes a compact record, kept until its last event lies the retention of the 15-minute
 * rows before the clock. A late event of a contact with a compact record is judged again exactly; a
 * late duplicate is dropped. So the figures do not depend on the order in which events arrive.
 */
public final class ContactStateProcessor implements Processor<String, ContactEvent, String, Change<Contribution>> {
    private static final Logger log = LoggerFactory.getLogger(ContactStateProcessor.class);

    private final ContactRules rules;
    private final EventChecks checks;
    private final ApplicationClock clock;
    private final PipelineMetrics metrics;
    private final Runnable countTooLate;
    private final Serializer<ContactEvent> eventSerializer;
    private final long retentionMillis;
    private final long compactRetentionMillis;
    private final Duration purgeInterval;
    private final Duration clockCheckInterval;

    private ProcessorContext<String, Change<Contribution>> context;
    private KeyValueStore<String, ContactState> contacts;
    private CompactRecords<ContactState> judged;
    private LiveIndex live;

    public ContactStateProcessor(ContactRules rules, EventChecks checks, ApplicationClock clock, PipelineMetrics metrics,
                                 Serializer<ContactEvent> eventSerializer, Duration retention, Duration compactRetention,
                                 Duration purgeInterval, Duration clockCheckInterval) {
        this.rules = rules;
        this.checks = checks;
        this.clock = clock;
        this.metrics = metrics;
        this.countTooLate = () -> metrics.tooLate(PipelineMetrics.Kind.CONTACT);
        this.eventSerializer = eventSerializer;
        this.retentionMillis = retention.toMillis();
        this.compactRetentionMillis = compactRetention.toMillis();
        this.purgeInterval = purgeInterval;
        this.clockCheckInterval = clockCheckInterval;
    }

    @Override
    public void init(ProcessorContext<String, Change<Contribution>> context) {
        this.context = context;
        this.contacts = context.getStateStore(ContactTopology.CONTACT_STATE_STORE);
        this.judged = new CompactRecords<>(context.getStateStore(ContactTopology.JUDGED_STORE), ContactState::lastEventMillis);
        KeyValueStore<Bytes, byte[]> waiting = context.getStateStore(ContactTopology.WAITING_STORE);
        KeyValueStore<Bytes, byte[]> outcomes = context.getStateStore(ContactTopology.OUTCOMES_STORE);
        this.live = new LiveIndex(waiting, outcomes);
        // "lost" follows the application clock, not event time: a contact becomes lost while no event arrives.
        context.schedule(clockCheckInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> markLost());
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, this::purgeExpired);
    }

    @Override
    public void process(Record<String, ContactEvent> record) {
        ContactEvent event = record.value();
        if (event == null) {
            return;
        }
        metrics.processed(PipelineMetrics.Kind.CONTACT);
        long occurredAt = event.getOccurredAt().toEpochMilli();
        checks.checkTime(occurredAt);
        event.setQueue(checks.checkName("queue", event.getQueue()));
        checks.checkQueue(event.getQueue());
        checks.checkNotTooLate(occurredAt, event.getType(), "of a contact", countTooLate);
        String contactId = event.getContactId();
        // Judged before and its full state gone: it is full state again until the contact retention passes.
        Optional<ContactState> found = judged.stateForEvent(contacts, contactId, event.getEventId(), ContactState::hasSeen, ContactState::new);
        if (found.isEmpty()) {
            metrics.duplicateDropped(PipelineMetrics.Kind.CONTACT);
            return;
        }
        ContactState state = found.get();
        boolean impossible = state.isImpossible(event);
        state.accept(event, state.isUndecided(event) ? heldSource(event) : null);
        if (impossible) {
            state.markLastReported();
        }
        List<RejectedEventException.HeldEvent> heldImpossible = new ArrayList<>(0);
        for (ContactState.KeptEvent held : state.settleHeld()) {
            metrics.impossible(PipelineMetrics.Kind.CONTACT);
            String message = "held " + held.type() + " at " + Instant.ofEpochMilli(held.occurredAtMillis()) + " lies before the contact's "
                    + (held.type() == ContactEventType.ENDED ? "ANSWERED or OFFERED" : "OFFERED");
            if (held.heldSource() != null) {
                heldImpossible.add(new RejectedEventException.HeldEvent("impossible", message, contactId, held.heldSource()));
            } else {
                // Held longer than the contact retention: its bytes went with the full state.
                log.warn("Contact event is impossible and cannot be dead-lettered: {}", message);
            }
        }
        judgeAndStore(contactId, state);
        if (impossible) {
            metrics.impossible(PipelineMetrics.Kind.CONTACT);
            throw new RejectedEventException("impossible", event.getType() + " at " + event.getOccurredAt()
                    + " lies before the contact's " + (event.getType() == ContactEventType.ENDED ? "ANSWERED or OFFERED" : "OFFERED"),
                    heldImpossible);
        }
        if (!heldImpossible.isEmpty()) {
            throw RejectedEventException.heldOnly(heldImpossible);
        }
    }

    /** Where the record being processed was read, and the event's bytes, for a dead letter should it turn out impossible. */
    private HeldSource heldSource(ContactEvent event) {
        return context.recordMetadata()
                .map(m -> new HeldSource(m.topic(), m.partition(), m.offset(), eventSerializer.serialize(m.topic(), event)))
                .orElse(null);
    }
    /** Judges the contact on the application clock, forwards a change if there is one, and stores it. */
    private void judgeAndStore(String contactId, ContactState state) {
        Contribution before = state.counted();
        Contribution after = state.judge(rules, clock.nowMillis());
        if (!Objects.equals(before, after)) {
            forwardChange(before, after);
            live.replace(contactId, before, after);
            state.setCounted(after);
        }
        contacts.put(contactId, state);
    }

    /** Keyed by channel and queue: a contact whose queue changes (REJECTED in one queue, then OFFERED in another) sends two records. */
    private void forwardChange(Contribution before, Contribution after) {
        for (Change<Contribution> change : Change.perKey(before, after, Contribution::queueKey)) {
            // The record time is the contact's event time, so the aggregation's stream time is event time too.
            context.forward(new Record<>(change.keyed().queueKey(), change, change.keyed().contactTimeMillis()));
        }
    }

    private void markLost() {
        long now = clock.nowMillis();
        for (LiveIndex.Entry entry : live.waitingOfferedAtOrBefore(now - rules.lostAfterMillis())) {
            ContactState state = contacts.get(entry.contactId());
            if (state == null) {
                live.removeWaiting(entry);
            } else {
                judgeAndStore(entry.contactId(), state);
            }
        }
    }

    private void purgeExpired(long streamTime) {
        long cutoff = streamTime - retentionMillis;
        List<KeyValue<String, ContactState>> expired = new ArrayList<>();
        try (KeyValueIterator<String, ContactState> it = contacts.all()) {
            while (it.hasNext()) {
                KeyValue<String, ContactState> kv = it.next();
                if (kv.value.lastEventMillis() < cutoff) {
                    expired.add(kv);
                }
            }
        }
        for (KeyValue<String, ContactState> kv : expired) {
            // A contact still counted as open leaves its waiting entry; judge it once more so it is
            // counted as lost (by the clock) before its full state goes.
            judgeAndStore(kv.key, kv.value);
            Contribution counted = kv.value.counted();
            if (counted != null && counted.status() == Contribution.Status.OPEN) {
                live.replace(kv.key, counted, null);
            }
            contacts.delete(kv.key);
            judged.put(kv.key, kv.value.compacted());
        }
        judged.purgeBefore(clock.nowMillis() - compactRetentionMillis);
        live.purgeOutcomesBefore(Math.min(streamTime, clock.nowMillis()) - LiveIndex.OUTCOME_RETENTION.toMillis());
    }
}
