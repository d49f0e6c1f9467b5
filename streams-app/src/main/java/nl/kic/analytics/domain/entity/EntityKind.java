package nl.kic.analytics.domain.entity;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.serde.ContributionCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The rules of one kind of entity (contacts, e-mails) for the shared state machine of
 * {@link EntityProcessor}: what its events are ({@link Events}), how its state is stored and where its
 * changes go ({@link Storage}), how it is judged, and its live index. Everything else (dedupe, holding,
 * settling, compacting, purging, dead letters) is the same for every kind.
 *
 * @param <E> the input event
 * @param <S> the state of one entity
 * @param <C> its contribution to the interval rows
 */
public abstract class EntityKind<E, S extends EntityState<S, E, ?, C>, C> {

    /**
     * The kind's events: its name (the prefix of its processor, stores and topics: {@code contact}),
     * its counters, "of a contact" in the reason of a too-late event, and how an event names its
     * entity, its time and its type.
     */
    public record Events<E>(String name, PipelineMetrics.Kind metricsKind, String whose, Function<E, String> entityId,
                            Function<E, Instant> occurredAt, Function<E, ?> type) {
    }

    /**
     * The kind's storage: a new state, the serdes of the full state and of the compact record, the
     * interval rows the contributions count in, the codec of a contribution, the repartition topic
     * versions before 2026-12 sent the changes through (read after an upgrade: see
     * {@link EntityTopology}), and the stores of its live index.
     */
    public record Storage<S, C>(Supplier<S> newState, Serde<S> stateSerde, Serde<S> compactSerde, IntervalAggregator.Rows<C, ?> rows,
                                ContributionCodec<C> codec, String changesTopic, List<String> indexStores) {
    }

    private final Events<E> events;
    private final Storage<S, C> storage;

    protected EntityKind(Events<E> events, Storage<S, C> storage) {
        this.events = events;
        this.storage = storage;
    }

    public final Events<E> events() {
        return events;
    }

    public final Storage<S, C> storage() {
        return storage;
    }

    /** Checks and tidies an event's fields (a queue name) before it counts; throws a rejection when one is refused. */
    protected void check(E event, EventChecks checks) {
    }

    /** Why an impossible kept event is impossible: "lies before the contact's OFFERED". */
    protected abstract String impossibleReason(Kept<?> event);

    /** The entity's contribution now, or null while it has none. */
    protected abstract C judge(S state, long nowMillis);

    /** The live index of one task, on its stores. */
    protected abstract Index<C> index(ProcessorContext<?, ?> context);

    /** Whether the full state of an entity with this contribution may become a compact record once its retention passes. */
    protected boolean mayCompact(C counted) {
        return true;
    }

    /** When a compact record holds something it must no longer keep (a caller key), or Long.MAX_VALUE for never. */
    protected long forgetAtMillis(S compactRecord) {
        return Long.MAX_VALUE;
    }

    /** The compact record without what it must no longer keep. */
    protected S forget(S compactRecord) {
        return compactRecord;
    }

    /** What an entity's contribution looks like live (waiting now, the backlog), and the timers of the clock. */
    public interface Index<C> {
        /** Moves an entity's entries from its old contribution to its new one, judged at {@code nowMillis}. */
        void replace(String id, C before, C after, long nowMillis);

        /**
         * The entities whose judgement the clock may have changed by {@code nowMillis} (a contact now
         * lost, an e-mail past its deadline); entries of entities without full state go.
         */
        List<String> dueAt(long nowMillis, Predicate<String> hasFullState);

        /** The entity's full state goes (it becomes a compact record): entries that only full state keeps go too. */
        default void fullStateGoes(String id, C counted) {
        }

        /** Drops what the index keeps longer than it needs, at a purge. */
        default void purge(long streamTimeMillis, long nowMillis) {
        }
    }
}
