package nl.kic.analytics;

import java.time.Instant;
import java.util.Properties;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Calls to the asiel queue for broker tests that write raw records: events by hand, and a plain producer. */
public final class ContactEvents {
    private ContactEvents() {
    }

    /** A call event with id {@code contactId-sequence}. */
    public static ContactEvent call(String contactId, String sequence, ContactEventType type, long atMillis) {
        return ContactEvent.newBuilder().setEventId(contactId + "-" + sequence).setContactId(contactId).setChannel(Channel.CALL)
                .setType(type).setQueue("asiel").setOccurredAt(Instant.ofEpochMilli(atMillis)).build();
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
