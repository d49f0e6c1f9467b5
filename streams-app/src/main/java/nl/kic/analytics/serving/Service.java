package nl.kic.analytics.serving;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.time.ApplicationClock;

/**
 * The one place that builds the application from a configuration and a clock: its schema registry
 * client, the topology with its stores and queries ({@link KicApplication}), its metrics, and the
 * HTTP server (wallboard, API and /metrics on kic.http-port; 0 picks a free one). {@code demo} and
 * {@code run} serve it; {@code replay} (and so {@code report}) and {@code bench} run it without or
 * with HTTP; the broker tests start it as they are.
 */
public final class Service implements AutoCloseable {
    public final KicApplication app;
    /** The HTTP server; null for an application started without one. */
    public final HttpApi api;
    public final PipelineMetrics metrics;
    public final PrometheusMeterRegistry meters;
    private final KafkaStreamsMetrics streamsMetrics;

    private Service(KicApplication app, HttpApi api, PipelineMetrics metrics, PrometheusMeterRegistry meters, KafkaStreamsMetrics streamsMetrics) {
        this.app = app;
        this.api = api;
        this.metrics = metrics;
        this.meters = meters;
        this.streamsMetrics = streamsMetrics;
    }

    /** Starts the application and serves it over HTTP. */
    public static Service start(KicConfig config, ApplicationClock clock) throws IOException {
        return start(config, clock, true);
    }

    /** Starts the application, with its HTTP server when {@code http} is true (replay reads the figures directly). */
    public static Service start(KicConfig config, ApplicationClock clock, boolean http) throws IOException {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMetrics metrics = new PipelineMetrics(prometheus);
        KicApplication app = KicApplication.start(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()), clock, metrics);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(app.streams());
        streamsMetrics.bindTo(prometheus);
        return new Service(app, http ? new HttpApi(app, prometheus, config.httpPort()) : null, metrics, prometheus, streamsMetrics);
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return app.awaitRunning(timeout);
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        streamsMetrics.close();
        app.close();
    }
}
