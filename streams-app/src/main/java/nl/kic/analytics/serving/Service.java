package nl.kic.analytics.serving;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.kic.analytics.agents.AgentTopology;
import nl.kic.analytics.app.Blueprint;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.app.ProcessorFault;
import nl.kic.analytics.app.SimulatedInput;
import nl.kic.analytics.app.StoredFormats;
import nl.kic.analytics.app.StreamThreadFailures;
import nl.kic.analytics.app.StreamsSettings;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.contacts.ContactRules;
import nl.kic.analytics.contacts.ContactTopology;
import nl.kic.analytics.core.EventChecks;
import nl.kic.analytics.emails.EmailRules;
import nl.kic.analytics.emails.EmailTopology;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.kafka.Topics;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.registry.ConfluentAvroSerde;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.state.EntityProcessor;
import nl.kic.analytics.state.EntityTopology;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The one place that builds the application from a configuration and a clock. {@link #blueprint}
 * makes its parts: the schema registry client, the metrics, the Kafka Streams settings and the
 * topology of every concern, with its stores. {@link #start} runs that on the broker: it creates the
 * topics, checks the stored formats, starts Kafka Streams, and serves the queries, the wallboard
 * and /metrics over HTTP on kic.http-port (0 picks a free one). {@code demo} and {@code run} serve
 * it; {@code replay} (and so {@code report}) and {@code bench} run it without or with HTTP; the
 * test topology driver runs the same blueprint.
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

    /** The application's parts, before it runs. */
    public static Blueprint blueprint(KicConfig config, ApplicationClock clock) {
        return blueprint(config, clock, ProcessorFault.NONE);
    }

    /** {@link #blueprint(KicConfig, ApplicationClock)} with a fault injected after processors (fault tests). */
    public static Blueprint blueprint(KicConfig config, ApplicationClock clock, ProcessorFault fault) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMetrics metrics = new PipelineMetrics(meters);
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        Properties properties = StreamsSettings.of(config, metrics, fault);
        SimulatedInput simulatedInput = new SimulatedInput();
        return new Blueprint(config, clock, registry, meters, metrics, properties,
                topology(config, registry, clock, metrics, properties, simulatedInput), simulatedInput);
    }

    /**
     * The whole topology. Each concern adds its part to the one builder; every processor is wrapped
     * in the record guard of {@code streamsProperties}; the input's decoders tell {@code simulatedInput}
     * of a record with the simulator's marker.
     */
    private static Topology topology(KicConfig config, SchemaRegistryClient registry, ApplicationClock clock, PipelineMetrics metrics,
                                     Properties streamsProperties, SimulatedInput simulatedInput) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        EventChecks checks = config.eventChecks(clock);
        ContactTopology.build(builder, ContactRules.from(config), new EntityTopology.Wiring<>(config.contactEventsTopic(),
                simulatedInput.noticing(ConfluentAvroSerde.forValues(registry, ContactEvent.getClassSchema())), checks, clock, metrics,
                new EntityProcessor.Settings(config.contactRetention(), config.fineIntervalRetention(), config.purgeInterval(),
                        config.clockCheckInterval()), config.zone()));
        EmailTopology.build(builder, EmailRules.from(config), new EntityTopology.Wiring<>(config.emailEventsTopic(),
                simulatedInput.noticing(ConfluentAvroSerde.forValues(registry, EmailEvent.getClassSchema())), checks, clock, metrics,
                new EntityProcessor.Settings(config.emailRetention(), config.fineIntervalRetention(), config.purgeInterval(),
                        config.clockCheckInterval()), config.zone()));
        AgentTopology.build(builder, config,
                simulatedInput.noticing(ConfluentAvroSerde.forValues(registry, AgentEvent.getClassSchema())), clock, metrics);
        return builder.build();
    }

    /** Starts the application and serves it over HTTP. */
    public static Service start(KicConfig config, ApplicationClock clock) throws IOException {
        return start(blueprint(config, clock), true);
    }

    /** Starts the application, with its HTTP server when {@code http} is true (replay reads the figures directly). */
    public static Service start(KicConfig config, ApplicationClock clock, boolean http) throws IOException {
        return start(blueprint(config, clock), http);
    }

    /**
     * Runs {@code blueprint} on the broker: creates the input and dead-letter topics when missing,
     * refuses state of a newer build, creates the internal topics, and starts the topology.
     */
    public static Service start(Blueprint blueprint, boolean http) throws IOException {
        KicConfig config = blueprint.config();
        List<String> topics = new ArrayList<>(config.inputTopics());
        topics.add(config.deadLetterTopic());
        Topics.create(config.kafkaClientProperties(), topics, config.inputPartitions(), config.replicationFactor());
        StoredFormats.checkAndRecord(config);
        Topics.create(config.kafkaClientProperties(),
                Topics.internalTopics(blueprint.topology(), config.applicationId(), config.inputPartitions(), config.replicationFactor()));
        blueprint.metrics().watchRegistry(() -> blueprint.registry().unavailableReason().isEmpty());
        KafkaStreams streams = new KafkaStreams(blueprint.topology(), blueprint.streamsProperties());
        streams.setUncaughtExceptionHandler(new StreamThreadFailures(blueprint.metrics()));
        streams.start();
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(blueprint.meters());
        KicApplication app = new KicApplication(blueprint, streams);
        try {
            return new Service(app, http ? new HttpApi(app, blueprint.meters(), config.httpPort()) : null, blueprint.metrics(),
                    blueprint.meters(), streamsMetrics);
        } catch (IOException | RuntimeException e) {
            streamsMetrics.close();
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
        streamsMetrics.close();
        app.close();
    }
}
