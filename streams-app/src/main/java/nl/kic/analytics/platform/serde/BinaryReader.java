package nl.kic.analytics.platform.serde;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads what {@link BinaryWriter} wrote. */
public final class BinaryReader {
    private final byte[] buffer;
    private int position;

    public BinaryReader(byte[] buffer) {
        this(buffer, 0);
    }

    public BinaryReader(byte[] buffer, int offset) {
        this.buffer = buffer;
        this.position = offset;
    }

    public int peekByte() {
        return buffer[position] & 0xFF;
    }

    public int readByte() {
        return buffer[position++] & 0xFF;
    }

    public long readVarLong() {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = buffer[position++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (v >>> 1) ^ -(v & 1);
    }

    /** An unsigned LEB128 varint, as {@link BinaryWriter#writeUnsignedVarInt} writes it. */
    public int readUnsignedVarInt() {
        int v = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("varint too long");
            }
        }
    }

    public int readVarInt() {
        return Math.toIntExact(readVarLong());
    }

    /** {@code count} values written by {@link BinaryWriter#writeFixedInts}. */
    public int[] readFixedInts(int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = (int) BinaryWriter.INT_LE.get(buffer, position);
            position += 4;
        }
        return values;
    }

    public String readString() {
        int length = readVarInt();
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] readBytes(int length) {
        byte[] value = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return value;
    }

    /** A list written by {@link BinaryWriter#writeStrings}, modifiable. */
    public List<String> readStrings() {
        int count = readVarInt();
        List<String> values = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    public long readSortableLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buffer[position++] & 0xFF);
        }
        return v ^ Long.MIN_VALUE;
    }

    /** The rest of the buffer as a UTF-8 string (the last, unprefixed part of a store key). */
    public String readRemainingString() {
        String value = new String(buffer, position, buffer.length - position, StandardCharsets.UTF_8);
        position = buffer.length;
        return value;
    }

    public boolean hasRemaining() {
        return position < buffer.length;
    }
}
