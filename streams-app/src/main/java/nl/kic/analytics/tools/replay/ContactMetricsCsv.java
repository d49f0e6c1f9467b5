package nl.kic.analytics.tools.replay;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code contact_metrics.csv}: one row per channel, queue (and ALL), granularity and interval.
 * Interval starts as ISO-8601 local date-time with offset; ratios with 6 decimals; seconds with 3;
 * empty cells where a figure is undefined.
 */
public final class ContactMetricsCsv {
    public static final String HEADER = "channel,queue,granularity,interval_start,offered,answered,abandoned,"
            + "short_abandoned,rejected,open,lost,reachability,service_level,asa_seconds,wait_p50_seconds,"
            + "wait_p90_seconds,max_wait_seconds,avg_abandon_wait_seconds,aht_seconds";

    private ContactMetricsCsv() {
    }

    public static void write(Path file, List<ContactMetricsRow> rows) throws IOException {
        WholeFiles.writeText(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (ContactMetricsRow row : rows) {
                out.write(line(row));
                out.write('\n');
            }
        });
    }

    /** Reads a file this class wrote (an earlier replay's output), quoted names with line breaks included. */
    public static List<ContactMetricsRow> read(Path file) throws IOException {
        List<ContactMetricsRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
            boolean header = true;
            for (CSVRecord f : parser) {
                if (header) {
                    if (!String.join(",", f.toList()).equals(HEADER)) {
                        throw new IOException(file + " is not a contact_metrics.csv of this version: its header differs");
                    }
                    header = false;
                    continue;
                }
                try {
                    rows.add(new ContactMetricsRow(Channel.valueOf(f.get(0)), name(f.get(1)), Granularity.fromLabel(f.get(2)),
                            OffsetDateTime.parse(f.get(3)),
                            new ContactFigures(Long.parseLong(f.get(4)), Long.parseLong(f.get(5)), Long.parseLong(f.get(6)),
                                    Long.parseLong(f.get(7)), Long.parseLong(f.get(8)), Long.parseLong(f.get(9)), Long.parseLong(f.get(10)),
                                    number(f.get(11)), number(f.get(12)), number(f.get(13)), number(f.get(14)), number(f.get(15)),
                                    number(f.get(16)), number(f.get(17)), number(f.get(18)))));
                } catch (RuntimeException e) {
                    throw new IOException(file + " record " + f.getRecordNumber() + " cannot be read", e);
                }
            }
            if (header) {
                throw new IOException(file + " is not a contact_metrics.csv of this version: it is empty");
            }
        } catch (UncheckedIOException e) {
            throw new IOException(file + " is not valid CSV", e);
        }
        return rows;
    }

    static Double number(String text) {
        return text.isEmpty() ? null : Double.valueOf(text);
    }

    static String line(ContactMetricsRow row) {
        ContactFigures f = row.figures();
        return String.join(",",
                row.channel().name(),
                field(row.queue()),
                row.granularity().label(),
                row.intervalStart().toString(),
                Long.toString(f.offered()),
                Long.toString(f.answered()),
                Long.toString(f.abandoned()),
                Long.toString(f.shortAbandoned()),
                Long.toString(f.rejected()),
                Long.toString(f.open()),
                Long.toString(f.lost()),
                decimal(f.reachability(), 6),
                decimal(f.serviceLevel(), 6),
                decimal(f.asaSeconds(), 3),
                decimal(f.waitP50Seconds(), 3),
                decimal(f.waitP90Seconds(), 3),
                decimal(f.maxWaitSeconds(), 3),
                decimal(f.avgAbandonWaitSeconds(), 3),
                decimal(f.ahtSeconds(), 3));
    }

    /**
     * A name from the events as a CSV field a person may open in a spreadsheet: one that would start a
     * formula (=, +, -, @, tab, CR) gets a leading ', and one with a comma, quote or line break is
     * quoted (RFC 4180). Numbers are written elsewhere, never altered.
     */
    public static String field(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    /** The name {@link #field} wrote. */
    static String name(String field) {
        return field.length() > 1 && field.charAt(0) == '\'' && "=+-@\t\r".indexOf(field.charAt(1)) >= 0 ? field.substring(1) : field;
    }

    private static String decimal(Double value, int places) {
        return value == null ? "" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
