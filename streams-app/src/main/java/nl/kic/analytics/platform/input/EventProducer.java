package nl.kic.analytics.platform.input;

import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends events of every kind to their input topic, keyed by their contact, e-mail or agent id, in
 * the Confluent wire format. Used by {@code replay}, {@code bench} and the simulated traffic of
 * {@code demo} and {@code simulate --live}, which marks its records as simulated. Before its first write to a topic it waits until every
 * partition of that topic takes writes ({@link Topics}): otherwise its first records to a new
 * partition could be lost to a broker race.
 */
public final class EventProducer implements AutoCloseable {
    private final KicConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final ConfluentAvroSerde<ContactEvent> contacts;
    private final ConfluentAvroSerde<EmailEvent> emails;
    private final ConfluentAvroSerde<AgentEvent> agents;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Set<String> writableTopics = new HashSet<>();

    public EventProducer(KicConfig config, SchemaRegistryClient registry) {
        this(config, registry, null);
    }

    /**
     * A producer whose writes are transactions, begun with {@link #begin()} and made visible together
     * by {@link #commit()} (the import's follow mode, which commits its position with its events).
     * The transactional id fences an earlier instance of the same writer that is still running.
     */
    public static EventProducer transactional(KicConfig config, SchemaRegistryClient registry, String transactionalId) {
        EventProducer producer = new EventProducer(config, registry, transactionalId);
        producer.producer.initTransactions();
        return producer;
    }

    private EventProducer(KicConfig config, SchemaRegistryClient registry, String transactionalId) {
        this.config = config;
        Properties props = config.kafkaClientProperties();
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.contacts = ConfluentAvroSerde.forValues(registry, ContactEvent.getClassSchema());
        this.emails = ConfluentAvroSerde.forValues(registry, EmailEvent.getClassSchema());
        this.agents = ConfluentAvroSerde.forValues(registry, AgentEvent.getClassSchema());
    }

    public void send(SpecificRecord event) {
        send(event, false);
    }

    /** Sends an event; a {@code simulated} one carries the header of {@link SimulatedMarker}. */
    public void send(SpecificRecord event, boolean simulated) {
        RecordHeaders headers = new RecordHeaders();
        if (simulated) {
            headers.add(SimulatedMarker.HEADER, SimulatedMarker.headerValue());
        }
        if (event instanceof ContactEvent e) {
            send(config.contactEventsTopic(), e.getContactId(), contacts.serialize(config.contactEventsTopic(), e), headers);
        } else if (event instanceof EmailEvent e) {
            send(config.emailEventsTopic(), e.getEmailId(), emails.serialize(config.emailEventsTopic(), e), headers);
        } else if (event instanceof AgentEvent e) {
            send(config.agentEventsTopic(), e.getAgentId(), agents.serialize(config.agentEventsTopic(), e), headers);
        } else {
            throw new IllegalArgumentException("not an event: " + event.getClass().getName());
        }
    }

    public void begin() {
        producer.beginTransaction();
    }

    /** Commits the transaction: every record sent since {@link #begin()} becomes visible, or none. */
    public void commit() {
        producer.commitTransaction();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Events could not be written to Kafka: " + failure.getMessage(), failure);
        }
    }

    /** Sends a record that is not an event (the import's position), in the same way. */
    public void send(String topic, String key, byte[] value) {
        send(topic, key, value, new RecordHeaders());
    }

    private void send(String topic, String key, byte[] value, RecordHeaders headers) {
        synchronized (writableTopics) {
            if (!writableTopics.contains(topic)) {
                Topics.awaitWritable(config.kafkaClientProperties(), List.of(topic));
                writableTopics.add(topic);
            }
        }
        producer.send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, exception) -> {
            if (exception != null) {
                firstFailure.compareAndSet(null, exception);
            }
        });
    }

    /** Waits until every event sent so far is written; fails if any could not be. */
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Events could not be written to Kafka: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
