package nl.kic.analytics.aggregation;

import java.nio.charset.StandardCharsets;
import nl.kic.analytics.serde.BinaryReader;
import nl.kic.analytics.serde.BinaryWriter;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key of an interval row: {@code granularity | interval start | series}, where the series is
 * what the row is about ({@code CALL|asiel} for contacts, a category for e-mail). Granularity and
 * start come first, so that the rows of a granularity in a time range are one range scan, and
 * expired 15-minute and hour rows one range delete.
 */
public record IntervalKey(Granularity granularity, long intervalStartMillis, String series) {

    public Bytes toBytes() {
        return Bytes.wrap(new BinaryWriter(24)
                .writeByte(granularity.ordinal())
                .writeSortableLong(intervalStartMillis)
                .writeBytes(series.getBytes(StandardCharsets.UTF_8))
                .toByteArray());
    }

    public static IntervalKey fromBytes(Bytes key) {
        BinaryReader in = new BinaryReader(key.get());
        Granularity granularity = Granularity.values()[in.readByte()];
        long start = in.readSortableLong();
        return new IntervalKey(granularity, start, in.readRemainingString());
    }

    /** The first key of the granularity at or after {@code startMillis}. */
    public static Bytes lowerBound(Granularity granularity, long startMillis) {
        return Bytes.wrap(new BinaryWriter(9).writeByte(granularity.ordinal()).writeSortableLong(startMillis).toByteArray());
    }

    /** The last possible key of the granularity with a start at or before {@code startMillis}. */
    public static Bytes upperBound(Granularity granularity, long startMillis) {
        return Bytes.wrap(new BinaryWriter(10).writeByte(granularity.ordinal()).writeSortableLong(startMillis).writeByte(0xFF).toByteArray());
    }
}
