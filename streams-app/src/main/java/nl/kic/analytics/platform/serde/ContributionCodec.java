package nl.kic.analytics.platform.serde;

import java.util.function.BiConsumer;

/**
 * How a contribution is written (always in {@link #CURRENT}) and read in any of the formats still
 * found in stores and topics written by older versions: {@link #ORDINALS} (enum ordinals as codes),
 * {@link #CODES} (explicit codes), {@link #WITH_CALLER} (explicit codes, and a contact's caller key
 * and reason). A kind whose contribution did not change between two formats reads them alike.
 */
public record ContributionCodec<C>(BiConsumer<C, BinaryWriter> write, Reader<C> reader) {
    public static final int ORDINALS = 1;
    public static final int CODES = 2;
    public static final int WITH_CALLER = 3;
    public static final int CURRENT = WITH_CALLER;

    /** Reads a contribution written in format {@code version}. */
    public interface Reader<C> {
        C read(BinaryReader in, int version);
    }

    public C read(BinaryReader in, int version) {
        return reader.read(in, version);
    }
}
