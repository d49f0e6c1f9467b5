package nl.kic.analytics.input;

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
 * start is skipped. The encodings are those that write LF as one byte (UTF-8, ISO-8859-1,
 * windows-1252, …).
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

    private static void emit(long number, ByteArrayOutputStream line, boolean tooLong, int maxLineBytes, CharsetDecoder decoder,
                             Charset charset, Handler handler) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (tooLong || length > maxLineBytes) {
            handler.unreadable(number, "longer than " + maxLineBytes + " bytes");
            return;
        }
        int offset = number == 1 && charset.equals(StandardCharsets.UTF_8) && length >= 3
                && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        String text;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, length - offset)).toString();
        } catch (CharacterCodingException e) {
            handler.unreadable(number, "not valid " + charset.name() + " text (another encoding?)");
            return;
        }
        handler.line(number, text);
    }
}
