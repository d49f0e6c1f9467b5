package nl.kic.analytics.cli;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.HttpApi;
import nl.kic.analytics.time.ApplicationClock;

/** The long-running application of {@code demo} and {@code run}: topology, metrics and HTTP on one port (kic.http-port; 0 picks a free one). */
public final class Service implements AutoCloseable {
    public final KicApplication app;
    public final HttpApi api;
    private final KafkaStreamsMetrics streamsMetrics;

    private Service(KicApplication app, HttpApi api, KafkaStreamsMetrics streamsMetrics) {
        this.app = app;
        this.api = api;
        this.streamsMetrics = streamsMetrics;
    }

    public static Service start(KicConfig config, ApplicationClock clock) throws IOException {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KicApplication app = KicApplication.start(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()),
                clock, new PipelineMetrics(prometheus));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(app.streams());
        streamsMetrics.bindTo(prometheus);
        return new Service(app, new HttpApi(app, prometheus, config.httpPort()), streamsMetrics);
    }

    /** Blocks until the JVM is asked to stop (Ctrl+C, SIGTERM), then closes {@code resources} in order. */
    static void awaitShutdown(AutoCloseable... resources) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("While stopping: " + e);
                }
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return app.awaitRunning(timeout);
    }

    @Override
    public void close() {
        api.close();
        streamsMetrics.close();
        app.close();
    }
}
