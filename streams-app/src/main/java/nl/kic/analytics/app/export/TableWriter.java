package nl.kic.analytics.app.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.kic.analytics.platform.time.Granularity;

/**
 * Writes one read of a table to PostgreSQL, within the caller's transaction: every row is upserted,
 * and a figure (and its {@code updated_at}) changes only where it differs, so that writing the same
 * rows again changes nothing; a row of the range read that the product no longer has (a contact moved
 * to another interval) is deleted.
 */
final class TableWriter {
    private static final int BATCH = 500;

    private TableWriter() {
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE SET … WHERE (figures) IS DISTINCT FROM (excluded figures)}. */
    static String upsertSql(ExportTable table) {
        List<String> columns = table.columns().stream().map(ExportColumn::name).toList();
        String keys = table.keys().stream().map(ExportColumn::name).collect(Collectors.joining(", "));
        String figures = table.figures().stream().map(ExportColumn::name).collect(Collectors.joining(", "));
        String excluded = table.figures().stream().map(c -> "excluded." + c.name()).collect(Collectors.joining(", "));
        String set = table.figures().stream().map(c -> c.name() + " = excluded." + c.name()).collect(Collectors.joining(", "));
        // ROW(…) so that a table with a single figure column compares a row, not a scalar.
        return "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ", " + ExportTable.UPDATED_AT + ") VALUES ("
                + "?, ".repeat(columns.size()) + "now()) ON CONFLICT (" + keys + ") DO UPDATE SET " + set + ", "
                + ExportTable.UPDATED_AT + " = excluded." + ExportTable.UPDATED_AT
                + " WHERE ROW(" + qualified(table, figures) + ") IS DISTINCT FROM ROW(" + excluded + ")";
    }

    private static String qualified(ExportTable table, String columns) {
        return List.of(columns.split(", ")).stream().map(c -> table.name() + "." + c).collect(Collectors.joining(", "));
    }

    /**
     * Upserts {@code rows} (the read of {@code granularity} over [from, to), or the whole table when
     * it is not by interval) and deletes the stored rows of that range, from {@code deleteFrom} on,
     * that the read does not have. Returns the rows inserted, changed or deleted.
     */
    static long write(Connection connection, ExportTable table, Granularity granularity, Instant from, Instant to, Instant deleteFrom,
                      List<List<Object>> rows) throws SQLException {
        long changed = upsert(connection, table, rows);
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (table.byInterval()) {
            where.append(" AND ").append(ExportTable.GRANULARITY).append(" = ?");
            parameters.add(granularity.label());
            Instant lower = later(from, deleteFrom);
            if (lower != null) {
                where.append(" AND ").append(ExportTable.INTERVAL_START).append(" >= ?");
                parameters.add(utc(lower));
            }
            if (to != null) {
                where.append(" AND ").append(ExportTable.INTERVAL_START).append(" < ?");
                parameters.add(utc(to));
            }
        }
        changed += deleteAbsent(connection, table, where.toString(), parameters, rows);
        return changed;
    }

    /**
     * Upserts {@code rows} and deletes the stored rows whose {@code column} equals {@code value} that
     * {@code rows} does not have (the rows of one forecast origin). Returns the rows inserted, changed or deleted.
     */
    static long writeWhere(Connection connection, ExportTable table, String column, Object value, List<List<Object>> rows) throws SQLException {
        long changed = upsert(connection, table, rows);
        ExportColumn scope = table.keys().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a key column of " + table.name() + ": " + column));
        changed += deleteAbsent(connection, table, " WHERE " + scope.name() + " = ?", List.of(scope.toJdbc(value)), rows);
        return changed;
    }

    private static long upsert(Connection connection, ExportTable table, List<List<Object>> rows) throws SQLException {
        long changed = 0;
        List<ExportColumn> columns = table.columns();
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql(table))) {
            int inBatch = 0;
            for (List<Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    Object value = columns.get(i).toJdbc(row.get(i));
                    if (value == null) {
                        upsert.setNull(i + 1, sqlType(columns.get(i)));
                    } else {
                        upsert.setObject(i + 1, value);
                    }
                }
                upsert.addBatch();
                if (++inBatch == BATCH) {
                    changed += sum(upsert.executeBatch());
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                changed += sum(upsert.executeBatch());
            }
        }
        return changed;
    }

    private static long deleteAbsent(Connection connection, ExportTable table, String where, List<Object> parameters,
                                     List<List<Object>> rows) throws SQLException {
        int keyCount = table.keys().size();
        Set<List<Object>> read = new HashSet<>();
        for (List<Object> row : rows) {
            read.add(key(table, row.subList(0, keyCount)));
        }
        String keys = table.keys().stream().map(ExportColumn::name).collect(Collectors.joining(", "));
        List<List<Object>> absent = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + keys + " FROM " + table.name() + where)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    List<Object> stored = new ArrayList<>(keyCount);
                    for (int i = 0; i < keyCount; i++) {
                        stored.add(switch (table.keys().get(i).type()) {
                            case TIMESTAMPTZ -> rs.getObject(i + 1, OffsetDateTime.class).toInstant();
                            case DATE -> rs.getObject(i + 1, LocalDate.class);
                            default -> rs.getObject(i + 1);
                        });
                    }
                    if (!read.contains(stored)) {
                        absent.add(stored);
                    }
                }
            }
        }
        if (absent.isEmpty()) {
            return 0;
        }
        String match = table.keys().stream().map(c -> c.name() + " = ?").collect(Collectors.joining(" AND "));
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.name() + " WHERE " + match)) {
            for (List<Object> key : absent) {
                for (int i = 0; i < keyCount; i++) {
                    Object value = key.get(i);
                    delete.setObject(i + 1, value instanceof Instant instant ? utc(instant) : value);
                }
                delete.addBatch();
            }
            return sum(delete.executeBatch());
        }
    }

    /** A key as compared with a stored one: an interval start as its instant. */
    private static List<Object> key(ExportTable table, List<Object> values) {
        List<Object> key = new ArrayList<>(values.size());
        for (Object value : values) {
            key.add(value instanceof OffsetDateTime time ? time.toInstant() : value);
        }
        return key;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static int sqlType(ExportColumn column) {
        return switch (column.type()) {
            case TEXT -> Types.VARCHAR;
            case BIGINT -> Types.BIGINT;
            case NUMERIC -> Types.NUMERIC;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case DATE -> Types.DATE;
            case BOOLEAN -> Types.BOOLEAN;
        };
    }

    private static long sum(int[] counts) {
        long sum = 0;
        for (int count : counts) {
            sum += Math.max(count, 0);
        }
        return sum;
    }
}
