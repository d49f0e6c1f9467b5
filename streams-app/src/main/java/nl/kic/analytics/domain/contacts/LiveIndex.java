package nl.kic.analytics.domain.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.StoredFormatException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The two time-ordered indexes behind the live figures, kept beside the per-contact state:
 * the contacts waiting now (by OFFERED time) and the outcomes of the last days (by outcome time).
 * Keys are {@code time | channel | queue length | queue | contactId} with the time first, so that
 * "waiting longer than the lost timeout" and "outcomes since 00:00" are range scans. Keys carry no
 * format version, since they must sort by time: the channel's code is explicit (CALL 0, CHAT 1, as
 * first stored) and the queue length an unsigned varint, one byte below 128 as the first format
 * wrote it. Waiting entries have no value; an outcome's value starts with its format version.
 */
public final class LiveIndex {

    /** The stored code of each channel in keys is its place in this list; never reorder it, only append. */
    private static final List<Channel> CHANNEL_CODES = List.of(Channel.CALL, Channel.CHAT);
    /** The outcome format, marked (the first format, a status ordinal first, had no version byte). */
    public static final int OUTCOME_FORMAT = 2;

    /** One entry of either index, decoded. */
    public record Entry(long timeMillis, Channel channel, String queue, String contactId) {
    }

    private final KeyValueStore<Bytes, byte[]> waiting;
    private final KeyValueStore<Bytes, byte[]> outcomes;

    public LiveIndex(KeyValueStore<Bytes, byte[]> waiting, KeyValueStore<Bytes, byte[]> outcomes) {
        this.waiting = waiting;
        this.outcomes = outcomes;
    }

    /** Moves a contact's index entries from its old contribution to its new one. */
    public void replace(String contactId, Contribution before, Contribution after) {
        if (before != null && before.status() == Contribution.Status.OPEN) {
            waiting.delete(key(before.contactTimeMillis(), before.channel(), before.queue(), contactId));
        }
        if (before != null && before.hasOutcome()) {
            outcomes.delete(key(before.outcomeTimeMillis(), before.channel(), before.queue(), contactId));
        }
        if (after != null && after.status() == Contribution.Status.OPEN) {
            waiting.put(key(after.contactTimeMillis(), after.channel(), after.queue(), contactId), new byte[0]);
        }
        if (after != null && after.hasOutcome()) {
            outcomes.put(key(after.outcomeTimeMillis(), after.channel(), after.queue(), contactId), encodeOutcome(after));
        }
    }

    /** Contacts still waiting that were OFFERED at or before {@code offeredAtOrBeforeMillis}. */
    public List<Entry> waitingOfferedAtOrBefore(long offeredAtOrBeforeMillis) {
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = waiting.range(null, timeBound(offeredAtOrBeforeMillis, true))) {
            while (it.hasNext()) {
                entries.add(decodeKey(it.next().key));
            }
        }
        return entries;
    }

    /** Removes a waiting entry whose contact has no full state any more. */
    public void removeWaiting(Entry entry) {
        waiting.delete(key(entry.timeMillis(), entry.channel(), entry.queue(), entry.contactId()));
    }

    /**
     * How long outcomes are kept: the live figures count today's, and list the queues with an outcome
     * on the two working days before today, which after a long weekend lie up to six days back.
     */
    public static final Duration OUTCOME_RETENTION = Duration.ofDays(7);

    /** Removes outcomes older than {@code beforeMillis}. */
    public void purgeOutcomesBefore(long beforeMillis) {
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = outcomes.range(null, timeBound(beforeMillis - 1, true))) {
            while (it.hasNext()) {
                expired.add(it.next().key);
            }
        }
        expired.forEach(outcomes::delete);
    }

    public static Bytes key(long timeMillis, Channel channel, String queue, String contactId) {
        byte[] queueBytes = queue.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(new BinaryWriter(32)
                .writeSortableLong(timeMillis)
                .writeByte(CHANNEL_CODES.indexOf(channel))
                .writeUnsignedVarInt(queueBytes.length)
                .writeBytes(queueBytes)
                .writeBytes(contactId.getBytes(StandardCharsets.UTF_8))
                .toByteArray());
    }

    /** The smallest (or, with {@code last}, the largest) key of the given millisecond. */
    public static Bytes timeBound(long timeMillis, boolean last) {
        BinaryWriter out = new BinaryWriter(10).writeSortableLong(timeMillis);
        if (last) {
            out.writeByte(0xFF);
        }
        return Bytes.wrap(out.toByteArray());
    }

    public static Entry decodeKey(Bytes key) {
        BinaryReader in = new BinaryReader(key.get());
        long time = in.readSortableLong();
        int channelCode = in.readByte();
        if (channelCode >= CHANNEL_CODES.size()) {
            throw new StoredFormatException("unknown channel code " + channelCode + " in a live index key");
        }
        String queue = new String(in.readBytes(in.readUnsignedVarInt()), StandardCharsets.UTF_8);
        return new Entry(time, CHANNEL_CODES.get(channelCode), queue, in.readRemainingString());
    }

    static byte[] encodeOutcome(Contribution c) {
        return new BinaryWriter(16)
                .writeByte(BinarySerde.VERSION_MARK | OUTCOME_FORMAT)
                .writeByte(Contribution.STATUSES.code(c.status()))
                .writeVarLong(c.waitMillis())
                .writeByte((c.withinServiceLevel() ? 1 : 0) | (c.shortAbandoned() ? 2 : 0))
                .toByteArray();
    }

    /** An outcome as kept in the outcome index. */
    public record Outcome(Contribution.Status status, long waitMillis, boolean withinServiceLevel, boolean shortAbandoned) {
        static Outcome decode(byte[] bytes) {
            BinaryReader in = new BinaryReader(bytes);
            int version = BinarySerde.readMarkedVersion(in, OUTCOME_FORMAT, "live outcome");
            // The first format stored the status's ordinal, which is its code − 1.
            Contribution.Status status = Contribution.STATUSES.value(in.readByte() + (version == 1 ? 1 : 0));
            long wait = in.readVarLong();
            int flags = in.readByte();
            return new Outcome(status, wait, (flags & 1) != 0, (flags & 2) != 0);
        }
    }

    static KeyValue<Entry, Outcome> decodeOutcome(KeyValue<Bytes, byte[]> kv) {
        return KeyValue.pair(decodeKey(kv.key), Outcome.decode(kv.value));
    }
}
