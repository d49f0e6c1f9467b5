package nl.kic.analytics.tools.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.domain.emails.EmailFigures;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.platform.time.Granularity;

/**
 * {@code email_metrics.csv}: one row per category (and ALL), granularity and interval of RECEIVED.
 * Interval starts as ISO-8601 local date-time with offset; the answered share with 6 decimals,
 * empty when there is no net e-mail.
 */
public final class EmailMetricsCsv {
    public static final String HEADER = "category,granularity,interval_start,received_gross,spam,received_net,answered,"
            + "closed_without_answer,open,answered_share,acknowledged_on_time,answered_on_time,must_answer_violations";

    private EmailMetricsCsv() {
    }

    public static void write(Path file, List<EmailMetricsRow> rows) throws IOException {
        WholeFiles.writeText(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (EmailMetricsRow row : rows) {
                EmailFigures f = row.figures();
                out.write(String.join(",",
                        row.category(),
                        row.granularity().label(),
                        row.intervalStart().toString(),
                        Long.toString(f.receivedGross()),
                        Long.toString(f.spam()),
                        Long.toString(f.receivedNet()),
                        Long.toString(f.answered()),
                        Long.toString(f.closedWithoutAnswer()),
                        Long.toString(f.open()),
                        f.answeredShare() == null ? "" : String.format(Locale.ROOT, "%.6f", f.answeredShare()),
                        Long.toString(f.acknowledgedOnTime()),
                        Long.toString(f.answeredOnTime()),
                        Long.toString(f.mustAnswerViolations())));
                out.write('\n');
            }
        });
    }

    /** Reads a file this class wrote (an earlier replay's output). Categories are enum names, never quoted. */
    public static List<EmailMetricsRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not an email_metrics.csv of this version: its header differs");
        }
        List<EmailMetricsRow> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            try {
                rows.add(new EmailMetricsRow(f[0], Granularity.fromLabel(f[1]), OffsetDateTime.parse(f[2]),
                        new EmailFigures(Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                                Long.parseLong(f[7]), Long.parseLong(f[8]), ContactMetricsCsv.number(f[9]), Long.parseLong(f[10]),
                                Long.parseLong(f[11]), Long.parseLong(f[12]))));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (n + 1) + " cannot be read: " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
