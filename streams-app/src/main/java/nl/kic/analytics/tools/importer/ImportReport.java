package nl.kic.analytics.tools.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import did: lines read, events written (by kind), lines skipped by a reason key, and
 * lines that could not be read, each written to the error file with its line number and the reason.
 * Neither ever holds a line's content, which may carry a caller's number.
 *
 * <p>The reason keys are stable snake_case words, the same in the printed summary and in the
 * import's summary file ({@link ImportSummary}): {@value #UNREADABLE_LINES}, {@value #NEVER_QUEUED_CALLS},
 * {@value #HEADER_LINES}, {@value #BLANK_LINES}, a skipped CSV outcome as {@code <outcome>_records}
 * ({@code phantom_records}), a skipped queue_log event as {@code <event>_lines}
 * ({@code ringnoanswer_lines}), one that is none of Asterisk's as {@value #OTHER_EVENT_LINES}, and
 * the lines of a reason event that wrote no event of their own as {@value #REASON_LINES}.
 */
public final class ImportReport {
    /** Lines that could not be read (listed in the error file). */
    public static final String UNREADABLE_LINES = "unreadable_lines";
    /** CSV rows of calls without a queue entry time: they never reached a queue. */
    public static final String NEVER_QUEUED_CALLS = "never_queued_calls";
    public static final String HEADER_LINES = "header_lines";
    public static final String BLANK_LINES = "blank_lines";
    /** queue_log lines of an event that is not one of Asterisk's: never counted under their text, which may be anything. */
    public static final String OTHER_EVENT_LINES = "other_event_lines";
    /**
     * queue_log lines of a reason event of the mapping's ({@code reason.event.<EVENT>}) that wrote no
     * event of their own: their reason waits for the call's next event, or they had none.
     */
    public static final String REASON_LINES = "reason_lines";

    private final Writer errors;
    private long linesRead;
    private long contactEventsWritten;
    private long agentEventsWritten;
    private long errorCount;
    private final SortedMap<String, Long> skipped = new TreeMap<>();

    public ImportReport(Writer errors) {
        this.errors = errors;
    }

    /** The key of CSV rows skipped for their outcome ({@code skip.outcome} of the mapping): {@code PHANTOM} gives {@code phantom_records}. */
    static String skippedOutcome(String outcome) {
        return snakeCase(outcome) + "_records";
    }

    /** The key of queue_log lines of an Asterisk event that makes no event here: {@code RINGNOANSWER} gives {@code ringnoanswer_lines}. */
    static String skippedEvent(String asteriskEvent) {
        return snakeCase(asteriskEvent) + "_lines";
    }

    private static String snakeCase(String name) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return key.isEmpty() ? "unnamed" : key;
    }

    void lineRead() {
        linesRead++;
    }

    void contactEventWritten() {
        contactEventsWritten++;
    }

    void agentEventWritten() {
        agentEventsWritten++;
    }

    /** A line that makes no event, by its reason key. */
    void skipped(String reasonKey) {
        skipped.merge(reasonKey, 1L, Long::sum);
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
        return contactEventsWritten + agentEventsWritten;
    }

    /** Events written by kind, as the JSON lines name their kind: {@code contact} and {@code agent}. */
    public SortedMap<String, Long> eventsWrittenByKind() {
        return new TreeMap<>(Map.of("contact", contactEventsWritten, "agent", agentEventsWritten));
    }

    public long errors() {
        return errorCount;
    }

    /** Lines skipped, by reason key. */
    public Map<String, Long> skipped() {
        return Map.copyOf(skipped);
    }

    /** Everything read that did not become an event, by reason key: the lines skipped, and the unreadable ones (always there, 0 or more). */
    public SortedMap<String, Long> countsByReason() {
        SortedMap<String, Long> counts = new TreeMap<>(skipped);
        counts.put(UNREADABLE_LINES, errorCount);
        return counts;
    }

    /** The summary line printed at the end of an import. */
    public String summary() {
        return String.format("Read %d lines, wrote %d events; skipped %s; %d lines could not be read.", linesRead, eventsWritten(),
                skipped.isEmpty() ? "none" : skipped.toString(), errorCount);
    }
}
