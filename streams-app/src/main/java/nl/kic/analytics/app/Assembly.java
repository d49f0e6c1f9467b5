package nl.kic.analytics.app;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Properties;
import java.util.function.Consumer;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.Feed;
import nl.kic.analytics.domain.Wiring;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The one place that builds the application from a configuration and a clock. {@link #blueprint}
 * makes its parts: its domains, the schema registry client, the metrics, the Kafka Streams settings
 * and the topology of every domain, with its stores. {@link #start} runs that on the broker: it
 * creates the topics, checks the stored formats and starts Kafka Streams. {@code serving/Service}
 * serves a started application over HTTP ({@code demo}, {@code run}, {@code bench}); {@code replay}
 * (and so {@code report}) runs it without; the test topology driver runs the same blueprint.
 */
public final class Assembly {
    private Assembly() {
    }

    /** The product's application: its standard domains. */
    public static Blueprint blueprint(KicConfig config, ApplicationClock clock) {
        return blueprint(config, clock, Domains.standard(config, clock), settings -> { });
    }

    /**
     * An application of {@code domains}; {@code adjustStreams} may change its Kafka Streams settings
     * before the topology is built (fault tests wrap the processors).
     */
    public static Blueprint blueprint(KicConfig config, ApplicationClock clock, Domains domains, Consumer<Properties> adjustStreams) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMetrics metrics = new PipelineMetrics(meters);
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        Properties properties = StreamsSettings.of(config, metrics);
        adjustStreams.accept(properties);
        SimulatedInput simulatedInput = new SimulatedInput();
        Wiring wiring = new Wiring() {
            private final EventChecks checks = config.eventChecks(clock);

            @Override
            public <T extends SpecificRecord> Serde<T> inputSerde(Schema schema) {
                return simulatedInput.noticing(ConfluentAvroSerde.forValues(registry, schema));
            }

            @Override
            public ApplicationClock clock() {
                return clock;
            }

            @Override
            public String applicationId() {
                return config.applicationId();
            }

            @Override
            public EventChecks checks() {
                return checks;
            }

            @Override
            public PipelineMetrics metrics() {
                return metrics;
            }

            private final Map<String, Supplier<? extends KStream<String, ?>>> offered = new HashMap<>();

            @Override
            public <T> void offer(Feed<T> feed, Supplier<KStream<String, T>> stream) {
                offered.put(feed.name(), stream);
            }

            @Override
            @SuppressWarnings("unchecked") // a feed's name stands for one type: the Feed constant both domains use
            public <T> KStream<String, T> take(Feed<T> feed) {
                Supplier<? extends KStream<String, ?>> stream = offered.get(feed.name());
                if (stream == null) {
                    throw new IllegalStateException("no domain before this one offers the feed " + feed.name());
                }
                return (KStream<String, T>) stream.get();
            }
        };
        // Every processor is wrapped in the record guard of the settings; each domain adds its part to the one builder.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
        for (Domain domain : domains.all()) {
            domain.addTo(builder, wiring);
        }
        Topology topology = builder.build();
        return new Blueprint(config, clock, domains, registry, meters, metrics, properties, topology, simulatedInput);
    }

    /**
     * Runs {@code blueprint} on the broker: creates the input and dead-letter topics when missing,
     * refuses state of a newer build, creates the internal topics, and starts the topology.
     */
    public static KicApplication start(Blueprint blueprint) {
        KicConfig config = blueprint.config();
        List<String> topics = new ArrayList<>(blueprint.domains().inputTopics());
        topics.add(config.deadLetterTopic());
        Topics.create(config.kafkaClientProperties(), topics, config.inputPartitions(), config.replicationFactor());
        StoredFormats.checkAndRecord(config, blueprint.domains());
        Topics.create(config.kafkaClientProperties(),
                Topics.internalTopics(blueprint.topology(), config.applicationId(), config.inputPartitions(), config.replicationFactor()));
        blueprint.metrics().watchRegistry(() -> blueprint.registry().unavailableReason().isEmpty());
        KafkaStreams streams = new KafkaStreams(blueprint.topology(), blueprint.streamsProperties());
        streams.setUncaughtExceptionHandler(new StreamThreadFailures(blueprint.metrics()));
        streams.start();
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(blueprint.meters());
        return new KicApplication(blueprint, streams, streamsMetrics);
    }
}
