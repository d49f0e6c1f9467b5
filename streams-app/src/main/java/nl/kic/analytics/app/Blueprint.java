package nl.kic.analytics.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Properties;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.kafka.streams.Topology;

/**
 * The application before it runs, as {@link Assembly} builds it from one configuration and one clock:
 * its domains, its schema registry client, its metrics, its Kafka Streams settings, its topology,
 * and whether it works on simulated data (noted where its topology decodes the input). A broker runs
 * it ({@link Assembly#start}), and so does the test topology driver; both read its stores through
 * {@link #queries}.
 */
public record Blueprint(KicConfig config, ApplicationClock clock, Domains domains, SchemaRegistryClient registry,
                        PrometheusMeterRegistry meters, PipelineMetrics metrics, Properties streamsProperties, Topology topology,
                        SimulatedInput simulatedInput) {

    /** The queries the API answers from, over the stores wherever they are read. */
    public Queries queries(StoreReader stores) {
        return new Queries(stores, domains, config, clock);
    }
}
