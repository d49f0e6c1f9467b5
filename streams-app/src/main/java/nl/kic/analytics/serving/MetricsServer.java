package nl.kic.analytics.serving;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import nl.kic.analytics.platform.config.KicConfig;

/**
 * /metrics alone, for a process that is not the application (the importer following a log): its
 * meters for Prometheus on {@code port}, on the configured bind address and idle timeout.
 */
public final class MetricsServer {
    private MetricsServer() {
    }

    public static WebServer start(KicConfig config, int port, PrometheusMeterRegistry meters) throws IOException {
        return WebServer.on(config.httpBindAddress(), port).idleTimeout(config.httpIdleTimeout())
                .route("/metrics", new WebServer.Pool("metrics", 2, 16), exchange -> exchange.send(200,
                        "text/plain; version=0.0.4; charset=utf-8", meters.scrape().getBytes(StandardCharsets.UTF_8)))
                .start();
    }
}
