package nl.kic.analytics.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.aggregation.ContactFigures;
import nl.kic.analytics.aggregation.ContactMetricsRow;

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
    private static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String decimal(Double value, int places) {
        return value == null ? "" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
