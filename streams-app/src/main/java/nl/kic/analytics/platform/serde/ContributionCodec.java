package nl.kic.analytics.platform.serde;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How a contribution is written and read: {@code read} for the current format, {@code readOrdinals}
 * for the format before explicit codes, still found in stores and topics written by older versions.
 */
public record ContributionCodec<C>(BiConsumer<C, BinaryWriter> write, Function<BinaryReader, C> read,
                                   Function<BinaryReader, C> readOrdinals) {
    public C read(BinaryReader in, boolean ordinals) {
        return ordinals ? readOrdinals.apply(in) : read.apply(in);
    }
}
