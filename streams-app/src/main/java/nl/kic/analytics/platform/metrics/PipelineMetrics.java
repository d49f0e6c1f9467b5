package nl.kic.analytics.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import nl.kic.analytics.platform.errors.DeadLetterReason;

/**
 * Counters of what happened to input events, labelled by event kind ({@code contact}, {@code email},
 * {@code agent}). Exposed on /metrics as {@code kic_events_processed_total},
 * {@code kic_events_duplicates_dropped_total}, {@code kic_events_impossible_total} and
 * {@code kic_events_too_late_total}; and {@code kic_events_dead_lettered_total} by reason. Faults of
 * the pipeline itself: {@code kic_processing_failures_total}, {@code kic_stream_threads_replaced_total}
 * and {@code kic_schema_registry_up}.
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
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Counter tooLateForCallers;
    private final Counter processingFailures;
    private final Counter threadsReplaced;
    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Kind kind : Kind.values()) {
            processed.put(kind, counter(registry, "kic.events.processed", kind, "Input events processed (duplicates included)"));
            duplicatesDropped.put(kind, counter(registry, "kic.events.duplicates.dropped", kind, "Events dropped because their id was seen before for the same contact, e-mail or agent"));
            impossible.put(kind, counter(registry, "kic.events.impossible", kind, "Events dropped as impossible (timed before the event they must follow)"));
            tooLate.put(kind, counter(registry, "kic.events.too.late", kind, "Events more than the retention of the 15-minute rows before the application clock"));
        }
        // These reasons exist from the start, so that rates and alerts see a zero rather than no series.
        for (DeadLetterReason reason : List.of(DeadLetterReason.UNDECODABLE, DeadLetterReason.UNKNOWN_SCHEMA, DeadLetterReason.PROCESSING_ERROR)) {
            deadLettered(reason, 0);
        }
        tooLateForCallers = Counter.builder("kic.callers.too.late")
                .description("Changes of contacts that came after their caller's month could still change: in the contact figures, not in the caller figures")
                .register(registry);
        processingFailures = Counter.builder("kic.processing.failures")
                .description("Unexpected exceptions in a processor; each fails its task, which goes back to its last commit")
                .register(registry);
        threadsReplaced = Counter.builder("kic.stream.threads.replaced")
                .description("Stream threads that failed and were replaced").register(registry);
    }

    /** {@code kic_schema_registry_up}: 1 while the schema registry answers, 0 while it does not. */
    public void watchRegistry(BooleanSupplier answering) {
        Gauge.builder("kic.schema.registry.up", () -> answering.getAsBoolean() ? 1 : 0)
                .description("1 while the schema registry answers, 0 while the application waits for it").register(registry);
    }

    public void processingFailed() {
        processingFailures.increment();
    }

    public void threadReplaced() {
        threadsReplaced.increment();
    }

    public long processingFailureCount() {
        return (long) processingFailures.count();
    }

    public long threadsReplacedCount() {
        return (long) threadsReplaced.count();
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

    public void tooLateForCallers() {
        tooLateForCallers.increment();
    }

    public long tooLateForCallersCount() {
        return (long) tooLateForCallers.count();
    }

    /** A record sent to the dead-letter topic, by reason: {@code kic_events_dead_lettered_total{reason=...}}. */
    public void deadLettered(DeadLetterReason reason) {
        deadLettered(reason, 1);
    }

    private void deadLettered(DeadLetterReason reason, int count) {
        deadLettered.computeIfAbsent(reason.header(), r -> Counter.builder("kic.events.dead.lettered")
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
