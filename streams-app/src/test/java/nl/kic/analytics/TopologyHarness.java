package nl.kic.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import nl.kic.analytics.app.Assembly;
import nl.kic.analytics.app.Blueprint;
import nl.kic.analytics.app.Domains;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.agents.Agents;
import nl.kic.analytics.domain.agents.AgentsQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactKind;
import nl.kic.analytics.domain.contacts.ContactMetricsQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.contacts.ContactState;
import nl.kic.analytics.domain.contacts.LiveFigures;
import nl.kic.analytics.domain.emails.EmailBacklog;
import nl.kic.analytics.domain.emails.EmailFigures;
import nl.kic.analytics.domain.emails.EmailKind;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.domain.emails.EmailState;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.InMemorySchemaRegistry;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology in a TopologyTestDriver, with a hand-set application clock and its own
 * in-memory registry scope, plus the queries the API uses.
 */
public final class TopologyHarness implements AutoCloseable {
    public final ManualClock clock;
    public final KicConfig config;
    public final PipelineMetrics metrics;
    private final Blueprint blueprint;
    private final String registryScope = "test-" + UUID.randomUUID();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ContactEvent> input;
    private final TestInputTopic<String, EmailEvent> emailInput;
    private final TestInputTopic<String, AgentEvent> agentInput;
    private final Path stateDir;
    private int eventSequence;

    public TopologyHarness(String clockStart) {
        this(clockStart, UnaryOperator.identity());
    }

    public TopologyHarness(String clockStart, UnaryOperator<Properties> settings) {
        this(clockStart, settings, Domains::standard);
    }

