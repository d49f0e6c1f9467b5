package nl.kic.analytics.tools.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.errors.RejectedEventException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Calls exported as CSV (or TSV), one row per call, to contact events by a mapping file that names
 * the columns and their formats (docs/import.md): OFFERED at the entry time; ANSWERED or ABANDONED at
 * the answer or abandon time, by the outcome column; REJECTED at the entry time for a refused call;
 * ENDED at the end time of an answered call. Times are local clock times in the mapping's zone.
 */
public final class CsvImport {
    private final Pseudonyms pseudonyms;
    private final ImportMapping mapping;
    private final ImportReport report;
    private final Consumer<SpecificRecord> out;
    private final String separator;
    private final CSVFormat format;
    private final boolean header;
    private final ZoneId zone;
    /** The calendar of the callers' monthly keys: kic.zone, as for every importer, whatever zone the file's clock times are in. */
    private final ZoneId callerMonthZone;
    private final boolean laterOffsetInOverlap;
    private final DateTimeFormatter dateFormat;
    private final boolean twoDigitYear;
    private final DateTimeFormatter timeFormat;
    private final DateTimeFormatter dateTimeFormat;
    private final Set<String> empty;
    private final Set<String> answered;
    private final Set<String> abandoned;
    private final Set<String> rejected;
    private final Set<String> skippedOutcomes;
    private final Set<String> noAgent;
    private final Set<String> callerWithheld;
    private final Map<String, Integer> identicalLines = new HashMap<>();
    private Map<String, Integer> columns;

    /** {@code callerMonthZone}: the calendar of the callers' monthly pseudonyms (kic.zone). */
    public CsvImport(Pseudonyms pseudonyms, ImportMapping mapping, ZoneId callerMonthZone, ImportReport report, Consumer<SpecificRecord> out) {
        this.pseudonyms = pseudonyms;
        this.callerMonthZone = callerMonthZone;
        this.mapping = mapping;
        this.report = report;
        this.out = out;
        String separatorSetting = mapping.get("csv.separator", ",");
        this.separator = separatorSetting.equals("tab") || separatorSetting.equals("\\t") ? "\t" : separatorSetting;
        this.format = CSVFormat.RFC4180.builder().setDelimiter(separator).get();
        this.header = Boolean.parseBoolean(mapping.get("csv.header", "true"));
        this.zone = ZoneId.of(mapping.get("zone", "Europe/Amsterdam"));
        this.laterOffsetInOverlap = mapping.get("doubled-hour", "earlier").equals("later");
        String datePattern = mapping.get("date.format");
        this.dateFormat = datePattern == null ? null : DateTimeFormatter.ofPattern(datePattern);
        this.twoDigitYear = datePattern != null && datePattern.contains("yy") && !datePattern.contains("yyy")
                || datePattern != null && datePattern.contains("uu") && !datePattern.contains("uuu");
        this.timeFormat = DateTimeFormatter.ofPattern(mapping.get("time.format", "H:mm:ss"));
        String dateTimePattern = mapping.get("datetime.format");
        this.dateTimeFormat = dateTimePattern == null ? null : DateTimeFormatter.ofPattern(dateTimePattern);
        this.empty = values(mapping.get("empty", ""));
        this.answered = values(mapping.require("outcome.answered"));
        this.abandoned = values(mapping.require("outcome.abandoned"));
        this.rejected = values(mapping.get("outcome.rejected", ""));
        this.skippedOutcomes = values(mapping.get("skip.outcome", ""));
        this.noAgent = values(mapping.get("agent.none", ""));
        this.callerWithheld = values(mapping.get("caller.withheld", ""));
        if (dateFormat == null && dateTimeFormat == null) {
            throw new IllegalArgumentException("the mapping file needs date.format (with column.date) or datetime.format");
        }
    }

