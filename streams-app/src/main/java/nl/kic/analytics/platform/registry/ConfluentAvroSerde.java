package nl.kic.analytics.platform.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro specific records in the Confluent wire format: magic byte 0, the schema id as a 4-byte
 * big-endian int, then the Avro binary encoding. Confluent's own serdes read what this writes and
 * the other way round. The writer schema is registered under the topic-name strategy subject
 * ({@code <topic>-value}, or {@code <topic>-key}); records are read with the writer schema of their
 * id, resolved to this build's schema.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {
    static final byte MAGIC_BYTE = 0;

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final String subjectSuffix;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();

    public ConfluentAvroSerde(SchemaRegistryClient registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.subjectSuffix = isKey ? "-key" : "-value";
        this.writer = new SpecificDatumWriter<>(schema);
    }

    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValues(SchemaRegistryClient registry, Schema schema) {
        return new ConfluentAvroSerde<>(registry, schema, false);
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }

    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int id = idsByTopic.computeIfAbsent(topic, t -> registry.register(t + subjectSuffix, schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " as Avro for topic " + topic, e);
        }
        return out.toByteArray();
    }

    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != MAGIC_BYTE) {
            throw new UndecodableRecordException(DeadLetterReason.UNDECODABLE, "Not in the Confluent wire format (no magic byte 0) on topic " + topic, null);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        DatumReader<T> reader;
        try {
            reader = readersById.computeIfAbsent(id, i -> new SpecificDatumReader<>(registry.schemaById(i), schema));
        } catch (SchemaRegistryException e) {
            if (!e.isDefinite()) {
                throw e; // the registry did not answer: the record is fine, the reader waits for the registry
            }
            throw new UndecodableRecordException(DeadLetterReason.UNKNOWN_SCHEMA, "Unknown schema id " + id + " on topic " + topic, e);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(DeadLetterReason.UNDECODABLE, "Cannot read Avro of schema id " + id + " on topic " + topic, e);
        }
    }
}
