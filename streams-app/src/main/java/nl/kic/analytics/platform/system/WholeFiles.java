package nl.kic.analytics.platform.system;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that are there whole or not at all: written under a temporary name beside their place and
 * moved there once complete, so that a failure half-way leaves no empty or cut-off file that could
 * be taken for a result.
 */
public final class WholeFiles {
    /** Writes the content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the text. */
    public interface Text {
        void writeTo(Writer out) throws IOException;
    }

    private WholeFiles() {
    }

    /** Writes UTF-8 text, whole or not at all. */
    public static void writeText(Path file, Text text) throws IOException {
        write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            text.writeTo(writer);
            writer.flush();
        });
    }

    public static void write(Path file, Content content) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
