package nl.kic.analytics.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {
    private static final String SCOPE = "serde-test";

    private static ContactEvent event() {
        return ContactEvent.newBuilder()
                .setEventId("e1").setContactId("c1").setChannel(Channel.CALL).setType(ContactEventType.ANSWERED)
                .setQueue("werk").setOccurredAt(Instant.ofEpochMilli(1000)).setAgentId(null).build();
    }

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void bytesAreMagicByteBigEndianSchemaIdAndAvroBinary() throws Exception {
        try (FakeConfluentRegistryServer server = new FakeConfluentRegistryServer(258)) {
            ConfluentAvroSerde<ContactEvent> serde = ConfluentAvroSerde.forValues(
                    new RestSchemaRegistryClient(server.url()), ContactEvent.getClassSchema());
            byte[] bytes = serde.serializer().serialize("kic.contact-events", event());
            // Worked out by hand from the Avro specification: strings are a zig-zag varint length and
            // UTF-8, enums and union branches their zig-zag index, the long 1000 is zig-zag 2000 = D0 0F.
            byte[] expected = {
                    0x00,                    // magic byte
                    0x00, 0x00, 0x01, 0x02,  // schema id 258, big-endian
                    0x04, 'e', '1',          // eventId
                    0x04, 'c', '1',          // contactId
                    0x00,                    // channel CALL (index 0)
                    0x02,                    // type ANSWERED (index 1)
                    0x08, 'w', 'e', 'r', 'k', // queue
                    (byte) 0xD0, 0x0F,       // occurredAt 1000 ms
                    0x00,                    // agentId: union branch 0, null
                    0x00,                    // callerKey: union branch 0, null
                    0x00                     // reason: union branch 0, null
            };
            assertThat(bytes).containsExactly(expected);
            assertThat(serde.deserializer().deserialize("kic.contact-events", bytes)).isEqualTo(event());
        }
    }

    @Test
    void readsRecordsWrittenWithAnOlderWriterSchemaByItsId() throws Exception {
        // A writer that knows one field less than this build (no agentId): resolved by schema id.
        Schema older = SchemaBuilder.record("ContactEvent").namespace("nl.kic.analytics.events").fields()
                .requiredString("eventId").requiredString("contactId")
                .name("channel").type(ContactEvent.getClassSchema().getField("channel").schema()).noDefault()
                .name("type").type(ContactEvent.getClassSchema().getField("type").schema()).noDefault()
                .requiredString("queue")
                .name("occurredAt").type(ContactEvent.getClassSchema().getField("occurredAt").schema()).noDefault()
                .endRecord();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.scope(SCOPE);
        int id = registry.register("other-subject", older);
        GenericRecord record = new GenericData.Record(older);
        record.put("eventId", "e9");
        record.put("contactId", "c9");
        record.put("channel", new GenericData.EnumSymbol(older.getField("channel").schema(), "CHAT"));
        record.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "OFFERED"));
        record.put("queue", "studie");
        record.put("occurredAt", 5000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(record, encoder);
        encoder.flush();

        ContactEvent read = ConfluentAvroSerde.<ContactEvent>forValues(registry, ContactEvent.getClassSchema())
                .deserializer().deserialize("kic.contact-events", out.toByteArray());
        assertThat(read.getChannel()).isEqualTo(Channel.CHAT);
        assertThat(read.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(5000));
        assertThat(read.getAgentId()).isNull();
    }

    @Test
    void bytesWithoutMagicByteOrWithAnUnknownSchemaIdAreRejectedWithTheReason() {
        ConfluentAvroSerde<ContactEvent> serde = ConfluentAvroSerde.forValues(
                InMemorySchemaRegistry.scope(SCOPE), ContactEvent.getClassSchema());
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 0, 0, 0, 1, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 0, 0, 99, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown schema id 99");
    }

    @Test
    void inMemoryRegistryScopesAreSeparateAndKeepAnIdPerSchema() {
        InMemorySchemaRegistry a = InMemorySchemaRegistry.scope(SCOPE);
        int id = a.register("x-value", ContactEvent.getClassSchema());
        assertThat(a.register("y-value", ContactEvent.getClassSchema())).isEqualTo(id);
        assertThat(SchemaRegistryClient.forUrl("mock://" + SCOPE)).isSameAs(a);
        assertThat(SchemaRegistryClient.forUrl("mock://" + SCOPE + "-other")).isNotSameAs(a);
        InMemorySchemaRegistry.dropScope(SCOPE + "-other");
    }
}
