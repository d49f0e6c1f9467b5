package nl.kic.analytics.app.export;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.app.Queries;

/**
 * The one writer of a database: it holds PostgreSQL's session-level advisory lock on a connection of
 * its own and writes only on that connection, so that while it holds the lock no other exporter (a
 * second instance, a replay) writes, and an older read can never overwrite a newer row. When the
 * connection breaks the lock goes with it; whoever takes the lock next reads afresh before writing.
 */
public final class FigureWriter implements AutoCloseable {
    /** The advisory lock's key: "kicexpor" in ASCII, the same for every exporter of the product. */
    static final long LOCK_KEY = 0x6b69636578706f72L;

    private final ExportDatabase database;
    private Connection locked;

    public FigureWriter(ExportDatabase database) {
        this.database = database;
    }

    /** Migrates the schema and takes the writer's lock when it is free; true while this writer holds it. */
    public boolean acquire() throws SQLException {
        if (locked != null) {
            return true;
        }
        database.migrate();
        Connection connection = database.connection();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                connection.setAutoCommit(false);
                locked = connection;
                return true;
            }
        } catch (SQLException e) {
            database.discard(connection);
            throw e;
        }
        connection.close();
        return false;
    }

    public boolean holdsLock() {
        return locked != null;
    }

    /**
     * Reads {@code chunk} of every table through {@code queries} and writes it in one transaction.
     * Returns the rows inserted, changed or deleted, by table name.
     */
    public Map<String, Long> write(Queries queries, Chunk chunk) throws SQLException {
        if (locked == null) {
            throw new IllegalStateException("write without the writer's lock");
        }
        Map<ExportTable, List<List<Object>>> read = new LinkedHashMap<>();
        for (ExportTable table : ExportTables.ALL) {
            if (table.byInterval() == (chunk.granularity() != null)) {
                read.put(table, table.reader().rows(queries, chunk.granularity(), chunk.from(), chunk.to()));
            }
        }
        Map<String, Long> changed = new LinkedHashMap<>();
        try {
            for (Map.Entry<ExportTable, List<List<Object>>> entry : read.entrySet()) {
                changed.put(entry.getKey().name(), TableWriter.write(locked, entry.getKey(), chunk.granularity(), chunk.from(), chunk.to(),
                        chunk.deleteFrom(), entry.getValue()));
            }
            locked.commit();
        } catch (SQLException | RuntimeException e) {
            drop();
            throw e;
        }
        return changed;
    }

    /**
     * Writes every row the queries have, as {@code replay --export-jdbc} does: refused when another
     * exporter holds the database. Returns the rows inserted, changed or deleted, by table.
     */
    public Map<String, Long> writeEverything(Queries queries, Instant fineRetainedFrom) throws SQLException {
        if (!acquire()) {
            throw new SQLException("another exporter is writing to this database (it holds the export's advisory lock); "
                    + "stop it or export to another database");
        }
        Map<String, Long> total = new LinkedHashMap<>();
        for (Chunk chunk : Chunk.everything(queries, fineRetainedFrom)) {
            write(queries, chunk).forEach((table, rows) -> total.merge(table, rows, Long::sum));
        }
        return total;
    }

    /**
     * Writes the forecast from {@code origin} (its first day) in one transaction, as
     * {@code forecast --export-jdbc} does: the origin's rows become exactly {@code forecast}, a row
     * that did not change keeps its updated_at, and the other origins' rows stay. Refused when another
     * exporter holds the database. Returns the rows inserted, changed or deleted.
     */
    public long writeForecast(LocalDate origin, List<ForecastQuery.Row> forecast) throws SQLException {
        if (!acquire()) {
            throw new SQLException("another exporter is writing to this database (it holds the export's advisory lock); "
                    + "stop it or export to another database");
        }
        try {
            long changed = TableWriter.writeWhere(locked, ExportTables.FORECAST, ExportTables.ORIGIN, origin,
                    ExportTables.forecastRows(origin, forecast));
            locked.commit();
            return changed;
        } catch (SQLException | RuntimeException e) {
            drop();
            throw e;
        }
    }

    /** Gives up the lock and the connection that held it; a connection that fails on the way is taken out of the pool. */
    public void drop() {
        Connection connection = locked;
        locked = null;
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            // A session returned to the pool would otherwise keep the lock.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // A broken connection: its session, and the lock with it, are gone already.
            database.discard(connection);
        }
    }

    @Override
    public void close() {
        drop();
    }
}
