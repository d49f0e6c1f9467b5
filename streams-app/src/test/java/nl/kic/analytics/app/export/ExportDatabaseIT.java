package nl.kic.analytics.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.TestPostgres;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The export's schema and writer on a real PostgreSQL: the migrated tables have exactly the described
 * columns with the CSV's scales, an upsert of the same rows changes nothing (updated_at included), a
 * changed figure changes its row only, undefined figures are NULL, a row the product no longer has
 * is deleted within the range read and kept outside it, and only one writer holds a database.
 */
class ExportDatabaseIT {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.shared().newDatabase("exportdatabaseit");
        try (ExportDatabase database = ExportDatabase.open(settings(url))) {
            database.migrate();
        }
    }

    static KicConfig.Export settings(String url) {
        return KicConfig.defaults().withExportJdbcUrl(url).export().withUser(TestPostgres.user());
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.user(), "");
    }

    @Test
    void migratedTablesHaveTheDescribedColumnsWithTheCsvScales() throws SQLException {
        List<ExportTable> tables = new ArrayList<>(ExportTables.ALL);
        tables.add(ExportTables.FORECAST);
        for (ExportTable table : tables) {
            Map<String, String> described = new TreeMap<>();
            for (ExportColumn column : table.columns()) {
                described.put(column.name(), column.type().sqlName() + (column.type() == ExportColumn.Type.NUMERIC ? "," + column.scale() : ""));
            }
            described.put(ExportTable.UPDATED_AT, "timestamptz");
            Map<String, String> stored = new TreeMap<>();
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT column_name, udt_name, numeric_scale FROM information_schema.columns "
                         + "WHERE table_name = '" + table.name() + "'")) {
                while (rs.next()) {
                    String type = switch (rs.getString(2)) {
                        case "int8" -> "bigint";
                        case "bool" -> "boolean";
                        default -> rs.getString(2);
                    };
                    stored.put(rs.getString(1), type + (type.equals("numeric") ? "," + rs.getInt(3) : ""));
                }
            }
            assertThat(stored).as(table.name()).isEqualTo(described);
        }
        assertThat(ExportTables.CONTACT_METRICS.columns().stream().filter(c -> c.name().endsWith("_seconds")).map(ExportColumn::scale))
                .containsOnly(3);
        assertThat(ExportTables.CONTACT_METRICS.columns().stream().filter(c -> c.name().equals("reachability")).map(ExportColumn::scale))
                .containsExactly(6);
        // forecast.csv writes the forecast with 3 decimals, the agents planned and the shortfall with 2.
        assertThat(ExportTables.FORECAST.columns().stream().filter(c -> c.type() == ExportColumn.Type.NUMERIC).map(c -> c.name() + "," + c.scale()))
                .containsExactly("offered_forecast,3", "agents_planned,2", "shortfall,2");
    }

    private static List<Object> forecastRow(String queue, OffsetDateTime start, LocalDate origin, double offered) {
        return Arrays.asList("CALL", queue, start, origin, offered, 1L, 4L, null, null, null);
    }

    @Test
    void aForecastRunReplacesTheRowsOfItsOriginAndLeavesTheOtherOriginsAlone() throws Exception {
        LocalDate monday = LocalDate.of(2024, 3, 4);
        LocalDate weekBefore = monday.minusWeeks(1);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThat(TableWriter.writeWhere(c, ExportTables.FORECAST, ExportTables.ORIGIN, weekBefore,
                    List.of(forecastRow("ALL", NINE, weekBefore, 2.5)))).isEqualTo(1);
            assertThat(TableWriter.writeWhere(c, ExportTables.FORECAST, ExportTables.ORIGIN, monday,
                    List.of(forecastRow("ALL", NINE, monday, 2.0), forecastRow("ALL", NINE_FIFTEEN, monday, 3.0)))).isEqualTo(2);
            c.commit();
            // The same origin again, one quarter hour fewer and one figure changed: one row changed, one deleted.
            assertThat(TableWriter.writeWhere(c, ExportTables.FORECAST, ExportTables.ORIGIN, monday,
                    List.of(forecastRow("ALL", NINE, monday, 2.25)))).isEqualTo(2);
            c.commit();
            Map<String, String> stored = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT origin, interval_start, offered_forecast, lower80, agents_needed FROM forecast")) {
                while (rs.next()) {
                    stored.put(rs.getString(1) + " " + rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getBigDecimal(3).toPlainString() + " " + rs.getLong(4) + " " + rs.getObject(5));
                }
            }
            assertThat(stored).containsExactly(
                    Map.entry("2024-02-26 2024-03-04T08:00:00Z", "2.500 1 null"),
                    Map.entry("2024-03-04 2024-03-04T08:00:00Z", "2.250 1 null"));
        }
    }

    private static final OffsetDateTime NINE = OffsetDateTime.parse("2024-03-04T09:00+01:00");
    private static final OffsetDateTime NINE_FIFTEEN = OffsetDateTime.parse("2024-03-04T09:15+01:00");

    private static List<Object> row(String queue, OffsetDateTime start, long offered, Double reachability, Double asaSeconds) {
        return Arrays.asList("CALL", queue, "15m", start, offered, 5L, 1L, 0L, 0L, 0L, 0L, reachability, null, asaSeconds, null, null,
                null, null, null);
    }

    private long write(Connection c, List<List<Object>> rows) throws SQLException {
        long changed = TableWriter.write(c, ExportTables.CONTACT_METRICS, Granularity.FIFTEEN_MINUTES,
                NINE.toInstant(), NINE_FIFTEEN.plusMinutes(15).toInstant(), null, rows);
        c.commit();
        return changed;
    }

    @Test
    void writingTheSameRowsAgainChangesNothingAndAChangedFigureOnlyItsRow() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            List<List<Object>> rows = new ArrayList<>(List.of(
                    row("asiel", NINE, 6, 5.0 / 6.0, 12.3456),
                    row("werk", NINE, 6, 2.0 / 3.0, null)));
            assertThat(write(c, rows)).isEqualTo(2);
            Map<String, Instant> firstUpdates = updatedAt(c);
            Thread.sleep(20);
            assertThat(write(c, rows)).isZero();
            assertThat(updatedAt(c)).isEqualTo(firstUpdates);

            rows.set(1, row("werk", NINE, 7, 5.0 / 7.0, null));
            assertThat(write(c, rows)).isEqualTo(1);
            Map<String, Instant> secondUpdates = updatedAt(c);
            assertThat(secondUpdates.get("asiel")).isEqualTo(firstUpdates.get("asiel"));
            assertThat(secondUpdates.get("werk")).isAfter(firstUpdates.get("werk"));

            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT queue, offered, reachability, asa_seconds, service_level FROM contact_metrics ORDER BY queue")) {
                rs.next();
                // 5/6 = 0.8333…, 12.3456 s: as the CSV writes them, 6 and 3 decimals, rounded half up.
                assertThat(rs.getBigDecimal("reachability")).isEqualTo(new BigDecimal("0.833333"));
                assertThat(rs.getBigDecimal("asa_seconds")).isEqualTo(new BigDecimal("12.346"));
                assertThat(rs.getObject("service_level")).isNull();
                rs.next();
                assertThat(rs.getLong("offered")).isEqualTo(7);
                assertThat(rs.getBigDecimal("reachability")).isEqualTo(new BigDecimal("0.714286"));
                assertThat(rs.getObject("asa_seconds")).isNull();
            }
            c.createStatement().execute("DELETE FROM contact_metrics");
            c.commit();
        }
    }

    @Test
    void aRowTheProductNoLongerHasIsDeletedInTheRangeReadOnly() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            // A row of another granularity and one after the range stay whatever the read says.
            TableWriter.write(c, ExportTables.CONTACT_METRICS, Granularity.FIFTEEN_MINUTES, null, null, null,
                    List.of(row("asiel", NINE_FIFTEEN.plusHours(1), 1, 1.0, 3.0)));
            List<Object> day = new ArrayList<>(row("asiel", OffsetDateTime.parse("2024-03-04T00:00+01:00"), 1, 1.0, 3.0));
            day.set(2, "day");
            TableWriter.write(c, ExportTables.CONTACT_METRICS, Granularity.DAY, null, null, null, List.of(day));
            c.commit();
            write(c, List.of(row("asiel", NINE, 6, 0.5, 1.0), row("asiel", NINE_FIFTEEN, 2, 0.5, 1.0)));
            // The contact of 09:15 moved to 09:00: the 09:15 row is gone from the product.
            assertThat(write(c, List.of(row("asiel", NINE, 8, 0.5, 1.0)))).isEqualTo(2);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT granularity, interval_start, offered FROM contact_metrics ORDER BY granularity, interval_start")) {
                List<String> left = new ArrayList<>();
                while (rs.next()) {
                    left.add(rs.getString(1) + " " + rs.getObject(2, OffsetDateTime.class).toInstant() + " " + rs.getLong(3));
                }
                assertThat(left).containsExactly("15m 2024-03-04T08:00:00Z 8", "15m 2024-03-04T09:15:00Z 1", "day 2024-03-03T23:00:00Z 1");
            }
            c.createStatement().execute("DELETE FROM contact_metrics");
            c.commit();
        }
    }

    @Test
    void onlyOneWriterHoldsADatabaseAndTheNextTakesOverWhenItGoes() throws Exception {
        try (ExportDatabase first = ExportDatabase.open(settings(url)); ExportDatabase second = ExportDatabase.open(settings(url));
             FigureWriter a = new FigureWriter(first); FigureWriter b = new FigureWriter(second)) {
            assertThat(a.acquire()).isTrue();
            assertThat(b.acquire()).isFalse();
            a.drop();
            assertThat(b.acquire()).isTrue();
            assertThat(a.acquire()).isFalse();
        }
    }

    @Test
    void theNormsTableHoldsEachNormWithItsDirection() {
        List<List<Object>> norms = ExportTables.norms(KicConfig.defaults().norms());
        assertThat(norms).extracting(r -> r.get(0) + "/" + r.get(1) + "=" + r.get(2) + " " + r.get(3))
                .contains("reachability/CALL=0.8 at_least", "asa_seconds/CALL=480.0 at_most", "service_level/CHAT=0.8 at_least",
                        "must_answer_violations/EMAIL=0.0 at_most");
    }

    private static Map<String, Instant> updatedAt(Connection c) throws SQLException {
        Map<String, Instant> result = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT queue, updated_at FROM contact_metrics")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return result;
    }
}
