package nl.kic.analytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.app.export.ExportDatabase;
import nl.kic.analytics.app.export.FigureExporter;
import nl.kic.analytics.app.export.FigureWriter;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.Tls;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.tools.replay.AgentMetricsCsv;
import nl.kic.analytics.tools.replay.ContactMetricsCsv;
import nl.kic.analytics.tools.replay.Replay;
import nl.kic.analytics.tools.report.ReportSources;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Forecasts offered calls and chats per channel, queue and open 15-minute interval for 1 to 6 weeks from --from, "
                + "with 80%% intervals, the agents the norm takes against the agents planned, and the backtest of its error (docs/forecast.md): "
                + "DIR/forecast.csv and DIR/backtest.json. Only the figures before --from are used.",
                "Figures from exactly one of --input (replayed here), --replay-output or --api. "
                        + "Exit 0 when written, 1 when the source or the plan cannot be read, there is no history or --export-jdbc cannot write "
                        + "(the files are written first); 2 for wrong options."})
final class ForecastCommand implements Callable<Integer> {
    static final String CSV_HEADER = "channel,queue,interval_start,offered_forecast,lower80,upper80,agents_needed,agents_planned,shortfall";
    static final String PLAN_HEADER = "channel,interval_start,agents";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "The forecast's first day (2023-03-06); nothing from it on is used.")
    String from;

    @Option(names = "--weeks", required = true, paramLabel = "N", description = "Weeks ahead, 1 to 6.")
    int weeks;

    @Option(names = "--plan", paramLabel = "FILE", description = "CSV with header channel,interval_start,agents: the agents planned. "
            + "Without it, the mean agents present in the same weekday and interval of the last 4 weeks.")
    Path plan;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for forecast.csv and backtest.json.")
    Path output;

    @Option(names = "--export-jdbc", paramLabel = "URL",
            description = "Also write the forecast to the table forecast of this PostgreSQL database, keyed by its --from date "
                    + "(jdbc:postgresql://HOST:PORT/DB; user and password from kic.export.user and KIC_EXPORT_PASSWORD or "
                    + "kic.export.password-file); see docs/export.md.")
    String exportJdbc;

    @Mixin
    FigureSourceOptions source;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        if (!source.exactlyOne("forecast")) {
            return 2;
        }
        LocalDate first;
        try {
            first = LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            System.err.println("forecast: --from must be a date such as 2023-03-06.");
            return 2;
        }
        if (weeks < 1 || weeks > ForecastQuery.MAX_WEEKS) {
            System.err.println("forecast: --weeks must lie in [1, " + ForecastQuery.MAX_WEEKS + "].");
            return 2;
        }
        KicConfig config = configOptions.load();
        try {
            ForecastQuery.Plan planned = plan == null ? null : readPlan(plan);
            Forecast forecast = source.api != null ? fromApi(config, first, planned) : fromRows(config, first, planned);
            if (forecast.rows().isEmpty() && forecast.origins() == 0) {
                System.err.println("forecast: no contacts before " + first + " to learn from.");
                return 1;
            }
            Files.createDirectories(output);
            writeCsv(output.resolve("forecast.csv"), forecast.rows());
            WholeFiles.writeText(output.resolve("backtest.json"), out -> out.write(JSON.writeValueAsString(forecast.backtest()) + "\n"));
            System.out.printf(Locale.ROOT, "Wrote %d forecast rows from %s for %d weeks, with a backtest of %d origins: %s, %s%n",
                    forecast.rows().size(), first, weeks, forecast.origins(), output.resolve("forecast.csv"), output.resolve("backtest.json"));
            if (exportJdbc != null) {
                long changed = export(config, first, forecast.rows());
                System.out.printf(Locale.ROOT, "Wrote the same rows to the table forecast of the PostgreSQL database of --export-jdbc "
                        + "(origin %s): %d rows inserted, changed or deleted.%n", first, changed);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("forecast: " + e.getMessage());
            return 1;
        }
    }

    /** Writes the rows to the export database of --export-jdbc (only the option turns it on, as for replay). */
    private long export(KicConfig config, LocalDate first, List<ForecastQuery.Row> rows) throws IOException {
        try (ExportDatabase database = ExportDatabase.open(config.withExportJdbcUrl(exportJdbc).export());
             FigureWriter writer = new FigureWriter(database)) {
            return writer.writeForecast(first, rows);
        } catch (SQLException | FlywayException e) {
            throw new IOException("cannot export the forecast to PostgreSQL: " + FigureExporter.reason(e), e);
        }
    }

    /** The rows and the backtest as they are written. */
    record Forecast(List<ForecastQuery.Row> rows, Object backtest, int origins) {
    }

    private Forecast fromRows(KicConfig config, LocalDate first, ForecastQuery.Plan planned) throws IOException, InterruptedException {
        Path dir = source.replayOutput;
        if (source.inputs != null && !source.inputs.isEmpty()) {
            for (Path input : source.inputs) {
                if (!Files.isReadable(input)) {
                    throw new IOException("cannot read the input file " + input.getFileName());
                }
            }
            dir = output.resolve("replay");
            // The replay keeps the 15-minute rows of the whole history the forecast reads, beyond the default retention.
            LocalDate until = LocalDate.now(config.zone()).isAfter(first) ? LocalDate.now(config.zone()) : first;
            long days = ChronoUnit.DAYS.between(ForecastQuery.historyFrom(first), until) + 2;
            KicConfig replayConfig = config;
            if (days > config.fineIntervalRetention().toDays()) {
                Properties settings = config.toProperties();
                settings.setProperty("kic.fine-interval-retention-days", Long.toString(days));
                replayConfig = KicConfig.fromProperties(settings);
            }
            Replay.run(source.inputs, dir, replayConfig, null);
        }
        if (!Files.isRegularFile(dir.resolve("contact_metrics.csv"))) {
            throw new IOException("the replay output directory " + dir + " has no contact_metrics.csv");
        }
        List<ContactMetricsRow> rows = ContactMetricsCsv.read(dir.resolve("contact_metrics.csv"));
        List<AgentPresenceQuery.Row> presence = AgentMetricsCsv.read(dir.resolve("agent_metrics.csv"));
        ForecastQuery.Answer answer = ForecastQuery.of(rows, presence, planned, first, weeks, config);
        return new Forecast(answer.rows(), answer.backtest().toMap(), answer.backtest().origins().size());
    }

    /** GET /api/forecast of a running instance; a plan given here replaces its agents planned. */
    private Forecast fromApi(KicConfig config, LocalDate first, ForecastQuery.Plan planned) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(Tls.client(config.access())).build();
        String url = source.api.toString().replaceAll("/+$", "") + "/api/forecast?from=" + first + "&weeks=" + weeks;
        // The backtest is worked out on the instance: it may take a while.
        JsonNode body = JSON.readTree(ReportSources.get(http, url, source.token(), Duration.ofMinutes(5)));
        List<ForecastQuery.Row> rows = new ArrayList<>();
        for (JsonNode r : body.path("rows")) {
            String channel = r.path("channel").asText();
            OffsetDateTime start = OffsetDateTime.parse(r.path("interval_start").asText());
            Integer needed = r.path("agents_needed").isNumber() ? r.path("agents_needed").asInt() : null;
            Double agentsPlanned = r.path("agents_planned").isNumber() ? r.path("agents_planned").asDouble() : null;
            boolean all = r.path("queue").asText().equals(ContactMetricsRow.ALL_QUEUES);
            if (planned != null && all) {
                agentsPlanned = planned.agents(channel, start);
            }
            Double shortfall = needed == null || agentsPlanned == null ? null : Math.max(0, needed - agentsPlanned);
            rows.add(new ForecastQuery.Row(channel, r.path("queue").asText(), start, r.path("offered_forecast").asDouble(),
                    r.path("lower80").isNumber() ? r.path("lower80").asLong() : null, r.path("upper80").isNumber() ? r.path("upper80").asLong() : null,
                    needed, agentsPlanned, shortfall));
        }
        JsonNode backtest = body.path("backtest");
        return new Forecast(rows, backtest, backtest.path("origins").size());
    }

    static void writeCsv(Path file, List<ForecastQuery.Row> rows) throws IOException {
        WholeFiles.writeText(file, out -> {
            out.write(CSV_HEADER);
            out.write('\n');
            for (ForecastQuery.Row row : rows) {
                out.write(String.join(",",
                        row.channel(),
                        ContactMetricsCsv.field(row.queue()),
                        row.intervalStart().toString(),
                        String.format(Locale.ROOT, "%.3f", row.offeredForecast()),
                        row.lower80() == null ? "" : Long.toString(row.lower80()),
                        row.upper80() == null ? "" : Long.toString(row.upper80()),
                        row.agentsNeeded() == null ? "" : Integer.toString(row.agentsNeeded()),
                        row.agentsPlanned() == null ? "" : String.format(Locale.ROOT, "%.2f", row.agentsPlanned()),
                        row.shortfall() == null ? "" : String.format(Locale.ROOT, "%.2f", row.shortfall())));
                out.write('\n');
            }
        });
    }

    /** The plan: a CSV with header channel,interval_start,agents; a bad line is refused by its number and field, never its value. */
    static ForecastQuery.Plan readPlan(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read the plan " + file.getFileName());
        }
        Map<String, Double> agents = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (header) {
                    if (!String.join(",", record.toList()).trim().equals(PLAN_HEADER)) {
                        throw new IOException("the plan " + file.getFileName() + " must start with the header " + PLAN_HEADER);
                    }
                    header = false;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() != 3) {
                    throw new IOException("the plan " + file.getFileName() + ", line " + line + ": 3 fields expected");
                }
                Channel channel;
                try {
                    channel = Channel.valueOf(record.get(0).trim());
                } catch (IllegalArgumentException e) {
                    throw new IOException("the plan " + file.getFileName() + ", line " + line + ": field 'channel' must be CALL or CHAT");
                }
                OffsetDateTime start;
                try {
                    start = OffsetDateTime.parse(record.get(1).trim());
                } catch (DateTimeParseException e) {
                    throw new IOException("the plan " + file.getFileName() + ", line " + line
                            + ": field 'interval_start' must be a date-time with offset as in contact_metrics.csv");
                }
                double count;
                try {
                    count = Double.parseDouble(record.get(2).trim());
                } catch (NumberFormatException e) {
                    count = Double.NaN;
                }
                if (!(count >= 0) || Double.isInfinite(count)) {
                    throw new IOException("the plan " + file.getFileName() + ", line " + line + ": field 'agents' must be a number of at least 0");
                }
                if (agents.put(ForecastQuery.Plan.key(channel.name(), start.toInstant()), count) != null) {
                    throw new IOException("the plan " + file.getFileName() + ", line " + line + ": this channel and interval_start came before");
                }
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IOException("the plan " + file.getFileName() + " is not a readable CSV file");
        }
        return new ForecastQuery.Plan(agents);
    }

}
