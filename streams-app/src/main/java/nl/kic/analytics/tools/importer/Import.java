package nl.kic.analytics.tools.importer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Consumer;
import nl.kic.analytics.platform.input.TextLines;
import org.apache.avro.specific.SpecificRecord;

/** One import: a file of the given format, line by line, to events; see docs/import.md. */
public final class Import {
    /** The formats an import reads. */
    public enum Format {
        ASTERISK_QUEUE_LOG("asterisk-queue-log"), CSV("csv");

        private final String optionName;

        Format(String optionName) {
            this.optionName = optionName;
        }

        /** The name {@code --format} takes. */
        public String optionName() {
            return optionName;
        }

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
        return run(format, input, StandardCharsets.UTF_8, TextLines.DEFAULT_MAX_LINE_BYTES, mapping, pseudonyms, zone, errors, out);
    }

    /**
     * As above, with the file's {@code encoding} and the longest line it takes: a line that is not
     * valid in the encoding, or longer, goes to the error file with its number, and the import goes on.
     */
    public static ImportReport run(Format format, Path input, Charset encoding, int maxLineBytes, ImportMapping mapping,
                                   Pseudonyms pseudonyms, ZoneId zone, Writer errors, Consumer<SpecificRecord> out) throws IOException {
        ImportReport report = new ImportReport(errors);
        LineReader lines = switch (format) {
            case ASTERISK_QUEUE_LOG -> new QueueLogImport(pseudonyms, mapping, zone, report, out)::line;
            case CSV -> new CsvImport(pseudonyms, mapping, zone, report, out)::line;
        };
        TextLines.read(input, encoding, maxLineBytes, new TextLines.Handler() {
            @Override
            public void line(long number, String text) {
                lines.line(number, text);
            }

            @Override
            public void unreadable(long number, String reason) {
                report.lineRead();
                report.error(number, reason);
            }
        });
        return report;
    }

    private interface LineReader {
        void line(long number, String line);
    }
}
