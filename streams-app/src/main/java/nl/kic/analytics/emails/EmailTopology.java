package nl.kic.analytics.emails;

import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.core.IntervalAggregator;
import nl.kic.analytics.events.EmailEvent;
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
 * Contact-form e-mail, from EmailEvents to interval figures and the live backlog:
 * <pre>
 * kic.email-events ─► email-state (per e-mail: dedupe, hold, judge on the working-day calendar; backlog)
 *                    ─► email-changes-by-category (repartition by category)
 *                    ─► email-interval-aggregation (rows of every granularity)
 * </pre>
 */
public final class EmailTopology {
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

    private EmailTopology() {
    }

    public static void build(StreamsBuilder builder, KicConfig config, Serde<EmailEvent> emailEventSerde,
                             ApplicationClock clock, PipelineMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EMAIL_STATE_STORE), Serdes.String(), EmailState.serde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(JUDGED_STORE), Serdes.String(), EmailState.compactSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BACKLOG_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEADLINE_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(INTERVAL_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());

        EmailRules rules = EmailRules.from(config);
        builder.stream(config.emailEventsTopic(), Consumed.with(Serdes.String(), emailEventSerde)
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("email-events"))
                .process(() -> new EmailStateProcessor(rules, config.eventChecks(clock), clock, metrics, emailEventSerde.serializer(),
                                config.emailRetention(), config.fineIntervalRetention(), config.purgeInterval(), config.clockCheckInterval()),
                        Named.as("email-state"), EMAIL_STATE_STORE, JUDGED_STORE, BACKLOG_STORE, DEADLINE_STORE)
                .repartition(Repartitioned.<String, Change<EmailContribution>>as(CHANGES_BY_CATEGORY)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Change.serde(EmailContribution::writeTo, EmailContribution::readFrom, EmailContribution::readFromOrdinals)))
                .process(() -> new IntervalAggregator<>(INTERVAL_ROWS, config.zone(), config.fineIntervalRetention(), config.purgeInterval()),
                        Named.as("email-interval-aggregation"), INTERVAL_STORE);
    }
}
