package nl.kic.analytics.domain.emails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The two time-ordered indexes kept beside the e-mail state: the backlog (open net e-mails, by
 * RECEIVED time, for the live figures) and the deadline timers (open e-mails whose judgement changes
 * when the clock passes their deadline). Keys are {@code time | emailId}.
 */
public final class EmailBacklogIndex {

    /** A backlog entry, decoded. */
    public record OpenEmail(long receivedMillis, String emailId, String category, long deadlineMillis, boolean answeredOnTime) {
    }

    private final KeyValueStore<Bytes, byte[]> backlog;
    private final KeyValueStore<Bytes, byte[]> deadlines;

    /**
     * The backlog entry's format, marked: the first format had no version byte (it began with the
     * category's length, below the mark for any category name under 64 bytes). Keys are the time
     * and the e-mail id, with no version, since they must sort by time; deadline entries have no value.
     */
    public static final int BACKLOG_FORMAT = 2;

    public EmailBacklogIndex(KeyValueStore<Bytes, byte[]> backlog, KeyValueStore<Bytes, byte[]> deadlines) {
        this.backlog = backlog;
        this.deadlines = deadlines;
    }

    /** Moves an e-mail's entries from its old contribution to its new one, judged at {@code nowMillis}. */
    public void replace(String emailId, EmailContribution before, EmailContribution after, long nowMillis) {
        if (before != null && before.inBacklog()) {
            backlog.delete(key(before.receivedMillis(), emailId));
            deadlines.delete(key(before.deadlineMillis(), emailId));
        }
        if (after != null && after.inBacklog()) {
            backlog.put(key(after.receivedMillis(), emailId), encodeEntry(after));
            if (after.deadlineMillis() >= nowMillis) {
                deadlines.put(key(after.deadlineMillis(), emailId), new byte[0]);
            }
        }
    }

    /** E-mails whose deadline lies before {@code nowMillis}; their timers are removed. */
    public List<String> takeDeadlinesBefore(long nowMillis) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = deadlines.range(null, timeBound(nowMillis - 1))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(deadlines::delete);
        return keys.stream().map(k -> new String(k.get(), 8, k.get().length - 8, StandardCharsets.UTF_8)).toList();
    }

    static byte[] encodeEntry(EmailContribution open) {
        return new BinaryWriter(24)
                .writeByte(BinarySerde.VERSION_MARK | BACKLOG_FORMAT)
                .writeString(open.category())
                .writeVarLong(open.deadlineMillis())
                .writeByte(open.answeredOnTime() ? 1 : 0)
                .toByteArray();
    }

    static Bytes key(long timeMillis, String emailId) {
        return Bytes.wrap(new BinaryWriter(24).writeSortableLong(timeMillis).writeBytes(emailId.getBytes(StandardCharsets.UTF_8)).toByteArray());
    }

    /** The largest key of the given millisecond. */
    static Bytes timeBound(long timeMillis) {
        return Bytes.wrap(new BinaryWriter(9).writeSortableLong(timeMillis).writeByte(0xFF).toByteArray());
    }

    static OpenEmail decode(Bytes key, byte[] value) {
        BinaryReader keyReader = new BinaryReader(key.get());
        long received = keyReader.readSortableLong();
        String emailId = keyReader.readRemainingString();
        BinaryReader in = new BinaryReader(value);
        BinarySerde.readMarkedVersion(in, BACKLOG_FORMAT, "e-mail backlog entry"); // 1 and 2 differ only in the version byte
        return new OpenEmail(received, emailId, in.readString(), in.readVarLong(), in.readByte() == 1);
    }
}
