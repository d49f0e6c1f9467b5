package nl.kic.analytics.platform.serde;

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

    /** Reads the leading format version of an encoding that has only one version so far. */
    public static BinaryReader reader(byte[] bytes, int expectedVersion, String what) {
        BinaryReader in = new BinaryReader(bytes);
        readVersion(in, expectedVersion, expectedVersion, what);
        return in;
    }

    /**
     * Reads the leading format version and returns it when it lies between {@code oldest} and
     * {@code newest}; a newer one is a {@link StoredFormatException} (stop, never guess), an older or
     * unknown one an error about damaged data.
     */
    public static int readVersion(BinaryReader in, int oldest, int newest, String what) {
        int version = in.readByte();
        if (version > newest && version < 0x80) {
            throw StoredFormatException.newer(what, version, newest);
        }
        if (version < oldest || version > newest) {
            throw new StoredFormatException("unknown " + what + " format " + version);
        }
        return version;
    }

    /** The high bit of a version byte in formats that began without one: their first byte never had it set. */
    public static final int VERSION_MARK = 0x80;

    /**
     * For a format whose first version had no version byte: returns 1 when the encoding starts
     * without the mark (nothing is consumed), else reads the marked version (2 or later, up to
     * {@code newest}; a newer one is a {@link StoredFormatException}).
     */
    public static int readMarkedVersion(BinaryReader in, int newest, String what) {
        int first = in.peekByte();
        if ((first & VERSION_MARK) == 0) {
            return 1;
        }
        in.readByte();
        int version = first & ~VERSION_MARK;
        if (version > newest) {
            throw StoredFormatException.newer(what, version, newest);
        }
        if (version < 2) {
            throw new StoredFormatException("unknown " + what + " format " + version);
        }
        return version;
    }
}
