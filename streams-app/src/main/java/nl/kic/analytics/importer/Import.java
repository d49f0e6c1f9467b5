package nl.kic.analytics.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/** One import: a file of the given format, line by line, to events; see docs/import.md. */
public final class Import {
    /** The formats an import reads. */
    public enum Format {
        ASTERISK_QUEUE_LOG, CSV;

        public static Format of(String name) {
            return switch (name) {
                case "asterisk-queue-log" -> ASTERISK_QUEUE_LOG;
                case "csv" -> CSV;
                default -> throw new IllegalArgumentException("unknown format '" + name + "'; expected asterisk-queue-log or csv");
            };
        }
    }

    private Import() {
    }

    /**
     * Reads {@code input} and hands each event to {@code out}; lines that cannot be read go to
     * {@code errors} with their number and the reason. {@code zone}: the calendar of the callers'
     * monthly pseudonyms.
     */
    public static ImportReport run(Format format, Path input, ImportMapping mapping, Pseudonyms pseudonyms, ZoneId zone,
                                   Writer errors, Consumer<SpecificRecord> out) throws IOException {
        ImportReport report = new ImportReport(errors);
        LineReader lines = switch (format) {
            case ASTERISK_QUEUE_LOG -> new QueueLogImport(pseudonyms, mapping, zone, report, out)::line;
            case CSV -> new CsvImport(pseudonyms, mapping, report, out)::line;
        };
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.line(++number, line);
            }
        }
        return report;
    }

    private interface LineReader {
        void line(long number, String line);
    }
}
