package nl.kic.analytics.domain.callers;

import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.domain.attempts.Attempt;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;

/**
 * The attempts of one caller in one month (one caller key), each as its contact now counts. Kept until
 * the last change of the month's rows can come ({@link CallerRules#lastChangeMillis}); no longer.
 */
public final class CallerState {
    public static final int FORMAT_VERSION = 1;

    private final List<Attempt> attempts;

    public CallerState(List<Attempt> attempts) {
        this.attempts = attempts;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The state after a contact's attempt went from {@code before} to {@code after} (either may be null). */
    public CallerState changed(Attempt before, Attempt after) {
        String contactId = (after != null ? after : before).contactId();
        List<Attempt> next = new ArrayList<>(attempts.size() + 1);
        attempts.stream().filter(a -> !a.contactId().equals(contactId)).forEach(next::add);
        if (after != null) {
            next.add(after);
        }
        return new CallerState(next);
    }

    public static Serde<CallerState> serde() {
        return BinarySerde.of(state -> {
            BinaryWriter out = new BinaryWriter(64 * state.attempts.size() + 4).writeByte(FORMAT_VERSION).writeVarLong(state.attempts.size());
            state.attempts.forEach(a -> a.writeTo(out));
            return out.toByteArray();
        }, bytes -> {
            BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "caller state");
            int count = in.readVarInt();
            List<Attempt> attempts = new ArrayList<>(count + 1);
            for (int i = 0; i < count; i++) {
                attempts.add(Attempt.readFrom(in));
            }
            return new CallerState(attempts);
        });
    }
}
