package nl.kic.analytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of what happened to input events. Exposed on /metrics as
 * {@code kic_events_processed_total}, {@code kic_events_duplicates_dropped_total},
 * {@code kic_events_impossible_total} and {@code kic_events_too_late_total}, labelled by event kind.
 */
public final class PipelineMetrics {
    private final Counter contactEventsProcessed;
    private final Counter contactDuplicatesDropped;
    private final Counter contactEventsImpossible;
    private final Counter contactEventsTooLate;

    public PipelineMetrics(MeterRegistry registry) {
        contactEventsProcessed = counter(registry, "kic.events.processed", "Input events processed (duplicates included)");
        contactDuplicatesDropped = counter(registry, "kic.events.duplicates.dropped", "Events dropped because their id was seen before for the same contact");
        contactEventsImpossible = counter(registry, "kic.events.impossible", "Events dropped as impossible (an outcome before OFFERED, ENDED before ANSWERED)");
        contactEventsTooLate = counter(registry, "kic.events.too.late", "Events for a contact whose state is no longer held");
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).tag("kind", "contact").register(registry);
    }

    public void contactEventProcessed() {
        contactEventsProcessed.increment();
    }

    public void contactDuplicateDropped() {
        contactDuplicatesDropped.increment();
    }

    public void contactEventImpossible() {
        contactEventsImpossible.increment();
    }

    public void contactEventTooLate() {
        contactEventsTooLate.increment();
    }

    public long contactEventsProcessed() {
        return (long) contactEventsProcessed.count();
    }

    public long contactDuplicatesDropped() {
        return (long) contactDuplicatesDropped.count();
    }

    public long contactEventsImpossible() {
        return (long) contactEventsImpossible.count();
    }

    public long contactEventsTooLate() {
        return (long) contactEventsTooLate.count();
    }
}
