package nl.kic.analytics.domain.intervals;

import java.util.List;
import java.util.function.Function;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.ContributionCodec;
import org.apache.kafka.common.serialization.Serde;

/**
 * A change of one contact's or e-mail's contribution, sent to the interval aggregation in the same
 * task: {@code before} is retracted from its rows and {@code after} added to its rows (another queue
 * or category, another interval, or the same). Either may be null (a new contact).
 */
public record Change<C>(C before, C after) {

    /** The contribution whose key and time the change's record carries: the addition, or else the retraction. */
    public C keyed() {
        return after != null ? after : before;
    }

    /**
     * 3: contributions with the caller key and reason; 2: with explicit codes; 1: with enum ordinals
     * (1 and 2 read, never written). The change's version is its contributions' format.
     */
    public static final int FORMAT_VERSION = ContributionCodec.CURRENT;
    private static final int ORDINALS_VERSION = ContributionCodec.ORDINALS;

    /**
     * Contributions of the formats before are read too: records an earlier version left in its
     * repartition topic carry them, and so may a retraction without its addition (it split a change
     * of series in two).
     */
    public static <C> Serde<Change<C>> serde(ContributionCodec<C> codec) {
        return BinarySerde.of(change -> {
            BinaryWriter out = new BinaryWriter(64).writeByte(FORMAT_VERSION);
            out.writeByte((change.before != null ? 1 : 0) | (change.after != null ? 2 : 0));
            if (change.before != null) {
                codec.write().accept(change.before, out);
            }
            if (change.after != null) {
                codec.write().accept(change.after, out);
            }
            return out.toByteArray();
        }, bytes -> {
            BinaryReader in = new BinaryReader(bytes);
            int version = BinarySerde.readVersion(in, ORDINALS_VERSION, FORMAT_VERSION, "change");
            int present = in.readByte();
            C before = (present & 1) != 0 ? codec.read(in, version) : null;
            C after = (present & 2) != 0 ? codec.read(in, version) : null;
            return new Change<>(before, after);
        });
    }
}
