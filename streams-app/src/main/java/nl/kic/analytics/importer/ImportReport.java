package nl.kic.analytics.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: lines read, events written, lines skipped by their event name (or reason),
 * and lines that could not be read, each written to the error file with its line number and the
 * reason. Neither ever holds a line's content, which may carry a caller's number.
 */
public final class ImportReport {
    private final Writer errors;
    private long linesRead;
    private long eventsWritten;
    private long errorCount;
    private final Map<String, Long> skipped = new TreeMap<>();

    public ImportReport(Writer errors) {
        this.errors = errors;
    }

    void lineRead() {
        linesRead++;
    }

    void eventWritten() {
        eventsWritten++;
    }

    void skipped(String why) {
        skipped.merge(why, 1L, Long::sum);
    }

    /** A line that cannot be read; {@code reason} must not quote the line. */
    void error(long lineNumber, String reason) {
        errorCount++;
        try {
            errors.write("line " + lineNumber + ": " + reason + "\n");
            errors.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the error file", e);
        }
    }

    public long linesRead() {
        return linesRead;
    }

    public long eventsWritten() {
        return eventsWritten;
    }

    public long errors() {
        return errorCount;
    }

    public Map<String, Long> skipped() {
        return Map.copyOf(skipped);
    }

    /** The summary line printed at the end of an import. */
    public String summary() {
        return String.format("Read %d lines, wrote %d events; skipped %s; %d lines could not be read.", linesRead, eventsWritten,
                skipped.isEmpty() ? "none" : skipped.toString(), errorCount);
    }
}
