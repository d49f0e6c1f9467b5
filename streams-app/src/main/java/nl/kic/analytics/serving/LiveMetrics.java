package nl.kic.analytics.serving;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.app.Staleness;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The figures on /metrics, as Prometheus gauges labelled by channel, queue or category (never by
 * contact, e-mail or agent), taken from the state stores at each scrape. Undefined ratios are NaN.
 * The queues labelled are bounded ({@code kic.metrics.max-queues}): those of {@code kic.queues} when
 * it is set, else those with the most contacts offered today (ties by name), so that a flood of
 * names cannot blow up a scrape or Prometheus; {@code kic_metrics_queues_left_out} says how many
 * were left out (they still count in every ALL series and interval figure). A series that a scrape
 * no longer has is removed.
 * The names are listed in docs/operations.md. They are figures of the whole cluster, so only the
 * instance that {@linkplain KicApplication#exportsClusterFigures() exports them} has them; the
 * others drop them, and every instance says which it is in {@code kic_cluster_figures_exported}.
 * A figure is never a partial sum: when a scrape cannot read every partition (a failover, a
 * restore), the exporting instance leaves all figure series out and says so with
 * {@code kic_figures_complete 0}; the pipeline's own counters and lag stay.
 */
final class LiveMetrics {
    private final KicApplication app;
    private final MeterRegistry registry;
    private record Series(Gauge gauge, AtomicReference<Double> value) {
    }

    /** A figure of this scrape, applied once every figure has been read. */
    private record Figure(String name, double value, String[] tags) {
        String queue() {
            for (int i = 0; i + 1 < tags.length; i += 2) {
                if (tags[i].equals("queue")) {
                    return tags[i + 1];
                }
            }
            return null;
        }

        String key() {
            return name + Arrays.toString(tags);
        }
    }

    private final Map<String, Series> gauges = new ConcurrentHashMap<>();
    private final AtomicReference<Double> exported = new AtomicReference<>(0.0);
    private final AtomicReference<Double> complete = new AtomicReference<>(1.0);
    private final AtomicReference<Double> open = new AtomicReference<>(0.0);
    /** Of the exporting instance only: whether the figures are complete, and whether the contact centre is open (from the calendar). */
    private final List<Gauge> exporterGauges = new ArrayList<>();
    private final List<Figure> pending = new ArrayList<>();

    LiveMetrics(KicApplication app, MeterRegistry registry) {
        this.app = app;
        this.registry = registry;
        Gauge.builder("kic.cluster.figures.exported", exported, AtomicReference::get)
                .description("1 on the one instance that exports the cluster-wide figures, 0 on the others").register(registry);
    }

    /** Takes the figures now. */
    synchronized void refresh() {
        if (!app.exportsClusterFigures()) {
            exported.set(0.0);
            removeFigures();
            exporterGauges.forEach(registry::remove);
            exporterGauges.clear();
            return;
        }
        exported.set(1.0);
        if (exporterGauges.isEmpty()) {
            exporterGauges.add(Gauge.builder("kic.figures.complete", complete, AtomicReference::get)
                    .description("1 when this scrape read every partition of the figures, 0 when it could not and left them out")
                    .register(registry));
            // From the calendar, not the stores: it stays while the figures cannot be read, and so do the alerts it gates.
            exporterGauges.add(Gauge.builder("kic.contact.centre.open", open, AtomicReference::get)
                    .description("1 during opening hours on working days, else 0").register(registry));
        }
        Instant now = app.clock().now();
        open.set(app.config().calendar().isOpen(now) ? 1.0 : 0.0);
        pending.clear();
        try {
            StoreReader stores = app.reader(new Staleness());
            for (Domain domain : app.domains().all()) {
                domain.figures(stores, now, this::set);
            }
        } catch (InvalidStateStoreException e) {
            // Some partition has no instance that can answer for it now (a failover, a restore): a
            // partial sum must not be exported, nor a figure of minutes ago as if it were now.
            complete.set(0.0);
            removeFigures();
            return;
        }
        complete.set(1.0);
        // All read: the new figures replace the old at once; a series no longer there is removed.
        Set<String> kept = queuesKept();
        Set<String> current = new HashSet<>();
        long leftOut = pending.stream().map(Figure::queue).filter(q -> q != null && !kept.contains(q)).distinct().count();
        pending.add(new Figure("kic.metrics.queues.left.out", leftOut, new String[0]));
        for (Figure figure : pending) {
            if (figure.queue() == null || kept.contains(figure.queue())) {
                current.add(figure.key());
                gauges.computeIfAbsent(figure.key(), key -> {
                    AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
                    return new Series(Gauge.builder(figure.name(), holder, AtomicReference::get).tags(figure.tags()).register(registry), holder);
                }).value().set(figure.value());
            }
        }
        gauges.entrySet().removeIf(entry -> {
            boolean gone = !current.contains(entry.getKey());
            if (gone) {
                registry.remove(entry.getValue().gauge());
            }
            return gone;
        });
    }

    private void removeFigures() {
        gauges.values().forEach(series -> registry.remove(series.gauge()));
        gauges.clear();
    }

    /**
     * The queues whose series are exported: ALL, and those of kic.queues when it is set, else the
     * kic.metrics.max-queues with the most contacts offered today, ties by name.
     */
    private Set<String> queuesKept() {
        Set<String> kept = new HashSet<>(Set.of(ContactMetricsRow.ALL_QUEUES));
        if (!app.config().queues().isEmpty()) {
            kept.addAll(app.config().queues());
            return kept;
        }
        Map<String, Double> offeredToday = new TreeMap<>();
        for (Figure figure : pending) {
            String queue = figure.queue();
            if (queue != null && !queue.equals(ContactMetricsRow.ALL_QUEUES)) {
                boolean today = figure.name().equals("kic.contacts.interval.offered") && Arrays.asList(figure.tags()).contains("today");
                offeredToday.merge(queue, today ? figure.value() : 0.0, Double::sum);
            }
        }
        offeredToday.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(app.config().metricsMaxQueues())
                .forEach(entry -> kept.add(entry.getKey()));
        return kept;
    }

    /** Notes a figure of this scrape; it is set once every figure has been read. */
    private void set(String name, double value, String... tags) {
        pending.add(new Figure(name, value, tags));
    }
}
