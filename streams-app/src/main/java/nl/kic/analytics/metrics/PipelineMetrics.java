package nl.kic.analytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counters of what happened to input events, labelled by event kind ({@code contact}, {@code email},
 * {@code agent}). Exposed on /metrics as {@code kic_events_processed_total},
 * {@code kic_events_duplicates_dropped_total}, {@code kic_events_impossible_total} and
 * {@code kic_events_too_late_total}; and {@code kic_events_dead_lettered_total} by reason.
 */
public final class PipelineMetrics {

    /** The kinds of input event. */
    public enum Kind {
        CONTACT, EMAIL, AGENT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Kind, Counter> processed = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> duplicatesDropped = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> impossible = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> tooLate = new EnumMap<>(Kind.class);
    private final Map<String, Counter> deadLettered = new java.util.concurrent.ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Kind kind : Kind.values()) {
            processed.put(kind, counter(registry, "kic.events.processed", kind, "Input events processed (duplicates included)"));
            duplicatesDropped.put(kind, counter(registry, "kic.events.duplicates.dropped", kind, "Events dropped because their id was seen before for the same contact, e-mail or agent"));
            impossible.put(kind, counter(registry, "kic.events.impossible", kind, "Events dropped as impossible (timed before the event they must follow)"));
            tooLate.put(kind, counter(registry, "kic.events.too.late", kind, "Events more than the retention of the 15-minute rows before the application clock"));
        }
        // Both reasons exist from the start, so that rates and alerts see a zero rather than no series.
        deadLettered("undecodable", 0);
        deadLettered("unknown_schema", 0);
    }

    private static Counter counter(MeterRegistry registry, String name, Kind kind, String description) {
        return Counter.builder(name).description(description).tag("kind", kind.label()).register(registry);
    }

    public void processed(Kind kind) {
        processed.get(kind).increment();
    }

    public void duplicateDropped(Kind kind) {
        duplicatesDropped.get(kind).increment();
    }

    public void impossible(Kind kind) {
        impossible.get(kind).increment();
    }

    public void tooLate(Kind kind) {
        tooLate.get(kind).increment();
    }

    /**
     * A record sent to the dead-letter topic, by reason ({@code undecodable}, {@code unknown_schema}):
     * {@code kic_events_dead_lettered_total{reason=...}}.
     */
    public void deadLettered(String reason) {
        deadLettered(reason, 1);
    }

    private void deadLettered(String reason, int count) {
        deadLettered.computeIfAbsent(reason, r -> Counter.builder("kic.events.dead.lettered")
                .description("Input records sent to the dead-letter topic, by reason").tag("reason", r).register(registry))
                .increment(count);
    }

    public long deadLetteredCount(String reason) {
        Counter counter = deadLettered.get(reason);
        return counter == null ? 0 : (long) counter.count();
    }

    public long processedCount(Kind kind) {
        return (long) processed.get(kind).count();
    }

    public long duplicatesDroppedCount(Kind kind) {
        return (long) duplicatesDropped.get(kind).count();
    }

    public long impossibleCount(Kind kind) {
        return (long) impossible.get(kind).count();
    }

    public long tooLateCount(Kind kind) {
        return (long) tooLate.get(kind).count();
    }
}
