package nl.kic.analytics.platform.serde;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the compact binary form of the internal state and change records: zig-zag varints for
 * numbers and length-prefixed UTF-8 for strings. Store keys use {@link #writeSortableLong}, whose
 * bytes sort like the numbers, so that a range scan of a store is a range of time.
 */
public final class BinaryWriter {
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int size;

    public BinaryWriter(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    public BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public BinaryWriter writeVarLong(long value) {
        long v = (value << 1) ^ (value >> 63);
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
        return this;
    }

    /** An unsigned LEB128 varint (no zig-zag): one byte for 0 to 127. For lengths inside keys. */
    public BinaryWriter writeUnsignedVarInt(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative length " + value);
        }
        ensure(5);
        int v = value;
        while ((v & ~0x7F) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
        return this;
    }

    public BinaryWriter writeString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length);
        return writeBytes(bytes);
    }

    public BinaryWriter writeStrings(List<String> values) {
        writeVarLong(values.size());
        values.forEach(this::writeString);
        return this;
    }

    public BinaryWriter writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Eight big-endian bytes with the sign bit flipped: byte order equals numeric order. */
    public BinaryWriter writeSortableLong(long value) {
        long v = value ^ Long.MIN_VALUE;
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /**
     * The first {@code count} values, four little-endian bytes each: for long arrays (histogram
     * buckets) read and written on every update, where varints cost a branch per byte.
     */
    public BinaryWriter writeFixedInts(int[] values, int count) {
        ensure(count * 4);
        for (int i = 0; i < count; i++) {
            INT_LE.set(buffer, size, values[i]);
            size += 4;
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
