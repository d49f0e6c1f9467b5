package nl.kic.analytics.tools.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.platform.time.Granularity;

/**
 * {@code agent_metrics.csv}: agents present per channel, granularity ({@code 15m}, {@code day}) and
 * interval, with 6 decimals; only the header when the input has no agent events.
 */
public final class AgentMetricsCsv {
    public static final String HEADER = "channel,granularity,interval_start,agents_present";

    private AgentMetricsCsv() {
    }

    /** The rows of a replay's {@code agent_metrics.csv}; none when the file is absent (a replay of an older version). */
    public static List<AgentPresenceQuery.Row> read(Path file) throws IOException {
        List<AgentPresenceQuery.Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            rows.add(new AgentPresenceQuery.Row(f[0], Granularity.fromLabel(f[1]),
                    OffsetDateTime.parse(f[2]), Double.parseDouble(f[3])));
        }
        return rows;
    }

    public static void write(Path file, List<AgentPresenceQuery.Row> rows) throws IOException {
        WholeFiles.writeText(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (AgentPresenceQuery.Row row : rows) {
                out.write(String.join(",",
                        row.channel(),
                        row.granularity().label(),
                        row.intervalStart().toString(),
                        String.format(Locale.ROOT, "%.6f", row.agentsPresent())));
                out.write('\n');
            }
        });
    }
}
