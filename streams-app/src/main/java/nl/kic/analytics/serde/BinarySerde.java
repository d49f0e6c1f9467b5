package nl.kic.analytics.serde;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A Kafka serde of an internal state or change type from its own encoding; null stays null (a tombstone). */
public final class BinarySerde {
    private BinarySerde() {
    }

    public static <T> Serde<T> of(Function<T, byte[]> encode, Function<byte[], T> decode) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : encode.apply(value),
                (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
    }

    /** Reads the leading format version of an encoding and refuses one this build does not know. */
    public static BinaryReader reader(byte[] bytes, int expectedVersion, String what) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != expectedVersion) {
            throw new IllegalArgumentException("unknown " + what + " format " + version);
        }
        return in;
    }
}
