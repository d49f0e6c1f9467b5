package nl.kic.analytics.domain.entity;

import java.util.List;
import java.util.function.Predicate;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.serde.ContributionCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The rules of one kind of entity (contacts, e-mails) for the shared state machine of
 * {@link EntityProcessor}: what its events are, how its state is stored and judged, where its
 * changes go, and its live index. Everything else (dedupe, holding, settling, compacting, purging,
 * dead letters) is the same for every kind.
 *
 * @param <E> the input event
 * @param <S> the state of one entity
 * @param <C> its contribution to the interval rows
 */
public interface EntityKind<E, S extends EntityState<S, E, ?, C>, C> {

    /** The prefix of the kind's processor, stores and topics ({@code contact}, {@code email}). */
    String name();

    PipelineMetrics.Kind metricsKind();

    /** "of a contact", in the reason of a too-late event. */
    String whose();

    String entityId(E event);

    long occurredAtMillis(E event);

    Object eventType(E event);

    /** Checks and tidies an event's fields (a queue name) before it counts; throws a rejection when one is refused. */
    default void check(E event, EventChecks checks) {
    }

    S newState();

    Serde<S> stateSerde();

    Serde<S> compactSerde();

    /** Why an impossible kept event is impossible: "lies before the contact's OFFERED". */
    String impossibleReason(Kept<?> event);

    /** The entity's contribution now, or null while it has none. */
    C judge(S state, long nowMillis);

    /** The interval rows the contributions count in: their store, series, time and codec. */
    IntervalAggregator.Rows<C, ?> rows();

    /** How a contribution is written in the changes and the stored state. */
    ContributionCodec<C> codec();

    /** The name of the repartition topic of the changes, by series. */
    String changesTopic();

    /** The stores of the live index, beside the state. */
    List<String> indexStores();

    /** The live index of one task, on its stores. */
    Index<C> index(ProcessorContext<?, ?> context);

    /** Whether the full state of an entity with this contribution may become a compact record once its retention passes. */
    default boolean mayCompact(C counted) {
        return true;
    }

    /** What an entity's contribution looks like live (waiting now, the backlog), and the timers of the clock. */
    interface Index<C> {
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
