package nl.kic.analytics.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.contacts.ContactFigures;
import nl.kic.analytics.contacts.ContactMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.time.Granularity;

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
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(HEADER);
            out.write('\n');
            for (ContactMetricsRow row : rows) {
                out.write(line(row));
                out.write('\n');
            }
        }
    }

    /** Reads a file this class wrote (an earlier replay's output). */
    public static List<ContactMetricsRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a contact_metrics.csv of this version: its header differs");
        }
        List<ContactMetricsRow> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> f = fields(lines.get(n));
            try {
                rows.add(new ContactMetricsRow(Channel.valueOf(f.get(0)), f.get(1), Granularity.fromLabel(f.get(2)),
                        OffsetDateTime.parse(f.get(3)),
                        new ContactFigures(Long.parseLong(f.get(4)), Long.parseLong(f.get(5)), Long.parseLong(f.get(6)),
                                Long.parseLong(f.get(7)), Long.parseLong(f.get(8)), Long.parseLong(f.get(9)), Long.parseLong(f.get(10)),
                                number(f.get(11)), number(f.get(12)), number(f.get(13)), number(f.get(14)), number(f.get(15)),
                                number(f.get(16)), number(f.get(17)), number(f.get(18)))));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (n + 1) + " cannot be read: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** The fields of one line, the queue possibly quoted as {@link #field} writes it. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
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

    /** Queue names come from the events; quote one that would break the line. */
    public static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String decimal(Double value, int places) {
        return value == null ? "" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
