package nl.kic.analytics.contacts;

import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.core.IntervalAggregator;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.time.ApplicationClock;
import nl.kic.analytics.time.EventTimeExtractor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Calls and chats, from ContactEvents to interval and live figures:
 * <pre>
 * kic.contact-events ─► contact-state (per contact: dedupe, hold, judge; compact records; live indexes)
 *                      ─► contact-changes-by-queue (repartition by channel|queue)
 *                      ─► contact-interval-aggregation (rows of every granularity)
 * </pre>
 */
public final class ContactTopology {
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
    public static final String CHANGES_BY_QUEUE = "contact-changes-by-queue";

    private ContactTopology() {
    }

    public static void build(StreamsBuilder builder, KicConfig config, Serde<ContactEvent> contactEventSerde,
                             ApplicationClock clock, PipelineMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CONTACT_STATE_STORE), Serdes.String(), ContactState.serde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(JUDGED_STORE), Serdes.String(), ContactState.compactSerde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WAITING_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OUTCOMES_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(INTERVAL_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());

        ContactRules rules = ContactRules.from(config);
        builder.stream(config.contactEventsTopic(), Consumed.with(Serdes.String(), contactEventSerde)
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("contact-events"))
                .process(() -> new ContactStateProcessor(rules, config.eventChecks(clock), clock, metrics, contactEventSerde.serializer(),
                                config.contactRetention(), config.fineIntervalRetention(), config.purgeInterval(), config.clockCheckInterval()),
                        Named.as("contact-state"), CONTACT_STATE_STORE, JUDGED_STORE, WAITING_STORE, OUTCOMES_STORE)
                .repartition(Repartitioned.<String, Change<Contribution>>as(CHANGES_BY_QUEUE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Change.serde(Contribution::writeTo, Contribution::readFrom, Contribution::readFromOrdinals)))
                .process(() -> new IntervalAggregator<>(INTERVAL_ROWS, config.zone(), config.fineIntervalRetention(), config.purgeInterval()),
                        Named.as("contact-interval-aggregation"), INTERVAL_STORE);
    }
}
