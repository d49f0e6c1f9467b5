package nl.kic.analytics.app.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.TestPostgres;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.domain.callers.CallerSuppression;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.domain.callers.ReasonSuppression;
import nl.kic.analytics.tools.replay.ContactMetricsCsv;
import nl.kic.analytics.tools.replay.CsvRows;
import nl.kic.analytics.tools.replay.EmailMetricsCsv;
import nl.kic.analytics.tools.replay.ProtectedRowsCsv;

/**
 * The rows of an exported table as text, by key, read from replay's CSV file, from the database or
 * from the API's queries (written as the CSV is), so that a test compares each figure as the file
 * shows it with the figure PostgreSQL holds: counts as integers, decimals with their stored scale,
 * an empty cell for NULL, an interval start as its instant.
 */
final class ExportedRows {
    private ExportedRows() {
    }

    static Map<String, Map<String, String>> fromCsv(Path file, ExportTable table) throws IOException {
        return fromCsv(file, table, Map.of());
    }

    /** The rows of a CSV file, with {@code constants} as columns the file leaves out (the forecast's origin). */
    static Map<String, Map<String, String>> fromCsv(Path file, ExportTable table, Map<String, String> constants) throws IOException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (Map<String, String> read : CsvRows.read(file)) {
            Map<String, String> record = new LinkedHashMap<>(read);
            record.putAll(constants);
            Map<String, String> row = new LinkedHashMap<>();
            for (ExportColumn column : table.columns()) {
                String value = record.get(column.name());
                if (value == null) {
                    throw new IllegalStateException(file + " has no column " + column.name());
                }
                row.put(column.name(), column.type() == ExportColumn.Type.TIMESTAMPTZ ? OffsetDateTime.parse(value).toInstant().toString() : value);
            }
            rows.put(key(table, row), row);
        }
        return rows;
    }

    static Map<String, Map<String, String>> fromDatabase(String url, ExportTable table) throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table.name())) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (ExportColumn column : table.columns()) {
                    Object value = column.type() == ExportColumn.Type.TIMESTAMPTZ
                            ? rs.getObject(column.name(), OffsetDateTime.class) : rs.getObject(column.name());
                    row.put(column.name(), value == null ? ""
                            : value instanceof OffsetDateTime time ? time.toInstant().toString()
                            : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
                }
                rows.put(key(table, row), row);
            }
        }
        return rows;
    }

    /** The API's rows of {@code table} (contact, e-mail, caller or reason figures), every granularity, as the CSV writes them. */
    static Map<String, Map<String, String>> fromApi(Queries queries, ExportTable table, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, table.name(), ".csv");
        if (table == ExportTables.CONTACT_METRICS) {
            ContactMetricsCsv.write(file, queries.contactMetrics().allRows());
        } else if (table == ExportTables.EMAIL_METRICS) {
            EmailMetricsCsv.write(file, queries.emailMetrics().allRows());
        } else if (table == ExportTables.CALLER_METRICS) {
            ProtectedRowsCsv.write(file, CallerSuppression.COLUMNS, queries.protectedCallers().stream().map(ProtectedCallerRow::values).toList());
        } else if (table == ExportTables.REASON_METRICS) {
            ProtectedRowsCsv.write(file, ReasonSuppression.COLUMNS, queries.protectedReasons().stream().map(ProtectedReasonRow::values).toList());
        } else {
            throw new IllegalArgumentException(table.name());
        }
        return fromCsv(file, table);
    }

    static long count(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String key(ExportTable table, Map<String, String> row) {
        List<String> parts = table.keys().stream().map(c -> row.get(c.name())).toList();
        return String.join("|", parts);
    }
}
