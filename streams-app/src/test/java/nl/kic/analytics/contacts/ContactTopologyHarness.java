package nl.kic.analytics.contacts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.aggregation.ContactFigures;
import nl.kic.analytics.aggregation.ContactMetricsQuery;
import nl.kic.analytics.aggregation.ContactMetricsRow;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.live.LiveFigures;
import nl.kic.analytics.live.LiveFiguresQuery;
import nl.kic.analytics.metrics.PipelineMetrics;
import nl.kic.analytics.registry.ConfluentAvroSerde;
import nl.kic.analytics.registry.InMemorySchemaRegistry;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology in a TopologyTestDriver, with a hand-set application clock and its own
 * in-memory registry scope, plus the queries the API uses.
 */
final class ContactTopologyHarness implements AutoCloseable {
    final ManualClock clock;
    final KicConfig config;
    final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
    private final String registryScope = "test-" + UUID.randomUUID();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ContactEvent> input;
    private final Path stateDir;
    private int eventSequence;

    ContactTopologyHarness(String clockStart) {
        this(clockStart, UnaryOperator.identity());
    }

    ContactTopologyHarness(String clockStart, UnaryOperator<Properties> settings) {
        try {
            stateDir = Files.createTempDirectory("kic-ttd-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        clock = new ManualClock(OffsetDateTime.parse(clockStart).toInstant());
        Properties p = KicConfig.defaults().withStateDir(stateDir).withSchemaRegistryUrl("mock://" + registryScope).toProperties();
        config = KicConfig.fromProperties(settings.apply(p));
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        Properties props = KicApplication.streamsProperties(config.withBootstrapServers("unused:9092"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(KicApplication.topology(config, registry, clock, metrics), props, Instant.EPOCH);
        input = driver.createInputTopic(config.contactEventsTopic(), new StringSerializer(),
                ConfluentAvroSerde.<ContactEvent>forValues(registry, ContactEvent.getClassSchema()).serializer());
    }

    /** Sends an event with a fresh event id. */
    void send(String contactId, Channel channel, ContactEventType type, String queue, String occurredAt) {
        send("e" + (++eventSequence), contactId, channel, type, queue, occurredAt);
    }

    void send(String eventId, String contactId, Channel channel, ContactEventType type, String queue, String occurredAt) {
        ContactEvent event = ContactEvent.newBuilder()
                .setEventId(eventId)
                .setContactId(contactId)
                .setChannel(channel)
                .setType(type)
                .setQueue(queue)
                .setOccurredAt(OffsetDateTime.parse(occurredAt).toInstant())
                .build();
        input.pipeInput(contactId, event);
    }

    /** A call in queue asiel with the given type. */
    void call(String contactId, ContactEventType type, String occurredAt) {
        send(contactId, Channel.CALL, type, "asiel", occurredAt);
    }

    /** Lets the wall clock run so that the "lost" check (every second) runs. */
    void runLostCheck() {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
    }

    List<ContactMetricsRow> rows(Granularity granularity, Channel channel, String queue) {
        return metricsQuery().rows(granularity, null, null, channel, queue);
    }

    /** The one row of a granularity, channel, queue and interval start; fails if absent. */
    ContactFigures row(Granularity granularity, Channel channel, String queue, String intervalStart) {
        return rows(granularity, channel, queue).stream()
                .filter(r -> r.intervalStart().equals(OffsetDateTime.parse(intervalStart)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + granularity.label() + " row " + channel + "/" + queue + " at "
                        + intervalStart + "; rows: " + rows(granularity, channel, queue).stream().map(ContactMetricsRow::intervalStart).toList()))
                .figures();
    }

    ContactMetricsQuery metricsQuery() {
        return new ContactMetricsQuery(driver.getKeyValueStore(ContactTopology.INTERVAL_STORE), config.zone(),
                ContactFigures.Definitions.from(config));
    }

    /** Live figures of a channel and queue; absent when the queue has nobody waiting and no outcome today. */
    java.util.Optional<LiveFigures> liveFigures(Channel channel, String queue) {
        return new LiveFiguresQuery(driver.getKeyValueStore(ContactTopology.WAITING_STORE),
                driver.getKeyValueStore(ContactTopology.OUTCOMES_STORE), clock, config.zone(), config.lostAfter(),
                ContactFigures.Definitions.from(config))
                .figures().stream()
                .filter(f -> f.channel() == channel && f.queue().equals(queue))
                .findFirst();
    }

    LiveFigures live(Channel channel, String queue) {
        return liveFigures(channel, queue).orElseThrow(() -> new AssertionError("no live figures for " + channel + "/" + queue));
    }

    long waitingNow(Channel channel, String queue) {
        return liveFigures(channel, queue).map(LiveFigures::waitingNow).orElse(0L);
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.dropScope(registryScope);
        nl.kic.analytics.app.Directories.deleteRecursively(stateDir);
    }
}
