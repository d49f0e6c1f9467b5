package nl.kic.analytics.app.export;

import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running export of {@code run} and {@code demo} (docs/export.md). One thread, on the instance
 * that holds the database's writer lock (the others wait for it), reads the figures through the
 * product's queries over every partition and instance and writes them:
 * <ul>
 *   <li>the recent intervals (those that start at or after the one containing the clock minus the
 *       lost-after time and one recent interval) every half of kic.export.recent-interval-seconds, so
 *       that a change there reaches the database within that interval;</li>
 *   <li>every interval, a calendar month of fine rows at a time between the recent sweeps, starting
 *       every kic.export.full-sweep-interval-minutes and at once after taking the lock: a late
 *       correction of any age reaches the database within that interval and one sweep.</li>
 * </ul>
 * A database that does not answer is waited out: the health says DEGRADED with the reason, and once
 * it answers again a full sweep writes what changed in between. Figures that cannot be read for a
 * moment (a rebalance) are read again shortly after; nothing is written from a partial read.
 */
public final class FigureExporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FigureExporter.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KicConfig config;
    private final Supplier<Queries> queries;
    private final ApplicationClock clock;
    private final ExportDatabase database;
    private final FigureWriter writer;
    private final Thread thread;
    private final MeterRegistry meters;
    private final Map<String, Counter> rowsExported = new ConcurrentHashMap<>();
    private final Counter failures;
    private volatile boolean closed;
    private volatile String fault;
    private volatile boolean writing;
    private volatile Instant newestWritten;
    private final Instant started = Instant.now();

    FigureExporter(KicConfig config, Supplier<Queries> queries, ApplicationClock clock, MeterRegistry meters) {
        this.config = config;
        this.queries = queries;
        this.clock = clock;
        this.meters = meters;
        this.database = ExportDatabase.open(config.export());
        this.writer = new FigureWriter(database);
        this.failures = Counter.builder("kic.export.failures")
                .description("Attempts to write the figures to the export database that failed (it did not answer, or refused)")
                .register(meters);
        Gauge.builder("kic.export.writer", () -> writing ? 1 : 0)
                .description("1 on the instance that holds the export database's writer lock and writes the figures")
                .register(meters);
        Gauge.builder("kic.export.lag.seconds", this::lagSeconds)
                .description("Seconds since the start of the newest read of the recent intervals that is in the export database "
                        + "(NaN on an instance that does not write)")
                .register(meters);
        for (ExportTable table : ExportTables.ALL) {
            counter(table.name());
        }
        this.thread = new Thread(this::loop, "figure-export");
        thread.setDaemon(true);
    }

    /**
     * Starts the export of {@code app}'s figures when kic.export.jdbc-url is set; otherwise returns
     * an exporter that does nothing. The application's health shows the export's faults.
     */
    public static AutoCloseable startIfConfigured(KicApplication app, MeterRegistry meters) {
        if (!app.config().export().enabled()) {
            return () -> { };
        }
        return start(app, meters);
    }

    /** Starts the export of {@code app}'s figures to the database of its kic.export.* settings. */
    public static FigureExporter start(KicApplication app, MeterRegistry meters) {
        FigureExporter exporter = new FigureExporter(app.config(), app::queries, app.clock(), meters);
        app.watchExport(exporter::unavailableReason);
        exporter.thread.start();
        log.info("Exporting the figures to PostgreSQL ({})", app.config().export());
        return exporter;
    }

    /** Whether this exporter holds the database's writer lock and writes. */
    public boolean writing() {
        return writing;
    }

    /** Why the export database does not take the figures at the moment; empty while it does. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(fault);
    }

    private double lagSeconds() {
        if (!writing) {
            return Double.NaN;
        }
        Instant newest = newestWritten != null ? newestWritten : started;
        return Duration.between(newest, Instant.now()).toMillis() / 1000.0;
    }

    private Counter counter(String table) {
        return rowsExported.computeIfAbsent(table, t -> Counter.builder("kic.export.rows")
                .description("Rows the export inserted, changed or deleted in the export database")
                .tag("table", t).register(meters));
    }

    private void loop() {
        Duration recentPeriod = config.export().recentInterval().dividedBy(2);
        Duration lookback = config.lostAfter().plus(config.export().recentInterval());
        Deque<Chunk> fullSweep = new ArrayDeque<>();
        Instant fullSweepStarted = null;
        long nextRecent = System.nanoTime();
        while (!closed) {
            try {
                if (!writer.holdsLock()) {
                    if (!writer.acquire()) {
                        // Another instance writes; this one takes over when its lock goes.
                        writing = false;
                        fault = null;
                        sleep(recentPeriod);
                        continue;
                    }
                    log.info("This instance now writes the figures to the export database");
                    // Whatever changed while no one (or another) wrote is caught up by a full sweep at once.
                    fullSweep.clear();
                    fullSweepStarted = null;
                    nextRecent = System.nanoTime();
                    writing = true;
                }
                Queries q = queries.get();
                long now = System.nanoTime();
                if (now - nextRecent >= 0) {
                    Instant readStarted = Instant.now();
                    for (Chunk chunk : Chunk.recent(clock.now().minus(lookback), config.zone())) {
                        count(writer.write(q, chunk));
                    }
                    newestWritten = readStarted;
                    nextRecent = now + recentPeriod.toNanos();
                } else if (!fullSweep.isEmpty()) {
                    count(writer.write(q, fullSweep.peek()));
                    fullSweep.poll();
                } else if (fullSweepStarted == null
                        || Duration.between(fullSweepStarted, Instant.now()).compareTo(config.export().fullSweepInterval()) >= 0) {
                    fullSweepStarted = Instant.now();
                    fullSweep.addAll(Chunk.everything(q, clock.now().minus(config.fineIntervalRetention())));
                } else {
                    sleep(Duration.ofNanos(Math.max(0, nextRecent - now)));
                }
                if (fault != null) {
                    log.info("The export database answers again");
                }
                fault = null;
            } catch (InvalidStateStoreException e) {
                // A partition cannot be read at the moment (rebalance, restore): read again shortly.
                sleep(RETRY);
            } catch (SQLException | FlywayException | HikariPool.PoolInitializationException e) {
                failed(e);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (causedBySql(e)) {
                    failed(e);
                } else {
                    // Not the database: the figures could not be read (another instance did not answer). Read again shortly.
                    log.warn("The figures could not be read for the export; trying again: {}", reason(e));
                    sleep(RETRY);
                }
            }
        }
    }

    private void failed(Exception e) {
        writer.drop();
        writing = false;
        failures.increment();
        String reason = reason(e);
        if (fault == null) {
            log.warn("The export database does not take the figures; waiting for it: {}", reason);
        }
        fault = reason;
        sleep(RETRY);
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** The root cause in a line: its kind and message (the driver's messages hold host and port, never a password). */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private void count(Map<String, Long> changed) {
        changed.forEach((table, rows) -> counter(table).increment(rows));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        database.close();
    }
}
