package nl.kic.analytics.platform.input;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file read line by line, each line decoded on its own, so that one line that is not valid
 * in the file's encoding, or longer than the limit, is reported by its number and the reading goes
 * on with the next. Lines end with LF (a CR before it is dropped); a UTF-8 byte-order mark at the
 * start is skipped. UTF-16 needs its byte-order mark, which says which byte comes first; the other
 * encodings are those that write LF as one byte (UTF-8, ISO-8859-1, windows-1252, …).
 */
public final class TextLines {
    /** The default longest line, in bytes. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /** What is done with each line. */
    public interface Handler {
        void line(long number, String text);

        /** A line that cannot be read; {@code reason} names the rule, never the line's content. */
        void unreadable(long number, String reason);
    }

    private TextLines() {
    }

    public static void read(Path file, Charset charset, int maxLineBytes, Handler handler) throws IOException {
        if (charset.equals(StandardCharsets.UTF_16)) {
            readUtf16(file, maxLineBytes, handler);
            return;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            long number = 0;
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        if (!tooLong) {
                            line.write(buffer, start, i - start);
                        }
                        emit(++number, line, tooLong, maxLineBytes, decoder, charset, handler);
                        line.reset();
                        tooLong = false;
                        start = i + 1;
                    }
                }
                if (!tooLong) {
                    line.write(buffer, start, read - start);
                    // A longer line is not kept: only its end is looked for.
                    if (line.size() > maxLineBytes + 1) {
                        tooLong = true;
                        line.reset();
                    }
                }
            }
            if (tooLong || line.size() > 0) {
                emit(++number, line, tooLong, maxLineBytes, decoder, charset, handler);
            }
        }
    }

    /**
     * UTF-16 in two-byte units, in the order its byte-order mark gives: a line ends at the unit of
     * LF, and a CR unit before it is dropped. Without the mark the file cannot be read.
     */
    private static void readUtf16(Path file, int maxLineBytes, Handler handler) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int first = in.read();
            if (first == -1) {
                return; // an empty file has no lines, in any encoding
            }
            int second = in.read();
            boolean bigEndian = first == 0xFE && second == 0xFF;
            if (!bigEndian && !(first == 0xFF && second == 0xFE)) {
                // Which byte comes first cannot be known: nothing can be read.
                handler.unreadable(1, "UTF-16 text without a byte-order mark");
                return;
            }
            Charset charset = bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            long number = 0;
            for (int a = in.read(), b = in.read(); a != -1; a = in.read(), b = in.read()) {
                if (b == -1) {
                    // Half a unit at the end: kept, so that the last line is reported as not valid UTF-16.
                    line.write(a);
                    break;
                }
                int unit = bigEndian ? (a << 8) | b : (b << 8) | a;
                if (unit == '\n') {
                    emitUtf16(++number, line, tooLong, maxLineBytes, decoder, charset, bigEndian, handler);
                    line.reset();
                    tooLong = false;
                } else if (!tooLong) {
                    line.write(a);
                    line.write(b);
                    if (line.size() > maxLineBytes + 2) {
                        tooLong = true;
                        line.reset();
                    }
                }
            }
            if (tooLong || line.size() > 0) {
                emitUtf16(++number, line, tooLong, maxLineBytes, decoder, charset, bigEndian, handler);
            }
        }
    }

    private static void emitUtf16(long number, ByteArrayOutputStream line, boolean tooLong, int maxLineBytes, CharsetDecoder decoder,
                                  Charset charset, boolean bigEndian, Handler handler) {
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        boolean endsWithCr = n >= 2 && (bigEndian ? bytes[n - 2] == 0 && bytes[n - 1] == '\r' : bytes[n - 2] == '\r' && bytes[n - 1] == 0);
        decode(number, bytes, endsWithCr ? n - 2 : n, 0, tooLong, maxLineBytes, decoder, charset, handler);
    }

    private static void emit(long number, ByteArrayOutputStream line, boolean tooLong, int maxLineBytes, CharsetDecoder decoder,
                             Charset charset, Handler handler) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        int offset = number == 1 && charset.equals(StandardCharsets.UTF_8) && length >= 3
                && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        decode(number, bytes, length, offset, tooLong, maxLineBytes, decoder, charset, handler);
    }

    private static void decode(long number, byte[] bytes, int length, int offset, boolean tooLong, int maxLineBytes,
                               CharsetDecoder decoder, Charset charset, Handler handler) {
        if (tooLong || length > maxLineBytes) {
            handler.unreadable(number, "longer than " + maxLineBytes + " bytes");
            return;
        }
        String text;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, length - offset)).toString();
        } catch (CharacterCodingException e) {
            handler.unreadable(number, "not valid " + (charset.name().startsWith("UTF-16") ? "UTF-16" : charset.name())
                    + " text (another encoding?)");
            return;
        }
        handler.line(number, text);
    }
}
