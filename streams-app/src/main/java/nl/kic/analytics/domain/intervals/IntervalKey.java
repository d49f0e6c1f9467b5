package nl.kic.analytics.domain.intervals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.StoredFormatException;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key of an interval row: {@code granularity | interval start | series}, where the series is
 * what the row is about ({@code CALL|asiel} for contacts, a category for e-mail). Granularity and
 * start come first, so that the rows of a granularity in a time range are one range scan, and
 * expired 15-minute rows one range delete (only 15-minute and day rows are stored; the coarser
 * granularities are sums of them). Keys carry no format version, since they must
 * sort by granularity and time; the granularity's code is explicit and is the first byte
 * ({@link #GRANULARITY_CODES}: 15m 0, hour 1, day 2, week 3, month 4, year 5, as first stored).
 */
public record IntervalKey(Granularity granularity, long intervalStartMillis, String series) {
    /** The stored code of each granularity is its place in this list; never reorder it, only append. */
    private static final List<Granularity> GRANULARITY_CODES = List.of(Granularity.FIFTEEN_MINUTES, Granularity.HOUR, Granularity.DAY,
            Granularity.WEEK, Granularity.MONTH, Granularity.YEAR);

    private static int code(Granularity granularity) {
        return GRANULARITY_CODES.indexOf(granularity);
    }

    private static Granularity granularity(int code) {
        if (code >= GRANULARITY_CODES.size()) {
            throw new StoredFormatException("unknown granularity code " + code + " in an interval key");
        }
        return GRANULARITY_CODES.get(code);
    }

    public Bytes toBytes() {
        return Bytes.wrap(new BinaryWriter(24)
                .writeByte(code(granularity))
                .writeSortableLong(intervalStartMillis)
                .writeBytes(series.getBytes(StandardCharsets.UTF_8))
                .toByteArray());
    }

    public static IntervalKey fromBytes(Bytes key) {
        BinaryReader in = new BinaryReader(key.get());
        Granularity granularity = granularity(in.readByte());
        long start = in.readSortableLong();
        return new IntervalKey(granularity, start, in.readRemainingString());
    }

    /** The first key of the granularity at or after {@code startMillis}. */
    public static Bytes lowerBound(Granularity granularity, long startMillis) {
        return Bytes.wrap(new BinaryWriter(9).writeByte(code(granularity)).writeSortableLong(startMillis).toByteArray());
    }

    /** The last possible key of the granularity with a start at or before {@code startMillis}. */
    public static Bytes upperBound(Granularity granularity, long startMillis) {
        return Bytes.wrap(new BinaryWriter(10).writeByte(code(granularity)).writeSortableLong(startMillis).writeByte(0xFF).toByteArray());
    }
}
