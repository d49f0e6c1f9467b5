package nl.kic.analytics.platform.serde;

/**
 * Where an event that is held in state was read, and its bytes: what a dead letter of it needs if it
 * turns out impossible while another record is processed. Kept only while the event is held.
 *
 * @param value the event in the Confluent wire format, as the application encodes it
 */
public record HeldSource(String topic, int partition, long offset, byte[] value) {

    public void writeTo(BinaryWriter out) {
        out.writeString(topic).writeVarLong(partition).writeVarLong(offset).writeVarLong(value.length).writeBytes(value);
    }

    public static HeldSource readFrom(BinaryReader in) {
        String topic = in.readString();
        int partition = in.readVarInt();
        long offset = in.readVarLong();
        byte[] value = in.readBytes(in.readVarInt());
        return new HeldSource(topic, partition, offset, value);
    }
}
