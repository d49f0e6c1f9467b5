package nl.kic.analytics.aggregation;

import java.util.function.BiConsumer;
import java.util.function.Function;
import nl.kic.analytics.serde.BinaryReader;
import nl.kic.analytics.serde.BinarySerde;
import nl.kic.analytics.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;

/**
 * A change of one contact's or e-mail's contribution, sent to the interval aggregation:
 * {@code before} is retracted and {@code after} added. Either may be null (a new contact, or a
 * retraction whose addition goes to another partition).
 */
public record Change<C>(C before, C after) {
    private static final int FORMAT_VERSION = 1;

    public static <C> Serde<Change<C>> serde(BiConsumer<C, BinaryWriter> write, Function<BinaryReader, C> read) {
        return BinarySerde.of(change -> {
            BinaryWriter out = new BinaryWriter(64).writeByte(FORMAT_VERSION);
            out.writeByte((change.before != null ? 1 : 0) | (change.after != null ? 2 : 0));
            if (change.before != null) {
                write.accept(change.before, out);
            }
            if (change.after != null) {
                write.accept(change.after, out);
            }
            return out.toByteArray();
        }, bytes -> {
            BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "change");
            int present = in.readByte();
            C before = (present & 1) != 0 ? read.apply(in) : null;
            C after = (present & 2) != 0 ? read.apply(in) : null;
            return new Change<>(before, after);
        });
    }
}
