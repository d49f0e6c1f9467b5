package nl.kic.analytics.domain.entity;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.domain.intervals.IntervalAggregator;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.EventTimeExtractor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The part of the topology of one kind of entity, the same for every kind:
 * <pre>
 * input topic ─► {name}-state (per entity: dedupe, hold, judge; compact records; live index)
 *             ─► {name}-interval-aggregation (this task's part of the rows of every granularity)
 * </pre>
 * Its stores are {@code {name}-state-store}, {@code {name}-judged-store}, the kind's index stores and
 * its interval store. Each task keeps the rows of its own entities, in the same task and transaction
 * as their states, so that a change never travels through the broker; a row of a (series, interval)
 * has a part in every partition, and a query sums the parts (the rows are additive). {@link #build}
 * returns the changes keyed by entity id, for a domain that offers them to others (the contacts'
 * attempts).
 *
 * <p>Versions before 2026-12 sent every change through a repartition topic keyed by series to one
 * task per series. The changes such a version had sent but not applied when it stopped are applied
 * after an upgrade ({@code {name}-interval-aggregation-before-upgrade}): the topic is read to its end
 * and gets no new records. The rows it had kept are parts like any other, restored from the same
 * changelog.
 */
public final class EntityTopology {
    private EntityTopology() {
    }

    public static String stateStore(EntityKind<?, ?, ?> kind) {
        return kind.events().name() + "-state-store";
    }

    /** Compact records of entities whose full state has gone: see {@link EntityState}. */
    public static String compactStore(EntityKind<?, ?, ?> kind) {
        return kind.events().name() + "-judged-store";
    }

    /** What the part needs beside the kind: its input, checks, clock, metrics, settings and the application id. */
    public record Wiring<E>(String inputTopic, Serde<E> eventSerde, EventChecks checks, ApplicationClock clock, PipelineMetrics metrics,
                            EntityProcessor.Settings settings, ZoneId zone, String applicationId) {
    }

    /** The repartition topic of the changes in versions before 2026-12, read after an upgrade to apply what it still holds. */
    public static String changesBeforeUpgradeTopic(EntityKind<?, ?, ?> kind, String applicationId) {
        return applicationId + "-" + kind.storage().changesTopic() + "-repartition";
    }

    public static <E, S extends EntityState<S, E, ?, C>, C> KStream<String, Change<C>> build(StreamsBuilder builder, EntityKind<E, S, C> kind,
                                                                                            Wiring<E> wiring) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stateStore(kind)), Serdes.String(), kind.storage().stateSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(compactStore(kind)), Serdes.String(), kind.storage().compactSerde()).withCachingEnabled());
        for (String store : kind.storage().indexStores()) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(store), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        }
        IntervalAggregator.Rows<C, ?> rows = kind.storage().rows();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(rows.storeName()), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());

        List<String> processorStores = new ArrayList<>(List.of(stateStore(kind), compactStore(kind)));
        processorStores.addAll(kind.storage().indexStores());
        EntityProcessor.Settings settings = wiring.settings();
        KStream<String, Change<C>> byEntity = builder.stream(wiring.inputTopic(), Consumed.with(Serdes.String(), wiring.eventSerde())
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName(kind.events().name() + "-events"))
                .process(() -> new EntityProcessor<>(kind, wiring.checks(), wiring.clock(), wiring.metrics(), wiring.eventSerde().serializer(),
                        settings), Named.as(kind.events().name() + "-state"), processorStores.toArray(String[]::new));
        byEntity.process(() -> aggregator(rows, wiring.zone(), settings, true), Named.as(kind.events().name() + "-interval-aggregation"),
                rows.storeName());
        builder.stream(changesBeforeUpgradeTopic(kind, wiring.applicationId()), Consumed.with(Serdes.String(), Change.serde(kind.storage().codec()))
                        .withName(kind.events().name() + "-changes-before-upgrade"))
                .process(() -> aggregator(rows, wiring.zone(), settings, false), Named.as(kind.events().name() + "-interval-aggregation-before-upgrade"),
                        rows.storeName());
        return byEntity;
    }

    private static <C, R> IntervalAggregator<C, R> aggregator(IntervalAggregator.Rows<C, R> rows, ZoneId zone, EntityProcessor.Settings settings,
                                                              boolean purges) {
        return new IntervalAggregator<>(rows, zone, settings.compactRetention(), settings.purgeInterval(), purges);
    }
}
