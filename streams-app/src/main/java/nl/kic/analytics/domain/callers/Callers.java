package nl.kic.analytics.domain.callers;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.Endpoint;
import nl.kic.analytics.domain.FigureSink;
import nl.kic.analytics.domain.QueryParameters;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.Wiring;
import nl.kic.analytics.domain.attempts.AttemptChange;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
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

    /**
     * The settings of the caller figures, from the one settings table; a caller state goes within
     * {@code purgeEvery} of the moment its month can no longer change on the clock, unless
     * {@code keepAllMonths} (replay) keeps every state until the application stops.
     */
    public record Settings(CallerRules rules, Duration purgeEvery, int minCell, boolean keepAllMonths) {
        public static Settings from(KicConfig config) {
            return new Settings(new CallerRules(config.zone(), config.calendar(), config.callerLateAllowance()), Duration.ofHours(1),
                    config.privacyMinCell(), config.callersKeepAllMonths());
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
                .process(() -> new CallerProcessor(settings, wiring.metrics(), clock),
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

    /** The caller rows as they leave the product: the whole table, small cells hidden. */
    public List<ProtectedCallerRow> protectedCallers(StoreReader stores) {
        return consistent(() -> CallerSuppression.protect(metrics(stores).allRows(), settings.minCell()));
    }

    /** The reason rows as they leave the product: the whole table, small cells hidden. */
    public List<ProtectedReasonRow> protectedReasons(StoreReader stores) {
        return consistent(() -> ReasonSuppression.protect(reasons(stores).allRows(), settings.minCell()));
    }

    private static final int READS = 3;

    /**
     * A table whose sums hold. Each partition's rows are read at once, but the partitions one after
     * another, so a reading can catch a change of a caller on its way between two partitions (a late
     * key, another month) and not add up; small cells cannot be protected on it, so it is read again,
     * and after {@value #READS} readings the answer is "not now" (503) rather than unprotected.
     */
    private static <T> List<T> consistent(Supplier<List<T>> protectedTable) {
        for (int reading = 1; ; reading++) {
            try {
                return protectedTable.get();
            } catch (SmallCells.NotAddingUp e) {
                if (reading == READS) {
                    throw new InvalidStateStoreException("the caller figures were changing while they were read; ask again");
                }
            }
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("/api/callers/metrics", (parameters, stores) -> answer(parameters, CallerSuppression.COLUMNS,
                        protectedCallers(stores).stream().map(ProtectedCallerRow::values).toList())),
                new Endpoint("/api/reasons/metrics", (parameters, stores) -> answer(parameters, ReasonSuppression.COLUMNS,
                        protectedReasons(stores).stream().map(ProtectedReasonRow::values).toList())));
    }

    /**
     * The rows of the query's granularity, range, channel and queue, from the whole protected table (so
     * that what is hidden does not depend on the question), with the table's columns as fields.
     */
    private Endpoint.Answer answer(Map<String, String> parameters, List<String> columns, List<List<Object>> table) {
        Granularity granularity = QueryParameters.granularity(parameters);
        CallerMetricsQuery.checkGranularity(granularity);
        QueryParameters.Range range = QueryParameters.range(parameters, settings.rules().zone());
        Channel channel = QueryParameters.channel(parameters);
        String queue = parameters.get("queue");
        int at = columns.indexOf("interval_start");
        ObjectNode body = QueryParameters.JSON.createObjectNode().put("granularity", granularity.label());
        ArrayNode array = body.putArray("rows");
        Set<String> known = new TreeSet<>(List.of(CallerRules.ALL_QUEUES));
        for (List<Object> row : table) {
            known.add((String) row.get(1));
            Instant start = ((OffsetDateTime) row.get(at)).toInstant();
            if (row.get(2) != granularity || channel != null && row.get(0) != channel || queue != null && !queue.equals(row.get(1))
                    || range.from() != null && start.isBefore(range.from()) || range.to() != null && !start.isBefore(range.to())) {
                continue;
            }
            ObjectNode node = array.addObject();
            for (int i = 0; i < columns.size(); i++) {
                put(node, columns.get(i), row.get(i));
            }
        }
        if (queue != null && array.isEmpty() && !known.contains(queue)) {
            throw new Endpoint.UnknownName("queue", known);
        }
        return new Endpoint.Answer(body, array.size());
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof Long number) {
            node.put(field, number);
        } else if (value instanceof Double number) {
            node.put(field, number);
        } else if (value instanceof Boolean flag) {
            node.put(field, flag);
        } else if (value instanceof Granularity g) {
            node.put(field, g.label());
        } else {
            node.put(field, value.toString());
        }
    }

    /** None on /metrics: person counts leave the product only protected, per day or longer. */
    @Override
    public void figures(StoreReader stores, Instant now, FigureSink sink) {
    }
}
