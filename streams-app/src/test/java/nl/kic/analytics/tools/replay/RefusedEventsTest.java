package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.junit.jupiter.api.Test;

/**
 * Dead letters are counted as refused by their reason only, placed by the channel and the local
 * day (Europe/Amsterdam) of the event they hold, and counted as unknown when they cannot be decoded.
 */
class RefusedEventsTest {
    private static final KicConfig CONFIG = KicConfig.defaults().withSchemaRegistryUrl("mock://refused-events-test");
    private static final SchemaRegistryClient REGISTRY = SchemaRegistryClient.forUrl(CONFIG.schemaRegistryUrl());

    private static byte[] contact(Channel channel, String at) {
        return ConfluentAvroSerde.<ContactEvent>forValues(REGISTRY, ContactEvent.getClassSchema()).serialize(CONFIG.contactEventsTopic(),
                ContactEvent.newBuilder().setEventId("e").setContactId("c").setChannel(channel).setType(ContactEventType.OFFERED)
                        .setQueue("asiel").setOccurredAt(Instant.parse(at)).build());
    }

    private static byte[] email(String at) {
        return ConfluentAvroSerde.<EmailEvent>forValues(REGISTRY, EmailEvent.getClassSchema()).serialize(CONFIG.emailEventsTopic(),
                EmailEvent.newBuilder().setEventId("e").setEmailId("m").setType(EmailEventType.RECEIVED)
                        .setOccurredAt(Instant.parse(at)).build());
    }

    @Test
    void refusedDeadLettersAreCountedPerChannelAndLocalDay() {
        RefusedEvents refused = new RefusedEvents(CONFIG, REGISTRY);
        String contacts = CONFIG.contactEventsTopic();
        refused.deadLetter("too_late", contacts, contact(Channel.CALL, "2022-01-15T10:00:00Z"));
        refused.deadLetter("implausibly_old", contacts, contact(Channel.CALL, "2022-01-15T22:59:59Z"));   // 23:59:59 in Amsterdam
        refused.deadLetter("future_time", contacts, contact(Channel.CALL, "2022-01-15T23:00:00Z"));       // 00:00 the next day
        refused.deadLetter("invalid_name", contacts, contact(Channel.CHAT, "2022-07-01T22:30:00Z"));      // summer time: 00:30
        refused.deadLetter("too_late", CONFIG.emailEventsTopic(), email("2022-01-15T23:30:00Z"));
        // Not refused: another reason, or an agent's event.
        refused.deadLetter("impossible", contacts, contact(Channel.CALL, "2022-01-15T10:00:00Z"));
        refused.deadLetter("unknown_schema", contacts, new byte[] {0, 0, 0, 0, 99});
        refused.deadLetter("future_time", CONFIG.agentEventsTopic(), new byte[] {1});
        // Refused, but not to be decoded again: counted, as unknown.
        refused.deadLetter("too_late", contacts, "not Avro".getBytes(StandardCharsets.UTF_8));
        refused.deadLetter("invalid_name", null, contact(Channel.CALL, "2022-01-15T10:00:00Z"));

        Map<String, Map<String, Long>> expected = new TreeMap<>();
        expected.put("CALL", Map.of("2022-01-15", 2L, "2022-01-16", 1L));
        expected.put("CHAT", Map.of("2022-07-02", 1L));
        expected.put("EMAIL", Map.of("2022-01-16", 1L));
        expected.put("UNKNOWN", Map.of("unknown", 2L));
        assertThat(refused.byChannelAndDay()).isEqualTo(expected);
    }
}
