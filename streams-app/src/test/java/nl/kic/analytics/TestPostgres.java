package nl.kic.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.system.FreePorts;
import org.junit.jupiter.api.Assumptions;

/**
 * One real PostgreSQL server (Debian's {@code postgresql}) for every test of a JVM run that needs one:
 * initdb and pg_ctl on a free port in a temporary directory, started by the first test that asks and
 * stopped when the JVM ends. As root (CI) the server runs as the {@code postgres} user, since
 * PostgreSQL refuses root. Each test class takes a database of its own ({@link #newDatabase}), so
 * tests never see each other's rows. Where PostgreSQL is not installed, the test is skipped with a
 * message.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;

    private final Path bin;
    private final Path dir;
    private final int port;

    private TestPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The shared server, started on first use; skips the calling test where PostgreSQL is not installed. */
    public static synchronized TestPostgres shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path bin = installedBin();
            if (bin == null) {
                System.out.println("SKIPPED: PostgreSQL is not installed (apt-get install postgresql); CI installs it.");
                Assumptions.abort("PostgreSQL is not installed");
            }
            Path dir = Files.createTempDirectory("kic-test-postgres-");
            TestPostgres server = new TestPostgres(bin, dir, FreePorts.take(1)[0]);
            server.initialise();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    System.err.println("Stopping the test PostgreSQL: " + e);
                }
                Directories.deleteRecursively(dir);
            }, "stop-test-postgres"));
            shared = server;
        }
        return shared;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb, else null. */
    private static Path installedBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max((a, b) -> Integer.compare(version(a), version(b))).orElse(null);
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void initialise() throws IOException, InterruptedException {
        if (root()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")));
    }

    /** Starts the server (again, after {@link #stop}) on its port; waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                        + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start")));
    }

    /** Stops the server at once, as an outage would (connections are cut). */
    public void stop() throws IOException, InterruptedException {
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop")));
    }

    /** A new, empty database for one test class; its JDBC URL. */
    public String newDatabase(String name) throws SQLException {
        String database = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return url(database);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public static String user() {
        return "postgres";
    }

    private static List<String> asServerUser(List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        return asPostgres;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + new String(output));
        }
    }
}
