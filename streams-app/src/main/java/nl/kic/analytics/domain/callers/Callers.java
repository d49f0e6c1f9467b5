package nl.kic.analytics.domain.callers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.Endpoint;
import nl.kic.analytics.domain.FigureSink;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.Wiring;
import nl.kic.analytics.domain.attempts.AttemptChange;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Citizens rather than calls (docs/metrics.md, "Callers"): the contacts' attempts ({@link AttemptChange#FEED})
 * in, repartitioned by caller key and month; per caller and month its attempts; caller rows per
 * (channel, queue or ALL, day, week, month; a year is the sum of its months). It reads no topic of its
 * own, so it comes after the contacts.
 */
public final class Callers implements Domain {

    /** The settings of the caller figures, from the one settings table. */
    public record Settings(CallerRules rules, Duration purgeInterval) {
        public static Settings from(KicConfig config) {
            return new Settings(new CallerRules(config.zone(), config.calendar(), config.callerLateAllowance()),
                    config.purgeInterval());
        }
    }

    public static final StoreHandle<String, CallerState> STATE = new StoreHandle<>("caller-state-store", Serdes.String(), CallerState.serde(), false);
    public static final StoreHandle<Bytes, byte[]> ROWS = StoreHandle.queriedBytes("caller-row-store");
    public static final StoreHandle<Bytes, byte[]> REASON_ROWS = StoreHandle.queriedBytes("caller-reason-store");
    /** The repartition topic of the attempts, by caller key and month. */
    static final String ATTEMPTS_TOPIC = "caller-attempts";

    private final Settings settings;
    private final ApplicationClock clock;

    public Callers(Settings settings, ApplicationClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "callers";
    }

    /** None: its input is the contacts' attempts. */
    @Override
    public String inputTopic() {
        return null;
    }

    @Override
    public void addTo(StreamsBuilder builder, Wiring wiring) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE.name()), STATE.keySerde(), STATE.valueSerde())
                .withCachingEnabled());
        for (StoreHandle<Bytes, byte[]> rows : List.of(ROWS, REASON_ROWS)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(rows.name()), rows.keySerde(), rows.valueSerde())
                    .withCachingEnabled());
        }
        wiring.take(AttemptChange.FEED)
                .repartition(Repartitioned.<String, AttemptChange>as(ATTEMPTS_TOPIC).withKeySerde(Serdes.String())
                        .withValueSerde(AttemptChange.serde()))
                .process(() -> new CallerProcessor(settings.rules(), wiring.clock(), wiring.metrics(), settings.purgeInterval()),
                        Named.as("caller-state"), STATE.name(), ROWS.name(), REASON_ROWS.name());
    }

    @Override
    public List<StoreHandle<?, ?>> stores() {
        return List.of(STATE, ROWS, REASON_ROWS);
    }

    @Override
    public Map<String, Integer> storedFormats() {
        return Map.of("caller-state", CallerState.FORMAT_VERSION, "caller-row", CountRows.CALLERS.formatVersion(), "reason-row", CountRows.REASONS.formatVersion(),
                "attempt-change", AttemptChange.FORMAT_VERSION);
    }

    /** The caller rows as computed, before small cells are protected. */
    public CallerMetricsQuery metrics(StoreReader stores) {
        return new CallerMetricsQuery(stores.store(ROWS), settings.rules(), clock);
    }

    /** The reason rows as computed, before small cells are protected. */
    public ReasonMetricsQuery reasons(StoreReader stores) {
        return new ReasonMetricsQuery(stores.store(REASON_ROWS), settings.rules());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of();
    }

    /** None on /metrics: person counts leave the product only protected, per day or longer. */
    @Override
    public void figures(StoreReader stores, Instant now, FigureSink sink) {
    }
}
