package nl.kic.analytics.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Properties;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.streams.Topology;

/**
 * The application before it runs, as {@code serving/Service} builds it from one configuration and
 * one clock: its schema registry client, its metrics, its Kafka Streams settings, its topology, and
 * whether it works on simulated data (noted where its topology decodes the input).
 * A broker runs it ({@code Service}), and so does the test topology driver; both read its stores
 * through {@link #queries}.
 */
public record Blueprint(KicConfig config, ApplicationClock clock, SchemaRegistryClient registry, PrometheusMeterRegistry meters,
                        PipelineMetrics metrics, Properties streamsProperties, Topology topology,
                        SimulatedInput simulatedInput) {

    /** The queries the API answers from, over the stores wherever they are read. */
    public Queries queries(Queries.Stores stores) {
        return new Queries(stores, config, clock);
    }
}
