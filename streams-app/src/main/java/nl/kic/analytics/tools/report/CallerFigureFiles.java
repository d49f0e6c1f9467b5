package nl.kic.analytics.tools.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.kic.analytics.domain.callers.CallerSuppression;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.domain.callers.ReasonSuppression;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code caller_metrics.csv} and {@code reason_metrics.csv} of a replay's output as they were
 * written: small cells already hidden (empty). A replay of an earlier version wrote neither file: then
 * there are no caller figures (null), which the report says in words, never as zeros.
 */
final class CallerFigureFiles {
    static final String CALLERS = "caller_metrics.csv";
    static final String REASONS = "reason_metrics.csv";

    private CallerFigureFiles() {
    }

    /** The caller rows of {@code dir}, or null when the replay wrote none. */
    static List<ProtectedCallerRow> callers(Path dir) throws IOException {
        return read(dir.resolve(CALLERS), CallerSuppression.COLUMNS, f -> new ProtectedCallerRow(Channel.valueOf(f.get(0)), name(f.get(1)),
                Granularity.fromLabel(f.get(2)), OffsetDateTime.parse(f.get(3)), count(f.get(4)), count(f.get(5)), count(f.get(6)),
                count(f.get(7)), count(f.get(8)), count(f.get(9)), count(f.get(10)), count(f.get(11)), count(f.get(12)), count(f.get(13)),
                count(f.get(14)), count(f.get(15)), count(f.get(16)), count(f.get(17)), Long.parseLong(f.get(18)), flag(f.get(19)),
                flag(f.get(20)), flag(f.get(21)), f.get(22)));
    }

    /** The reason rows of {@code dir}, or null when the replay wrote none. */
    static List<ProtectedReasonRow> reasons(Path dir) throws IOException {
        return read(dir.resolve(REASONS), ReasonSuppression.COLUMNS, f -> new ProtectedReasonRow(Channel.valueOf(f.get(0)), name(f.get(1)),
                Granularity.fromLabel(f.get(2)), OffsetDateTime.parse(f.get(3)), name(f.get(4)), count(f.get(5)), count(f.get(6)),
                number(f.get(7)), count(f.get(8)), number(f.get(9)), number(f.get(10)), f.get(11)));
    }

    private static <T> List<T> read(Path file, List<String> columns, Function<CSVRecord, T> row) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String header = String.join(",", columns);
        List<T> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
            boolean first = true;
            for (CSVRecord f : parser) {
                if (first) {
                    if (!String.join(",", f.toList()).equals(header)) {
                        throw new IOException(file.getFileName() + " is not of this version: its header differs");
                    }
                    first = false;
                    continue;
                }
                if (f.size() != columns.size()) {
                    throw new IOException(file.getFileName() + " record " + f.getRecordNumber() + " has " + f.size() + " fields, not "
                            + columns.size());
                }
                try {
                    rows.add(row.apply(f));
                } catch (RuntimeException e) {
                    // The message names the record, never its values: they may be a queue's or reason's name.
                    throw new IOException(file.getFileName() + " record " + f.getRecordNumber() + " cannot be read");
                }
            }
            if (first) {
                throw new IOException(file.getFileName() + " is not of this version: it is empty");
            }
        } catch (UncheckedIOException e) {
            throw new IOException(file.getFileName() + " is not valid CSV", e);
        }
        return rows;
    }

    private static Long count(String text) {
        if (text.isEmpty()) {
            return null;
        }
        long value = Long.parseLong(text);
        if (value < 0) {
            throw new IllegalArgumentException("a negative count");
        }
        return value;
    }

    private static Double number(String text) {
        return text.isEmpty() ? null : Double.valueOf(text);
    }

    private static boolean flag(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** A name as written: a leading ' that kept a spreadsheet from reading it as a formula is not part of it. */
    private static String name(String field) {
        return field.length() > 1 && field.charAt(0) == '\'' && "=+-@\t\r".indexOf(field.charAt(1)) >= 0 ? field.substring(1) : field;
    }
}
