package nl.kic.analytics.tools.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.platform.time.Granularity;

/**
 * {@code caller_metrics.csv} and {@code reason_metrics.csv}: rows as they leave the product, small
 * cells hidden (empty), in the columns of their table. Interval starts as ISO-8601 local date-time
 * with offset, ratios with 6 decimals, seconds with 3, booleans {@code true}/{@code false}.
 */
public final class ProtectedRowsCsv {
    private ProtectedRowsCsv() {
    }

    /** Writes {@code rows}, each its values in the order of {@code columns}. */
    public static void write(Path file, List<String> columns, List<List<Object>> rows) throws IOException {
        WholeFiles.writeText(file, out -> {
            out.write(String.join(",", columns));
            out.write('\n');
            for (List<Object> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    cells.add(cell(columns.get(i), row.get(i)));
                }
                out.write(String.join(",", cells));
                out.write('\n');
            }
        });
    }

    private static String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Channel channel) {
            return channel.name();
        }
        if (value instanceof Granularity granularity) {
            return granularity.label();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toString();
        }
        if (value instanceof Double number) {
            return String.format(Locale.ROOT, column.endsWith("_seconds") ? "%.3f" : "%.6f", number);
        }
        if (value instanceof String text) {
            return ContactMetricsCsv.field(text);
        }
        return value.toString();
    }
}