    /** The application of {@code domains} alone (a new domain is tried alone). */
    public TopologyHarness(String clockStart, UnaryOperator<Properties> settings, BiFunction<KicConfig, ApplicationClock, Domains> domains) {
        try {
            stateDir = Files.createTempDirectory("kic-ttd-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        clock = new ManualClock(OffsetDateTime.parse(clockStart).toInstant());
        Properties p = KicConfig.defaults().withStateDir(stateDir).withSchemaRegistryUrl("mock://" + registryScope).toProperties();
        config = KicConfig.fromProperties(settings.apply(p));
        // The application as every command builds it; the driver runs it in place of a broker.
        KicConfig configured = config.withBootstrapServers("unused:9092");
        blueprint = Assembly.blueprint(configured, clock, domains.apply(configured, clock), streams -> { });
        metrics = blueprint.metrics();
        SchemaRegistryClient registry = blueprint.registry();
        driver = new TopologyTestDriver(blueprint.topology(), blueprint.streamsProperties(), Instant.EPOCH);
        input = driver.createInputTopic(config.contactEventsTopic(), new StringSerializer(),
                ConfluentAvroSerde.<ContactEvent>forValues(registry, ContactEvent.getClassSchema()).serializer());
        emailInput = driver.createInputTopic(config.emailEventsTopic(), new StringSerializer(),
                ConfluentAvroSerde.<EmailEvent>forValues(registry, EmailEvent.getClassSchema()).serializer());
        agentInput = driver.createInputTopic(config.agentEventsTopic(), new StringSerializer(),
                ConfluentAvroSerde.<AgentEvent>forValues(registry, AgentEvent.getClassSchema()).serializer());
    }

    /** Sends an event with a fresh event id. */
    public void send(String contactId, Channel channel, ContactEventType type, String queue, String occurredAt) {
        send("e" + (++eventSequence), contactId, channel, type, queue, occurredAt);
    }

    public void send(String eventId, String contactId, Channel channel, ContactEventType type, String queue, String occurredAt) {
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
    public void call(String contactId, ContactEventType type, String occurredAt) {
        send(contactId, Channel.CALL, type, "asiel", occurredAt);
    }

    /** Sends an event of any kind to its input topic, keyed by its contact, e-mail or agent id. */
    public void send(SpecificRecord event) {
        if (event instanceof ContactEvent e) {
            input.pipeInput(e.getContactId(), e);
        } else if (event instanceof EmailEvent e) {
            emailInput.pipeInput(e.getEmailId(), e);
        } else {
            AgentEvent e = (AgentEvent) event;
            agentInput.pipeInput(e.getAgentId(), e);
        }
    }

    /** Sends raw bytes as the value of a record on a topic, as a broken producer would. */
    public void sendRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, value);
    }

    /** Sends an e-mail event with a fresh event id. */
    public void email(String emailId, EmailEventType type, String occurredAt) {
        email("m" + (++eventSequence), emailId, type, occurredAt, null, null, null);
    }

    public void email(String eventId, String emailId, EmailEventType type, String occurredAt,
                      EmailCategory category, EmailComplexity complexity, CloseReason closeReason) {
        emailInput.pipeInput(emailId, EmailEvent.newBuilder()
                .setEventId(eventId)
                .setEmailId(emailId)
                .setType(type)
                .setOccurredAt(OffsetDateTime.parse(occurredAt).toInstant())
                .setCategory(category)
                .setComplexity(complexity)
                .setCloseReason(closeReason)
                .build());
    }

    /** An e-mail event that carries a category (and optionally a complexity). */
    public void email(String emailId, EmailEventType type, String occurredAt, EmailCategory category, EmailComplexity complexity) {
        email("m" + (++eventSequence), emailId, type, occurredAt, category, complexity, null);
    }

    public EmailFigures emailRow(Granularity granularity, String category, String intervalStart) {
        return emailRows(granularity, category).stream()
                .filter(r -> r.intervalStart().equals(OffsetDateTime.parse(intervalStart)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + granularity.label() + " e-mail row " + category + " at " + intervalStart))
                .figures();
    }

    public List<EmailMetricsRow> emailRows(Granularity granularity, String category) {
        return queries().emailMetrics().rows(granularity, null, null, category);
    }

    public void agent(String eventId, String agentId, String team, List<String> queues, AgentState state, String occurredAt) {
        agentInput.pipeInput(agentId, AgentEvent.newBuilder().setEventId(eventId).setAgentId(agentId).setTeam(team)
                .setQueues(queues).setState(state).setOccurredAt(OffsetDateTime.parse(occurredAt).toInstant()).build());
    }

    public AgentsQuery.Agents agents() {
        return queries().agents().now();
    }

    /** Whether the per-e-mail state of {@code emailId} is still held. */
    public boolean emailStateHeld(String emailId) {
        return driver.getKeyValueStore(EmailKind.EMAIL_STATE_STORE).get(emailId) != null;
    }

    public EmailBacklog emailBacklog(String category) {
        return queries().emailBacklog().backlog().stream().filter(b -> b.category().equals(category)).findFirst()
                .orElse(new EmailBacklog(category, 0, 0, 0));
    }

    /** Lets the wall clock run so that the "lost" check (every second) runs. */
    public void runClockCheck() {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
    }

    public List<ContactMetricsRow> rows(Granularity granularity, Channel channel, String queue) {
        return metricsQuery().rows(granularity, null, null, channel, queue);
    }

    /** The one row of a granularity, channel, queue and interval start; fails if absent. */
    public ContactFigures row(Granularity granularity, Channel channel, String queue, String intervalStart) {
        return rows(granularity, channel, queue).stream()
                .filter(r -> r.intervalStart().equals(OffsetDateTime.parse(intervalStart)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + granularity.label() + " row " + channel + "/" + queue + " at "
                        + intervalStart + "; rows: " + rows(granularity, channel, queue).stream().map(ContactMetricsRow::intervalStart).toList()))
                .figures();
    }

    /** Every interval row of contacts and e-mail, in the query's order. */
    public List<Object> allRows() {
        List<Object> rows = new ArrayList<>(metricsQuery().allRows());
        rows.addAll(queries().emailMetrics().allRows());
        return rows;
    }

    /** The records the application wrote to the dead-letter topic so far, with their headers. */
    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    /** The size of a contact's full state as stored, or 0 when it has none. */
    public long contactStateBytes(String contactId) {
        ContactState state = driver.<String, ContactState>getKeyValueStore(ContactKind.CONTACT_STATE_STORE).get(contactId);
        return state == null ? 0 : ContactState.serde().serializer().serialize("", state).length;
    }

    /** The size of an e-mail's full state as stored, or 0 when it has none. */
    public long emailStateBytes(String emailId) {
        EmailState state = driver.<String, EmailState>getKeyValueStore(
                EmailKind.EMAIL_STATE_STORE).get(emailId);
        return state == null ? 0 : EmailState.serde().serializer().serialize("", state).length;
    }

    /** A state store to write to directly: the state an earlier version left. */
    public <K, V> org.apache.kafka.streams.state.KeyValueStore<K, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The number of entries in a state store. */
    public long entries(String store) {
        long count = 0;
        try (var it = driver.getKeyValueStore(store).all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    public ContactMetricsQuery metricsQuery() {
        return queries().contactMetrics();
    }

    /** The application's queries, as the API builds them, over the driver's stores. */
    public Queries queries() {
        return blueprint.queries(reader());
    }

    /** Reads the driver's stores as the application reads its own. */
    public StoreReader reader() {
        return new StoreReader() {
            @Override
            public <K, V> ReadOnlyKeyValueStore<K, V> store(StoreHandle<K, V> handle) {
                return driver.getKeyValueStore(handle.name());
            }
        };
    }

    public Optional<LiveFigures> liveFigures(Channel channel, String queue) {
        return allLiveFigures().stream()
                .filter(f -> f.channel() == channel && f.queue().equals(queue))
                .findFirst();
    }

    /** The live figures of every queue and ALL, as the API lists them. */
    public List<LiveFigures> allLiveFigures() {
        return queries().liveFigures().figures();
    }

    public LiveFigures live(Channel channel, String queue) {
        return liveFigures(channel, queue).orElseThrow(() -> new AssertionError("no live figures for " + channel + "/" + queue));
    }

    public long waitingNow(Channel channel, String queue) {
        return liveFigures(channel, queue).map(LiveFigures::waitingNow).orElse(0L);
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.dropScope(registryScope);
        Directories.deleteRecursively(stateDir);
    }
}