    /** The fields of a line, quoted fields as RFC 4180 has them ("Jansen, Piet" is one field). */
    private List<String> fields(String line) throws IOException {
        try (CSVParser parser = CSVParser.parse(line, format)) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of("") : records.get(0).toList();
        }
    }

    private static Set<String> values(String list) {
        return Set.copyOf(Arrays.stream(list.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList());
    }

    /** Reads one line; the first is the header when {@code csv.header} is true. */
    public void line(long lineNumber, String line) {
        report.lineRead();
        List<String> fields;
        try {
            fields = fields(line);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            report.error(lineNumber, "not a line of CSV (a quote that is not closed?)");
            return;
        }
        if (columns == null) {
            columns = new HashMap<>();
            if (header) {
                for (int i = 0; i < fields.size(); i++) {
                    columns.put(fields.get(i).trim(), i);
                }
                report.skipped(ImportReport.HEADER_LINES);
                return;
            }
        }
        if (line.isBlank()) {
            report.skipped(ImportReport.BLANK_LINES);
            return;
        }
        try {
            row(line, fields);
        } catch (RowException e) {
            report.error(lineNumber, e.getMessage());
        }
    }

    private static final class RowException extends Exception {
        RowException(String message) {
            super(message);
        }
    }

    private void row(String line, List<String> fields) throws RowException {
        String outcome = field(fields, "column.outcome", true);
        if (skippedOutcomes.contains(outcome)) {
            report.skipped(ImportReport.skippedOutcome(outcome));
            return;
        }
        LocalDate date = dateFormat == null ? null : date(field(fields, "column.date", true));
        Instant entry = time(fields, "column.entry-time", date, null);
        if (entry == null) {
            report.skipped(ImportReport.NEVER_QUEUED_CALLS);
            return;
        }
        // The call id may take several columns (a line and its own call number), joined with "-".
        StringBuilder joined = new StringBuilder();
        for (String column : mapping.require("column.call-id").split(",")) {
            joined.append(joined.isEmpty() ? "" : "-").append(column(fields, column.trim(), "call-id", true));
        }
        String callId = joined.toString();
        String queue;
        try {
            queue = mapping.queue(mapping.get("queue") != null ? mapping.get("queue") : field(fields, "column.queue", true));
        } catch (RejectedEventException e) {
            throw new RowException(e.reason().header() + ": " + e.getMessage());
        }
        // The row's reason (a wrap-up code) is checked as its queue is; it goes on the outcome and on the end.
        String reason = null;
        if (mapping.get("column.reason") != null) {
            String value = emptyToNull(field(fields, "column.reason", false));
            try {
                reason = value == null ? null : mapping.reason(value);
            } catch (RejectedEventException e) {
                throw new RowException(e.reason().header() + ": " + e.getMessage());
            }
        }
        String callerColumn = mapping.get("column.caller");
        String number = callerColumn == null ? null : emptyToNull(field(fields, "column.caller", false));
        String caller = number == null || callerWithheld.contains(number) ? null : pseudonyms.caller(number, YearMonth.from(entry.atZone(callerMonthZone)));
        int occurrence = identicalLines.merge(line, 1, Integer::sum);
        String eventId = pseudonyms.eventId(line, occurrence);
        if (rejected.contains(outcome)) {
            contact(eventId + ":rejected", callId, ContactEventType.REJECTED, queue, entry, null, caller, reason);
            return;
        }
        boolean isAnswered = answered.contains(outcome);
        if (!isAnswered && !abandoned.contains(outcome)) {
            throw new RowException("unknown outcome; the mapping names " + answered + ", " + abandoned + " and " + rejected);
        }
        Instant left = time(fields, isAnswered ? "column.answer-time" : "column.abandon-time", date, entry);
        if (left == null) {
            throw new RowException("no " + (isAnswered ? "answer" : "abandon") + " time for an " + (isAnswered ? "answered" : "abandoned")
                    + " call");
        }
        contact(eventId + ":offered", callId, ContactEventType.OFFERED, queue, entry, null, caller, null);
        String agentColumn = mapping.get("column.agent");
        String agentName = agentColumn == null ? null : emptyToNull(field(fields, "column.agent", false));
        String agent = agentName == null || noAgent.contains(agentName) ? null : pseudonyms.agent(agentName);
        contact(eventId + (isAnswered ? ":answered" : ":abandoned"), callId, isAnswered ? ContactEventType.ANSWERED
                : ContactEventType.ABANDONED, queue, left, isAnswered ? agent : null, null, reason);
        if (isAnswered && mapping.get("column.end-time") != null) {
            Instant end = time(fields, "column.end-time", date, left);
            if (end != null) {
                contact(eventId + ":ended", callId, ContactEventType.ENDED, queue, end, agent, null, reason);
            }
        }
    }

    private String emptyToNull(String value) {
        return value == null || value.isBlank() || empty.contains(value.trim()) ? null : value.trim();
    }

    private String field(List<String> fields, String setting, boolean required) throws RowException {
        return column(fields, mapping.require(setting), setting.substring("column.".length()), required);
    }

    private String column(List<String> fields, String column, String what, boolean required) throws RowException {
        String setting = "column." + what;
        Integer index = columns.get(column);
        if (index == null) {
            try {
                index = Integer.parseInt(column) - 1; // without a header, columns are numbered from 1
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the mapping's " + setting + " names column '" + column + "', which the header lacks");
            }
        }
        if (index >= fields.size()) {
            throw new RowException("too few fields (" + fields.size() + "), no " + setting.substring("column.".length()));
        }
        String value = fields.get(index).trim();
        if (required && value.isEmpty()) {
            throw new RowException("empty " + setting.substring("column.".length()));
        }
        return value;
    }

    private LocalDate date(String value) throws RowException {
        try {
            LocalDate date = LocalDate.parse(value, dateFormat);
            // Two-digit years: 50–99 are the 1900s, 00–49 the 2000s (so 990201 is 1 February 1999).
            return twoDigitYear && date.getYear() >= 2050 ? date.minusYears(100) : date;
        } catch (DateTimeException e) {
            throw new RowException("the date is not in the format " + mapping.get("date.format"));
        }
    }

    /**
     * The instant of a time column; null when the column is absent or holds the mapping's empty value.
     * A clock time before {@code notBefore} on the same date lies past midnight: the next day.
     */
    private Instant time(List<String> fields, String setting, LocalDate date, Instant notBefore) throws RowException {
        if (mapping.get(setting) == null) {
            return null;
        }
        String value = emptyToNull(field(fields, setting, false));
        if (value == null) {
            return null;
        }
        LocalDateTime local;
        try {
            local = date != null ? LocalDateTime.of(date, LocalTime.parse(value, timeFormat)) : LocalDateTime.parse(value, dateTimeFormat);
        } catch (DateTimeException e) {
            throw new RowException("the " + setting.substring("column.".length()) + " is not in the format "
                    + (date != null ? mapping.get("time.format", "H:mm:ss") : mapping.get("datetime.format")));
        }
        Instant instant = instant(local);
        if (notBefore != null && date != null && instant.isBefore(notBefore)) {
            instant = instant(local.plusDays(1)); // past midnight
        }
        if (notBefore != null && Duration.between(notBefore, instant).toDays() > 1) {
            throw new RowException("the " + setting.substring("column.".length()) + " lies more than a day after the call began");
        }
        return instant;
    }

    /** The doubled October hour is read as its first pass unless the mapping says {@code doubled-hour=later}. */
    private Instant instant(LocalDateTime local) {
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null);
        return (laterOffsetInOverlap ? zoned.withLaterOffsetAtOverlap() : zoned.withEarlierOffsetAtOverlap()).toInstant();
    }

    private void contact(String eventId, String contactId, ContactEventType type, String queue, Instant at, String agent, String caller,
                         String reason) {
        out.accept(ContactEvent.newBuilder().setEventId(eventId).setContactId(contactId).setChannel(Channel.CALL).setType(type)
                .setQueue(queue).setOccurredAt(at).setAgentId(agent).setCallerKey(caller).setReason(reason).build());
        report.contactEventWritten();
    }
}
