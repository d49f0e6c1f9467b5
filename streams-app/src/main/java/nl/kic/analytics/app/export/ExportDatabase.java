package nl.kic.analytics.app.export;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import nl.kic.analytics.platform.config.KicConfig;
import org.flywaydb.core.Flyway;

/**
 * The export's database: a small connection pool (HikariCP) on kic.export.jdbc-url, with the
 * driver's options (TLS among them) as the URL gives them, and the schema's migrations (Flyway, the
 * scripts in {@code db/export} of this build). The pool starts without a connection, so that an
 * application whose database is down starts all the same and waits for it.
 */
public final class ExportDatabase implements AutoCloseable {
    /** The migrations' location; each build carries the versions of its own schema. */
    public static final String MIGRATIONS = "classpath:db/export";

    private final HikariDataSource pool;
    private volatile boolean migrated;

    private ExportDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    public static ExportDatabase open(KicConfig.Export settings) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isBlank()) {
            hikari.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            hikari.setPassword(settings.password());
        }
        hikari.setPoolName("kic-export");
        // One connection holds the writer's lock and writes; one more for the migrations and checks.
        hikari.setMaximumPoolSize(3);
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.setAutoCommit(true);
        return new ExportDatabase(new HikariDataSource(hikari));
    }

    /** Brings the schema to this build's version (once per process; Flyway serialises concurrent migrations). */
    public void migrate() {
        if (!migrated) {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
            migrated = true;
        }
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Takes a connection out of the pool for good (after a failure, or when a session's lock must end with it). */
    void discard(Connection connection) {
        pool.evictConnection(connection);
    }

    @Override
    public void close() {
        pool.close();
    }
}
