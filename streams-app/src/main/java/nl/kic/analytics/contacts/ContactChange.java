package nl.kic.analytics.contacts;

import nl.kic.analytics.serde.BinaryReader;
import nl.kic.analytics.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A change of one contact's contribution, sent to the interval aggregation: {@code before} is
 * retracted and {@code after} added. Either may be null (a new contact, or a retraction whose
 * addition goes to another queue's partition).
 */
public record ContactChange(Contribution before, Contribution after) {

    private static final int FORMAT_VERSION = 1;

    public static Serde<ContactChange> serde() {
        Serializer<ContactChange> serializer = (topic, change) -> change == null ? null : change.toBytes();
        Deserializer<ContactChange> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(64).writeByte(FORMAT_VERSION);
        out.writeByte((before != null ? 1 : 0) | (after != null ? 2 : 0));
        if (before != null) {
            before.writeTo(out);
        }
        if (after != null) {
            after.writeTo(out);
        }
        return out.toByteArray();
    }

    static ContactChange fromBytes(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown contact change format " + version);
        }
        int present = in.readByte();
        Contribution before = (present & 1) != 0 ? Contribution.readFrom(in) : null;
        Contribution after = (present & 2) != 0 ? Contribution.readFrom(in) : null;
        return new ContactChange(before, after);
    }
}
