package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kic.analytics.TestPostgres;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.app.export.ExportDatabase;
import nl.kic.analytics.app.export.FigureWriter;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailFigures;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SQL query of the PostgreSQL dashboards, with Grafana's macros and variables expanded as
 * Grafana expands them, runs on a real PostgreSQL filled by the exporter from thirteen simulated
 * months, and returns exactly the API's intervals with the API's figures: for every granularity,
 * both channels, the ALL queue and a single queue, each figure, the norm beside it (the defaults of
 * docs/report.md, worked out here by hand) and the same interval a year (a week: 52 weeks) before.
 * The PromQL queries of the other dashboards run on a real Prometheus in {@link PrometheusIT}.
 */
class DashboardQueriesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant FROM = OffsetDateTime.parse("2024-01-01T00:00+01:00").toInstant();
    private static final Instant TO = OffsetDateTime.parse("2024-03-01T00:00+01:00").toInstant();
    /** The default norms (kic.norm.*), by the column they stand beside. */
    private static final Map<String, Double> NORMS = Map.of("norm_reachability", 0.80, "norm_service_level", 0.80,
            "norm_asa_seconds", 480.0, "norm_answered_on_time", 1.0, "norm_acknowledged_on_time", 1.0);

    /** Two forecasts that overlap in their last week: where both cover a quarter hour, the boards show the later one. */
    private static final LocalDate EARLIER_ORIGIN = LocalDate.of(2024, 2, 5);
    private static final LocalDate LATER_ORIGIN = LocalDate.of(2024, 2, 19);

    private static TopologyHarness harness;
    private static String url;
    /** The forecast rows the boards should show: per channel|queue|instant, the later origin's row where both have one. */
    private static final Map<String, ForecastQuery.Row> LATEST_FORECAST = new TreeMap<>();

    @BeforeAll
    static void fill() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        // Thirteen months fed at once with the clock at their end, as a replay does: the caller figures keep every month.
        harness = new TopologyHarness("2024-03-01T12:00:00Z", p -> {
            p.setProperty("kic.callers.keep-all-months", "true");
            return p;
        });
        new KicSimulator(SimulationConfig.kicDefaults(11).scaled(0.004), KicConfig.defaults().calendar(), ZONE,
                LocalDate.of(2023, 1, 30), harness::send).runDaysUntil(LocalDate.of(2024, 3, 1));
        url = postgres.newDatabase("dashboardqueriesit");
        KicConfig.Export settings = KicConfig.defaults().withExportJdbcUrl(url).export().withUser(TestPostgres.user());
        try (ExportDatabase database = ExportDatabase.open(settings); FigureWriter writer = new FigureWriter(database)) {
            writer.writeEverything(harness.queries(), harness.clock.now().minus(harness.config.fineIntervalRetention()));
            for (LocalDate origin : List.of(EARLIER_ORIGIN, LATER_ORIGIN)) {
                List<ForecastQuery.Row> rows = forecast(origin, origin.equals(EARLIER_ORIGIN) ? 3 : 1);
                writer.writeForecast(origin, rows);
                rows.forEach(row -> LATEST_FORECAST.put(row.channel() + "|" + row.queue() + "|" + row.intervalStart().toInstant(), row));
            }
        }
    }

    /** The forecast from {@code origin} as the API and forecast.csv have it, from the 15-minute figures before it. */
    private static List<ForecastQuery.Row> forecast(LocalDate origin, int weeks) {
        Instant start = origin.atStartOfDay(ZONE).toInstant();
        List<ContactMetricsRow> history = harness.queries().contactMetrics().rows(Granularity.FIFTEEN_MINUTES,
                ForecastQuery.historyFrom(origin).atStartOfDay(ZONE).toInstant(), start, null, null);
        List<AgentPresenceQuery.Row> presence = harness.queries().agentPresence(Granularity.FIFTEEN_MINUTES,
                origin.minusWeeks(ForecastQuery.PLAN_WEEKS).atStartOfDay(ZONE).toInstant(), start);
        return ForecastQuery.of(history, presence, null, origin, weeks, harness.config).rows();
    }

    @AfterAll
    static void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everySqlPanelReturnsTheApisIntervalsAndFigures() throws Exception {
        int compared = 0;
        List<Path> boards = DashboardFilesTest.postgresDashboards();
        assertThat(boards).isNotEmpty();
        for (Path file : boards) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String sql = target.path("rawSql").asText();
                    String where = file.getFileName() + " / " + panel.path("title").asText();
                    if (sql.contains("FROM forecast")) {
                        // Compared with the forecast rows below.
                        continue;
                    }
                    // Grafana's own time buckets are UTC-based: a panel selects a stored granularity instead.
                    assertThat(sql).as(where).contains("interval_start AS time").doesNotContain("$__timeGroup");
                    for (String granularity : List.of("day", "week", "month")) {
                        for (Channel channel : Channel.values()) {
                            for (String queue : List.of("ALL", queueOf(channel))) {
                                Map<String, String> variables = Map.of("granularity", granularity, "channel", channel.name(), "queue", queue);
                                compared += compare(where + " " + variables, GrafanaMacros.expand(sql, FROM, TO, variables),
                                        Granularity.fromLabel(granularity), channel, queue);
                            }
                        }
                    }
                }
            }
        }
        System.out.println("DashboardQueriesIT compared " + compared + " figures with the API.");
        assertThat(compared).isGreaterThan(1_000);
    }

    @Test
    void theQueueVariablesQueryListsTheQueuesOfTheChannel() throws Exception {
        for (Path file : DashboardFilesTest.postgresDashboards()) {
            for (JsonNode variable : JSON.readTree(file.toFile()).path("templating").path("list")) {
                if (!variable.path("type").asText().equals("query")) {
                    continue;
                }
                String sql = GrafanaMacros.expand(variable.path("query").asText(), FROM, TO, Map.of("channel", "CALL"));
                TreeSet<String> expected = new TreeSet<>();
                for (ContactMetricsRow row : harness.queries().contactMetrics().rows(Granularity.YEAR, null, null, Channel.CALL, null)) {
                    expected.add(row.queue());
                }
                assertThat(new TreeSet<>(column(sql))).as(variable.path("name").asText()).isEqualTo(expected);
            }
        }
    }

    /**
     * The forecast panel per quarter hour: for each quarter hour a forecast covers in the range, the
     * later forecast's figure and 80% bounds where two overlap, and beside it the offered contacts of
     * the API's 15-minute row (0 where the API has none: every interval here is past).
     */
    @Test
    void theQuarterHourForecastPanelShowsTheLatestForecastWithItsBoundsBesideTheOffered() throws Exception {
        String sql = forecastPanelSql("Verwachting per kwartier");
        int compared = 0;
        for (Channel channel : Channel.values()) {
            for (String queue : List.of("ALL", queueOf(channel))) {
                Map<String, Long> offered = new HashMap<>();
                for (ContactMetricsRow row : harness.queries().contactMetrics().rows(Granularity.FIFTEEN_MINUTES, FROM, TO, channel, queue)) {
                    offered.put(row.intervalStart().toInstant().toString(), row.figures().offered());
                }
                Map<String, ForecastQuery.Row> expected = latest(channel, queue);
                assertThat(expected).as(channel + " " + queue + ": the fixture has forecast rows").isNotEmpty();
                List<Map<String, Object>> rows = run(GrafanaMacros.expand(sql, FROM, TO, Map.of("channel", channel.name(), "queue", queue)));
                List<String> times = new ArrayList<>();
                for (Map<String, Object> row : rows) {
                    String time = ((Timestamp) row.get("time")).toInstant().toString();
                    times.add(time);
                    ForecastQuery.Row forecast = expected.get(time);
                    String where = channel + " " + queue + " " + time;
                    assertThat(forecast).as(where + ": a quarter hour the forecasts cover").isNotNull();
                    assertThat(values(row)).as(where).containsExactly(
                            (double) offered.getOrDefault(time, 0L), rounded(forecast.offeredForecast(), 3),
                            forecast.lower80() == null ? null : (double) forecast.lower80(),
                            forecast.upper80() == null ? null : (double) forecast.upper80());
                    compared += 4;
                }
                assertThat(times).as(channel + " " + queue + ": every quarter hour the forecasts cover, in order").containsExactlyElementsOf(expected.keySet());
            }
        }
        System.out.println("DashboardQueriesIT compared " + compared + " quarter-hour forecast figures.");
        assertThat(compared).isGreaterThan(1_000);
    }

    /**
     * The forecast panel per period: the API's offered per day, week or month beside the sum of the
     * quarter hours of the latest forecast in that period (grouped here by the product's calendar, not
     * SQL's), a period with only one of them having the other empty.
     */
    @Test
    void thePeriodForecastPanelSumsTheLatestForecastsQuarterHoursPerPeriodBesideTheOffered() throws Exception {
        String sql = forecastPanelSql("Aangeboden en verwachting per periode");
        int compared = 0;
        for (String label : List.of("day", "week", "month")) {
            Granularity granularity = Granularity.fromLabel(label);
            for (Channel channel : Channel.values()) {
                for (String queue : List.of("ALL", queueOf(channel))) {
                    Map<String, Double> offered = new TreeMap<>();
                    for (ContactMetricsRow row : harness.queries().contactMetrics().rows(granularity, null, null, channel, queue)) {
                        offered.put(row.intervalStart().toInstant().toString(), (double) row.figures().offered());
                    }
                    Map<String, BigDecimal> forecast = new TreeMap<>();
                    for (Map.Entry<String, ForecastQuery.Row> entry : latest(channel, queue).entrySet()) {
                        String period = granularity.intervalStart(Instant.parse(entry.getKey()), ZONE).toInstant().toString();
                        forecast.merge(period, BigDecimal.valueOf(rounded(entry.getValue().offeredForecast(), 3)), BigDecimal::add);
                    }
                    TreeSet<String> expectedTimes = new TreeSet<>(offered.keySet());
                    expectedTimes.addAll(forecast.keySet());
                    expectedTimes.removeIf(time -> Instant.parse(time).isBefore(FROM) || Instant.parse(time).isAfter(TO));
                    assertThat(forecast).as(label + " " + channel + " " + queue).isNotEmpty();
                    List<String> times = new ArrayList<>();
                    for (Map<String, Object> row : run(GrafanaMacros.expand(sql, FROM, TO,
                            Map.of("granularity", label, "channel", channel.name(), "queue", queue)))) {
                        String time = ((Timestamp) row.get("time")).toInstant().toString();
                        times.add(time);
                        BigDecimal sum = forecast.get(time);
                        assertThat(values(row)).as(label + " " + channel + " " + queue + " " + time)
                                .containsExactly(offered.get(time), sum == null ? null : sum.doubleValue());
                        compared += 2;
                    }
                    assertThat(times).as(label + " " + channel + " " + queue).containsExactlyElementsOf(expectedTimes);
                }
            }
        }
        System.out.println("DashboardQueriesIT compared " + compared + " period forecast figures.");
        assertThat(compared).isGreaterThan(100);
    }

    /** The SQL of the one management panel whose title starts with {@code title}. */
    private static String forecastPanelSql(String title) throws Exception {
        List<String> found = new ArrayList<>();
        for (Path file : DashboardFilesTest.postgresDashboards()) {
            for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
                if (panel.path("title").asText().startsWith(title)) {
                    found.add(panel.path("targets").get(0).path("rawSql").asText());
                }
            }
        }
        assertThat(found).as(title).hasSize(1);
        assertThat(found.get(0)).contains("interval_start AS time").contains("FROM forecast");
        return found.get(0);
    }

    /** The latest forecast's rows of a channel and queue, by the instant of the quarter hour, in time order. */
    private static Map<String, ForecastQuery.Row> latest(Channel channel, String queue) {
        Map<String, ForecastQuery.Row> rows = new TreeMap<>(Comparator.comparing(Instant::parse));
        LATEST_FORECAST.forEach((key, row) -> {
            if (row.channel().equals(channel.name()) && row.queue().equals(queue)) {
                rows.put(row.intervalStart().toInstant().toString(), row);
            }
        });
        return rows;
    }

    /** The figures of a result row after its time, as doubles (null stays null). */
    private static List<Double> values(Map<String, Object> row) {
        List<Double> values = new ArrayList<>();
        row.forEach((column, value) -> {
            if (!column.equals("time")) {
                values.add(value == null ? null : value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue());
            }
        });
        return values;
    }

    /** A decimal as the CSV writer and the export round it. */
    private static double rounded(double value, int scale) {
        return new BigDecimal(String.format(Locale.ROOT, "%." + scale + "f", value)).doubleValue();
    }

    private static String queueOf(Channel channel) {
        return harness.queries().contactMetrics().rows(Granularity.YEAR, null, null, channel, null).stream()
                .map(ContactMetricsRow::queue).filter(q -> !q.equals("ALL")).findFirst().orElseThrow();
    }

    /** Runs one expanded query and compares each row and figure with the API; returns the figures compared. */
    private static int compare(String where, String sql, Granularity granularity, Channel channel, String queue) throws Exception {
        List<Map<String, Object>> rows = run(sql);
        boolean email = sql.contains("FROM email_metrics");
        boolean callers = sql.contains("FROM caller_metrics");
        boolean perQueue = !rows.isEmpty() && rows.get(0).containsKey("queue");
        Map<String, Object> api = new HashMap<>();
        Instant toInclusive = TO.plusMillis(1);
        if (callers) {
            for (ProtectedCallerRow row : harness.queries().protectedCallers()) {
                if (row.channel() == channel && row.granularity() == granularity && (perQueue || row.queue().equals(queue))) {
                    api.put((perQueue ? row.queue() + "|" : "") + row.intervalStart().toInstant(), row);
                }
            }
        } else if (email) {
            for (EmailMetricsRow row : harness.queries().emailMetrics().rows(granularity, null, null, "ALL")) {
                api.put(row.intervalStart().toInstant().toString(), row.figures());
            }
        } else {
            for (ContactMetricsRow row : harness.queries().contactMetrics().rows(granularity, null, null, channel, perQueue ? null : queue)) {
                api.put((perQueue ? row.queue() + "|" : "") + row.intervalStart().toInstant(), row.figures());
            }
        }
        TreeSet<String> expectedKeys = new TreeSet<>();
        api.keySet().forEach(key -> {
            Instant start = Instant.parse(key.substring(key.indexOf('|') + 1));
            if (!start.isBefore(FROM) && start.isBefore(toInclusive)) {
                expectedKeys.add(key);
            }
        });
        TreeSet<String> keys = new TreeSet<>();
        int compared = 0;
        for (Map<String, Object> row : rows) {
            Instant time = ((Timestamp) row.get("time")).toInstant();
            String key = (perQueue ? row.get("queue") + "|" : "") + time;
            keys.add(key);
            Object figures = api.get(key);
            String yearBeforeKey = (perQueue ? row.get("queue") + "|" : "") + yearBefore(time, granularity);
            Object yearBefore = api.get(yearBeforeKey);
            for (Map.Entry<String, Object> cell : row.entrySet()) {
                String column = cell.getKey();
                if (column.equals("time") || column.equals("queue")) {
                    continue;
                }
                Double expected;
                if (column.startsWith("norm_")) {
                    expected = NORMS.get(column);
                    assertThat(expected).as(where + ": a norm column the test knows: " + column).isNotNull();
                } else if (column.startsWith("year_before_")) {
                    expected = yearBefore == null ? null : figure(column.substring("year_before_".length()), yearBefore);
                } else {
                    expected = figure(column, figures);
                }
                assertEqual(where + " " + key + " " + column, cell.getValue(), expected, scale(column));
                compared++;
            }
        }
        assertThat(keys).as(where + ": the intervals of the API in the range").isEqualTo(expectedKeys);
        return compared;
    }

    /** The start of the same interval a year before (a week: 52 weeks, so Monday stays Monday), as the boards join it. */
    private static Instant yearBefore(Instant start, Granularity granularity) {
        LocalDate day = start.atZone(ZONE).toLocalDate();
        LocalDate earlier = granularity == Granularity.WEEK ? day.minusWeeks(52) : day.minusYears(1);
        ZonedDateTime local = earlier.atStartOfDay(ZONE);
        return local.toInstant();
    }

    /** A figure of the API by the column name the export and the boards give it. */
    private static Double figure(String column, Object figures) {
        if (figures instanceof ProtectedCallerRow r) {
            // Shares of people the board works out; none where a count is hidden (null) or there is no caller.
            return switch (column) {
                case "reached_share" -> share(r.reached(), r.callers());
                case "reached_first_attempt_share" -> share(r.reachedFirstAttempt(), r.callers());
                case "never_reached_share" -> share(r.neverReached(), r.callers());
                default -> throw new AssertionError("a column the test does not know: " + column);
            };
        }
        if (figures instanceof ContactFigures f) {
            return switch (column) {
                case "offered" -> (double) f.offered();
                case "answered" -> (double) f.answered();
                case "abandoned" -> (double) f.abandoned();
                case "rejected" -> (double) f.rejected();
                case "reachability" -> f.reachability();
                case "service_level" -> f.serviceLevel();
                case "asa_seconds" -> f.asaSeconds();
                default -> throw new AssertionError("a column the test does not know: " + column);
            };
        }
        EmailFigures f = (EmailFigures) figures;
        return switch (column) {
            case "received_net" -> (double) f.receivedNet();
            case "answered" -> (double) f.answered();
            case "answered_on_time" -> (double) f.answeredOnTime();
            case "must_answer_violations" -> (double) f.mustAnswerViolations();
            case "answered_share" -> f.answeredShare();
            // Shares the board works out: the count over the net e-mails, here by a second route.
            case "answered_on_time_share" -> f.receivedNet() == 0 ? null : (double) f.answeredOnTime() / f.receivedNet();
            case "acknowledged_on_time_share" -> f.receivedNet() == 0 ? null : (double) f.acknowledgedOnTime() / f.receivedNet();
            default -> throw new AssertionError("a column the test does not know: " + column);
        };
    }

    private static Double share(Long part, Long whole) {
        return part == null || whole == null || whole == 0 ? null : (double) part / whole;
    }

    private static int scale(String column) {
        return column.endsWith("_seconds") ? 3 : 6;
    }

    private static void assertEqual(String what, Object actual, Double expected, int scale) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        double value = actual instanceof BigDecimal d ? d.doubleValue() : ((Number) actual).doubleValue();
        // Stored with the CSV's decimals: within half a unit of the last one.
        assertThat(Math.abs(value - expected)).as(what + ": " + value + " against " + expected).isLessThanOrEqualTo(0.5 * Math.pow(10, -scale) + 1e-9);
    }

    private static List<Map<String, Object>> run(String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        for (Map<String, Object> row : run(sql)) {
            values.add(String.valueOf(row.values().iterator().next()));
        }
        return values;
    }
}
