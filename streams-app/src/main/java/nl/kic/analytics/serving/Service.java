package nl.kic.analytics.serving;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import nl.kic.analytics.app.Assembly;
import nl.kic.analytics.app.Blueprint;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.ApplicationClock;

/**
 * A started application ({@link Assembly#start}) with, when asked, its HTTP server: the queries, the
 * wallboard and /metrics on kic.http-port (0 picks a free one). {@code demo}, {@code run} and {@code bench} serve it.
 */
public final class Service implements AutoCloseable {
    public final KicApplication app;
    /** The HTTP server; null for an application started without one. */
    public final HttpApi api;
    public final PipelineMetrics metrics;
    public final PrometheusMeterRegistry meters;

    private Service(KicApplication app, HttpApi api, Blueprint blueprint) {
        this.app = app;
        this.api = api;
        this.metrics = blueprint.metrics();
        this.meters = blueprint.meters();
    }

    /** Starts the product's application and serves it over HTTP. */
    public static Service start(KicConfig config, ApplicationClock clock) throws IOException {
        return start(Assembly.blueprint(config, clock), true);
    }

    /** Starts the product's application, with its HTTP server when {@code http} is true (replay reads the figures directly). */
    public static Service start(KicConfig config, ApplicationClock clock, boolean http) throws IOException {
        return start(Assembly.blueprint(config, clock), http);
    }

    /** Starts {@code blueprint}, with its HTTP server when {@code http} is true. */
    public static Service start(Blueprint blueprint, boolean http) throws IOException {
        KicApplication app = Assembly.start(blueprint);
        try {
            return new Service(app, http ? new HttpApi(app, blueprint.meters(), blueprint.config().httpPort()) : null, blueprint);
        } catch (IOException | RuntimeException e) {
            app.close();
            throw e;
        }
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return app.awaitRunning(timeout);
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        app.close();
    }
}
