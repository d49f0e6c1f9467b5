package nl.kic.analytics.domain.agents;

import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;

/**
 * The additive state of one presence row (granularity, interval, the agents' queues): the time
 * agents with those queues were present in the interval, in milliseconds. Rows of one interval
 * add up to a channel's agents present ({@link AgentPresenceQuery}).
 */
public final class PresenceRow {
    public static final int FORMAT_VERSION = 1;

    long presentMillis;

    public long presentMillis() {
        return presentMillis;
    }

    /** How rows are stored in the {@code agent-presence-store}: version, then the milliseconds. */
    public static final IntervalRows.Codec<PresenceRow> CODEC = new IntervalRows.Codec<>() {
        @Override
        public PresenceRow empty() {
            return new PresenceRow();
        }

        @Override
        public PresenceRow decode(byte[] bytes) {
            BinaryReader in = new BinaryReader(bytes);
            BinarySerde.readVersion(in, FORMAT_VERSION, FORMAT_VERSION, "agent presence row");
            PresenceRow row = new PresenceRow();
            row.presentMillis = in.readVarLong();
            return row;
        }

        @Override
        public byte[] encode(PresenceRow row) {
            return new BinaryWriter(10).writeByte(FORMAT_VERSION).writeVarLong(row.presentMillis).toByteArray();
        }

        @Override
        public boolean isEmpty(PresenceRow row) {
            return row.presentMillis == 0;
        }

        @Override
        public void merge(PresenceRow into, PresenceRow other) {
            into.presentMillis += other.presentMillis;
        }
    };
}
