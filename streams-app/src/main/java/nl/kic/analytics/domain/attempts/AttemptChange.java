package nl.kic.analytics.domain.attempts;

import java.time.ZoneId;
import java.util.List;
import nl.kic.analytics.domain.Feed;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;

/**
 * A change of one contact as an attempt: {@code before} is retracted and {@code after} counted; either
 * may be null (not an attempt, or not yet one). Keyed by the caller state it counts in.
 */
public record AttemptChange(Attempt before, Attempt after) {

    /** The contacts' attempts, for the caller figures. */
    public static final Feed<AttemptChange> FEED = new Feed<>("contact-attempts");

    /**
     * The records of a change from {@code before} to {@code after}: one, or a retraction and an
     * addition when its caller state changes (a caller key that came late, another month), since each
     * caller state lives in one partition.
     */
    public static List<KeyValue<String, AttemptChange>> keyed(Attempt before, Attempt after, ZoneId zone) {
        if (before == null && after == null || before != null && before.equals(after)) {
            return List.of();
        }
        if (before != null && after != null && !before.callerMonthKey(zone).equals(after.callerMonthKey(zone))) {
            return List.of(KeyValue.pair(before.callerMonthKey(zone), new AttemptChange(before, null)),
                    KeyValue.pair(after.callerMonthKey(zone), new AttemptChange(null, after)));
        }
        Attempt keyed = after != null ? after : before;
        return List.of(KeyValue.pair(keyed.callerMonthKey(zone), new AttemptChange(before, after)));
    }

    public static final int FORMAT_VERSION = 1;

    public static Serde<AttemptChange> serde() {
        return BinarySerde.of(change -> {
            BinaryWriter out = new BinaryWriter(96).writeByte(FORMAT_VERSION);
            out.writeByte((change.before != null ? 1 : 0) | (change.after != null ? 2 : 0));
            if (change.before != null) {
                change.before.writeTo(out);
            }
            if (change.after != null) {
                change.after.writeTo(out);
            }
            return out.toByteArray();
        }, bytes -> {
            BinaryReader in = new BinaryReader(bytes);
            BinarySerde.readVersion(in, FORMAT_VERSION, FORMAT_VERSION, "attempt change");
            int present = in.readByte();
            Attempt before = (present & 1) != 0 ? Attempt.readFrom(in) : null;
            Attempt after = (present & 2) != 0 ? Attempt.readFrom(in) : null;
            return new AttemptChange(before, after);
        });
    }
}
