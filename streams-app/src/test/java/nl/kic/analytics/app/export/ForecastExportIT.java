package nl.kic.analytics.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.TestPostgres;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.tools.replay.AgentMetricsCsv;
import nl.kic.analytics.tools.replay.ContactMetricsCsv;
import nl.kic.analytics.tools.report.ReportFiles;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forecast --export-jdbc} on a real PostgreSQL: the table forecast holds, for the forecast's
 * origin, exactly the rows of forecast.csv, cell by cell (an empty cell as NULL); running the same
 * forecast again rewrites no row (neither a figure nor updated_at, nor the row's version); a forecast
 * from another origin adds its own rows and leaves the first one's alone; the Dutch view verwachting
 * shows them. The history is eight simulated weeks, sent through the topology and written as a
 * replay's output directory.
 */
class ForecastExportIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate FIRST = LocalDate.of(2023, 3, 6);
    private static final LocalDate LATER = LocalDate.of(2023, 3, 13);

    @TempDir
    static Path dir;
    private static String url;
    private static Path config;

    @BeforeAll
    static void fill() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        Path replay = dir.resolve("replay");
        Files.createDirectories(replay);
        try (TopologyHarness harness = new TopologyHarness("2023-03-13T00:00:00Z")) {
            new KicSimulator(SimulationConfig.kicDefaults(5).scaled(0.004), KicConfig.defaults().calendar(), ZONE,
                    LocalDate.of(2023, 1, 16), harness::send).runDaysUntil(LATER);
            ContactMetricsCsv.write(replay.resolve("contact_metrics.csv"),
                    harness.queries().contactMetrics().rows(Granularity.FIFTEEN_MINUTES, null, null, null, null));
            AgentMetricsCsv.write(replay.resolve("agent_metrics.csv"), harness.queries().agentPresence(Granularity.FIFTEEN_MINUTES, null, null));
        }
        url = postgres.newDatabase("forecastexportit");
        config = dir.resolve("kic.properties");
        Files.writeString(config, "kic.export.user=" + TestPostgres.user() + "\n");
    }

    @Test
    void theForecastTableHoldsEveryCellOfForecastCsvAndASecondRunChangesNoRow() throws Exception {
        Path first = forecast(FIRST, 2, "first");
        Map<String, Map<String, String>> csv = ExportedRows.fromCsv(first.resolve("forecast.csv"), ExportTables.FORECAST,
                Map.of(ExportTables.ORIGIN, FIRST.toString()));
        // Two weeks of open quarter hours, for each channel as a whole and its queues.
        assertThat(csv).hasSizeGreaterThan(500);
        assertThat(csv.values()).anyMatch(row -> row.get("queue").equals("ALL") && !row.get("agents_needed").isEmpty());
        assertThat(csv.values()).anyMatch(row -> !row.get("queue").equals("ALL") && row.get("agents_needed").isEmpty());
        assertThat(ExportedRows.fromDatabase(url, ExportTables.FORECAST)).isEqualTo(csv);
        Map<String, String> versions = versions();

        Path again = forecast(FIRST, 2, "again");
        assertThat(Files.readAllLines(again.resolve("forecast.csv"))).isEqualTo(Files.readAllLines(first.resolve("forecast.csv")));
        assertThat(ExportedRows.fromDatabase(url, ExportTables.FORECAST)).isEqualTo(csv);
        // No row was written again: the same updated_at and the same row version (xmin) for every row.
        assertThat(versions()).isEqualTo(versions);

        Path later = forecast(LATER, 1, "later");
        Map<String, Map<String, String>> both = new TreeMap<>(csv);
        both.putAll(ExportedRows.fromCsv(later.resolve("forecast.csv"), ExportTables.FORECAST, Map.of(ExportTables.ORIGIN, LATER.toString())));
        assertThat(both).hasSizeGreaterThan(csv.size());
        assertThat(ExportedRows.fromDatabase(url, ExportTables.FORECAST)).isEqualTo(both);
        Map<String, String> afterLater = versions();
        versions.forEach((key, version) -> assertThat(afterLater.get(key)).as(key).isEqualTo(version));

        // The Dutch view shows the same rows.
        try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM verwachting WHERE vanaf = DATE '2023-03-06' AND verwacht_aangeboden IS NOT NULL")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(csv.size());
        }
    }

    @Test
    void aForecastIsNotWrittenWhileAnotherExporterHoldsTheDatabase() throws Exception {
        String other = TestPostgres.shared().newDatabase("forecastexportit_locked");
        try (Connection holder = DriverManager.getConnection(other, TestPostgres.user(), ""); Statement s = holder.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + FigureWriter.LOCK_KEY + ")")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            ReportFiles.Command result = command(FIRST, 1, dir.resolve("locked"), other);
            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.err()).contains("cannot export the forecast to PostgreSQL").contains("another exporter");
            // The file is written all the same; the table is there (migrated) but empty.
            assertThat(dir.resolve("locked").resolve("forecast.csv")).exists();
            assertThat(ExportedRows.count(other, "forecast")).isZero();
        }
    }

    private static ReportFiles.Command command(LocalDate from, int weeks, Path output, String database) {
        return ReportFiles.command("forecast", "--replay-output", dir.resolve("replay").toString(), "--from", from.toString(),
                "--weeks", Integer.toString(weeks), "--output", output.toString(), "--export-jdbc", database, "--config", config.toString());
    }

    private static Path forecast(LocalDate from, int weeks, String name) {
        Path output = dir.resolve(name);
        ReportFiles.Command result = ReportFiles.command("forecast", "--replay-output", dir.resolve("replay").toString(), "--from", from.toString(),
                "--weeks", Integer.toString(weeks), "--output", output.toString(), "--export-jdbc", url, "--config", config.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        return output;
    }

    /** Each row's updated_at and row version, by key. */
    private static Map<String, String> versions() throws Exception {
        Map<String, String> versions = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT channel, queue, interval_start, origin, updated_at, xmin::text FROM forecast")) {
            while (rs.next()) {
                versions.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4),
                        rs.getString(5) + " " + rs.getString(6));
            }
        }
        return versions;
    }
}
