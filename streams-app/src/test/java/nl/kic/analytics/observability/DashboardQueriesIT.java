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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.kic.analytics.TestPostgres;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.app.export.ExportDatabase;
import nl.kic.analytics.app.export.FigureWriter;
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

    private static TopologyHarness harness;
    private static String url;

    @BeforeAll
    static void fill() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        harness = new TopologyHarness("2024-03-01T12:00:00Z");
        new KicSimulator(SimulationConfig.kicDefaults(11).scaled(0.004), KicConfig.defaults().calendar(), ZONE,
                LocalDate.of(2023, 1, 30), harness::send).runDaysUntil(LocalDate.of(2024, 3, 1));
        url = postgres.newDatabase("dashboardqueriesit");
        KicConfig.Export settings = KicConfig.defaults().withExportJdbcUrl(url).export().withUser(TestPostgres.user());
        try (ExportDatabase database = ExportDatabase.open(settings); FigureWriter writer = new FigureWriter(database)) {
            writer.writeEverything(harness.queries(), harness.clock.now().minus(harness.config.fineIntervalRetention()));
        }
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

    private static String queueOf(Channel channel) {
        return harness.queries().contactMetrics().rows(Granularity.YEAR, null, null, channel, null).stream()
                .map(ContactMetricsRow::queue).filter(q -> !q.equals("ALL")).findFirst().orElseThrow();
    }

    /** Runs one expanded query and compares each row and figure with the API; returns the figures compared. */
    private static int compare(String where, String sql, Granularity granularity, Channel channel, String queue) throws Exception {
        List<Map<String, Object>> rows = run(sql);
        boolean email = sql.contains("FROM email_metrics");
        boolean perQueue = !rows.isEmpty() && rows.get(0).containsKey("queue");
        Map<String, Object> api = new HashMap<>();
        Instant toInclusive = TO.plusMillis(1);
        if (email) {
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
