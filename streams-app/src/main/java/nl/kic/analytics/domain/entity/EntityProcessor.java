package nl.kic.analytics.domain.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.errors.RejectedEventException;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.serde.HeldSource;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.kafka.common.serialization.Serializer;
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
 * Per-entity state, the same for every kind: drops duplicates, holds events that arrive before their
 * anchor event (a contact's OFFERED, an e-mail's RECEIVED), dead-letters impossible, too-late and
 * out-of-range events, judges the entity and forwards every change of its contribution, keyed by the
 * entity's id (see {@link EntityTopology} for where changes go). Keeps the kind's live index beside the state and judges again
 * the entities whose judgement the application clock changes (a contact lost, an e-mail past its
 * deadline).
 *
 * <p>Full state is kept for the kind's retention after an entity's last event (by stream time); then
 * it becomes a compact record, kept until its last event lies the retention of the 15-minute rows
 * before the clock. A late event of an entity with a compact record is judged again exactly; a late
 * duplicate is dropped. So the figures do not depend on the order in which events arrive.
 */
public final class EntityProcessor<E, S extends EntityState<S, E, ?, C>, C> implements Processor<String, E, String, Change<C>> {
    private static final Logger log = LoggerFactory.getLogger(EntityProcessor.class);

    /** How long full state and compact records are kept, and how often purges and the clock's timers run. */
    public record Settings(Duration retention, Duration compactRetention, Duration purgeInterval, Duration clockCheckInterval) {
    }

    private final EntityKind<E, S, C> kind;
    private final EventChecks checks;
    private final ApplicationClock clock;
    private final PipelineMetrics metrics;
    private final Serializer<E> eventSerializer;
    private final Settings settings;
    private final IntervalAggregator.Rows<C, ?> rows;

    private ProcessorContext<String, Change<C>> context;
    private KeyValueStore<String, S> full;
    private CompactRecords<S> compact;
    private EntityKind.Index<C> index;

    public EntityProcessor(EntityKind<E, S, C> kind, EventChecks checks, ApplicationClock clock, PipelineMetrics metrics,
                           Serializer<E> eventSerializer, Settings settings) {
        this.kind = kind;
        this.checks = checks;
        this.clock = clock;
        this.metrics = metrics;
        this.eventSerializer = eventSerializer;
        this.settings = settings;
        this.rows = kind.storage().rows();
    }

    @Override
    public void init(ProcessorContext<String, Change<C>> context) {
        this.context = context;
        this.full = context.getStateStore(EntityTopology.stateStore(kind));
        this.compact = new CompactRecords<>(context.getStateStore(EntityTopology.compactStore(kind)), S::lastEventMillis,
                kind::forgetAtMillis, kind::forget);
        this.index = kind.index(context);
        // The clock's timers follow the application clock, not event time: they fire while no event arrives.
        context.schedule(settings.clockCheckInterval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> judgeDue());
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME, this::purgeExpired);
    }

    @Override
    public void process(Record<String, E> record) {
        E event = record.value();
        if (event == null) {
            return;
        }
        PipelineMetrics.Kind metricsKind = kind.events().metricsKind();
        metrics.processed(metricsKind);
        long occurredAt = kind.events().occurredAt().apply(event).toEpochMilli();
        checks.checkTime(occurredAt);
        kind.check(event, checks);
        checks.checkNotTooLate(occurredAt, kind.events().type().apply(event), kind.events().whose(), () -> metrics.tooLate(metricsKind));
        String id = kind.events().entityId().apply(event);
        S state = full.get(id);
        boolean fromCompact = false;
        if (state == null) {
            // Judged before and its full state gone: it is full state again until the retention passes.
            state = compact.get(id);
            fromCompact = state != null;
        }
        if (state == null) {
            state = kind.storage().newState().get();
        }
        Applied<? extends Kept<?>> applied = state.apply(event, () -> heldSource(event));
        if (applied.duplicate()) {
            metrics.duplicateDropped(metricsKind);
            return;
        }
        if (fromCompact) {
            compact.delete(id);
        }
        List<RejectedEventException.HeldEvent> heldImpossible = new ArrayList<>(0);
        for (Kept<?> held : applied.heldImpossible()) {
            metrics.impossible(metricsKind);
            String message = "held " + describe(held);
            if (held.heldSource() != null) {
                heldImpossible.add(new RejectedEventException.HeldEvent(DeadLetterReason.IMPOSSIBLE, message, id, held.heldSource()));
            } else {
                // Held longer than the retention: its bytes went with the full state.
                log.warn("{} event is impossible and cannot be dead-lettered: {}", kind.events().name(), message);
            }
        }
        judgeAndStore(id, state);
        if (applied.result() == Applied.Result.IMPOSSIBLE) {
            metrics.impossible(metricsKind);
            throw new RejectedEventException(DeadLetterReason.IMPOSSIBLE, describe(applied.event()), heldImpossible);
        }
        if (!heldImpossible.isEmpty()) {
            throw RejectedEventException.heldOnly(heldImpossible);
        }
    }

    private String describe(Kept<?> event) {
        return event.type() + " at " + Instant.ofEpochMilli(event.occurredAtMillis()) + " " + kind.impossibleReason(event);
    }

    /** Where the record being processed was read, and the event's bytes, for a dead letter should it turn out impossible. */
    private HeldSource heldSource(E event) {
        return context.recordMetadata()
                .map(m -> new HeldSource(m.topic(), m.partition(), m.offset(), eventSerializer.serialize(m.topic(), event)))
                .orElse(null);
    }

    /** Judges the entity on the application clock, forwards a change if there is one, and stores it. */
    private void judgeAndStore(String id, S state) {
        long now = clock.nowMillis();
        C before = state.counted();
        C after = kind.judge(state, now);
        if (!Objects.equals(before, after)) {
            forwardChange(id, before, after);
            index.replace(id, before, after, now);
            state.setCounted(after);
        }
        full.put(id, state);
    }

    private void forwardChange(String id, C before, C after) {
        Change<C> change = new Change<>(before, after);
        // The record time is the entity's event time, so the aggregation's stream time is event time too.
        context.forward(new Record<>(id, change, rows.timeMillis().applyAsLong(change.keyed())));
    }

    private void judgeDue() {
        for (String id : index.dueAt(clock.nowMillis(), key -> full.get(key) != null)) {
            S state = full.get(id);
            if (state != null) {
                judgeAndStore(id, state);
            }
        }
    }

    private void purgeExpired(long streamTime) {
        long cutoff = streamTime - settings.retention().toMillis();
        List<KeyValue<String, S>> expired = new ArrayList<>();
        try (KeyValueIterator<String, S> it = full.all()) {
            while (it.hasNext()) {
                KeyValue<String, S> kv = it.next();
                if (kv.value.lastEventMillis() < cutoff && kind.mayCompact(kv.value.counted())) {
                    expired.add(kv);
                }
            }
        }
        for (KeyValue<String, S> kv : expired) {
            // Judged once more on the clock before its full state goes (a contact still waiting is lost by now).
            judgeAndStore(kv.key, kv.value);
            index.fullStateGoes(kv.key, kv.value.counted());
            full.delete(kv.key);
            compact.put(kv.key, kv.value.compacted());
        }
        // Records expire on the clock, like events too late for the figures; what a record forgets goes
        // on the clock too, as the caller figures stop taking changes on it.
        compact.purge(clock.nowMillis() - settings.compactRetention().toMillis(), clock.nowMillis());
        index.purge(streamTime, clock.nowMillis());
    }
}
