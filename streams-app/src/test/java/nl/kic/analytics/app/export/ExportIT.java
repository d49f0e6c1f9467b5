package nl.kic.analytics.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.kic.analytics.Await;
import nl.kic.analytics.ContactEvents;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.TestPostgres;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.replay.Replay;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export on a real broker and a real PostgreSQL: a replay with --export-jdbc leaves in the
 * database exactly the rows of its CSV files; a running application exports, and a late event for
 * an interval of 60 days ago reaches its row within the full sweep's bound; the database stopped
 * for 30 s while events flow is waited out (health DEGRADED with the reason) and afterwards every
 * row equals the API with nothing dead-lettered; a second exporter on the same database and a restart
 * of the writer in the middle of a sweep leave every row once and equal to the API.
 */
@ExtendWith(SharedBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportIT {
    /** PostgreSQL's SQLSTATE for a table that does not exist. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant CLOCK = Instant.parse("2023-04-01T06:00:00Z");
    /** The full sweep's bound in this test: every interval is written again at least this often. */
    private static final Duration FULL_SWEEP = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static final List<SpecificRecord> januaryToMarch = new ArrayList<>();
    private static TestPostgres postgres;
    private static String runningUrl;
    private static Service service;
    private static EventProducer producer;
    private static FigureExporter exporter;

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        postgres = TestPostgres.shared();
        new KicSimulator(SimulationConfig.kicDefaults(7).scaled(0.02), KicConfig.defaults().calendar(), ZONE,
                LocalDate.of(2023, 1, 2), e -> {
                    // Answers to March's e-mails after the clock would be refused as in the future.
                    if (occurredAt(e).isBefore(CLOCK)) {
                        januaryToMarch.add(e);
                    }
                }).runDaysUntil(LocalDate.of(2023, 4, 1));
        runningUrl = postgres.newDatabase("exportit_running");
        Properties settings = kafka.config().withStateDir(dir.resolve("state")).withSchemaRegistryUrl("mock://export-it")
                .withHttpPort(0).withExportJdbcUrl(runningUrl).toProperties();
        settings.setProperty("kic.export.user", TestPostgres.user());
        settings.setProperty("kic.export.recent-interval-seconds", "2");
        settings.setProperty("kic.export.full-sweep-interval-minutes", "1");
        KicConfig config = KicConfig.fromProperties(settings);
        // Minutes are the setting's unit; the test's bound is shorter.
        config = withExport(config, config.export().withIntervals(Duration.ofSeconds(2), FULL_SWEEP));
        service = Service.start(config, new ManualClock(CLOCK));
        producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()));
        assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    private static KicConfig withExport(KicConfig c, KicConfig.Export export) {
        return new KicConfig(c.applicationId(), c.bootstrapServers(), c.schemaRegistryUrl(), c.contactEventsTopic(), c.emailEventsTopic(),
                c.agentEventsTopic(), c.deadLetterTopic(), c.inputPartitions(), c.replicationFactor(), c.streamThreads(), c.stateDir(), c.zone(),
                c.shortAbandonThreshold(), c.excludeShortAbandoned(), c.rejectedCountsAsNotReached(), c.callServiceLevelTarget(),
                c.chatServiceLevelTarget(), c.lostAfter(), c.contactRetention(), c.fineIntervalRetention(), c.purgeInterval(),
                c.clockCheckInterval(), c.httpPort(), c.httpBindAddress(), c.httpIdleTimeout(), c.openingTime(), c.closingTime(),
                c.goodFridayIsHoliday(), c.liberationDayIsHoliday(), c.extraClosureDays(), c.acknowledgeWithin(), c.simpleAnswerWorkingDays(),
                c.complexAnswerWorkingDays(), c.emailRetention(), c.wallboard(), c.queues(), c.namePattern(), c.metricsMaxQueues(),
                c.apiMaxRows(), c.privacyMinCell(), c.futureTolerance(), c.eventsMaxAge(), c.standbyReplicas(), c.queryStandbyMaxLagRecords(),
                c.advertisedHttp(), c.access(), c.norms(), c.expectedDays(), export, c.callerLateAllowance(), c.callersKeepAllMonths(), c.kafkaOverrides());
    }

    @AfterAll
    static void stop() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void replayWithExportJdbcLeavesExactlyTheRowsOfItsCsvFilesInPostgres(TestKafka kafka) throws Exception {
        Path input = dir.resolve("january.jsonl");
        List<String> lines = new ArrayList<>();
        for (SpecificRecord event : januaryToMarch) {
            if (occurredAt(event).isBefore(Instant.parse("2023-01-30T00:00:00Z"))) {
                lines.add(EventJson.toJson(event));
            }
        }
        Files.write(input, lines);
        String url = postgres.newDatabase("exportit_replay");
        KicConfig config = kafka.config().withSchemaRegistryUrl("mock://export-it-replay").withExportJdbcUrl(url);
        Properties p = config.toProperties();
        p.setProperty("kic.export.user", TestPostgres.user());
        Replay.Summary summary = Replay.run(List.of(input), dir.resolve("replay"), KicConfig.fromProperties(p), null);
        assertThat(summary.contactRows()).isGreaterThan(1_000);
        assertThat(summary.emailRows()).isGreaterThan(100);

        for (ExportTable table : List.of(ExportTables.CONTACT_METRICS, ExportTables.EMAIL_METRICS, ExportTables.CALLER_METRICS,
                ExportTables.REASON_METRICS)) {
            Map<String, Map<String, String>> csv = ExportedRows.fromCsv(dir.resolve("replay").resolve(table.name() + ".csv"), table);
            Map<String, Map<String, String>> database = ExportedRows.fromDatabase(url, table);
            assertThat(database.keySet()).as(table.name()).isEqualTo(csv.keySet());
            csv.forEach((key, row) -> assertThat(database.get(key)).as(table.name() + " " + key).isEqualTo(row));
        }
        assertThat(summary.contactRows()).isEqualTo(ExportedRows.count(url, "contact_metrics"));
        // Hidden figures are NULL, not zero: rows without answered contacts have no ASA.
        assertThat(ExportedRows.fromDatabase(url, ExportTables.CONTACT_METRICS).values())
                .anySatisfy(row -> assertThat(row.get("asa_seconds")).isEmpty());
        assertThat(ExportedRows.count(url, "normen")).isEqualTo(9);
        // The caller figures arrive with their small cells hidden, as in the CSV: NULL and named.
        Map<String, Map<String, String>> callers = ExportedRows.fromDatabase(url, ExportTables.CALLER_METRICS);
        assertThat(callers).hasSizeGreaterThan(100);
        assertThat(callers.values()).anySatisfy(row -> {
            assertThat(row.get("suppressed_cells")).isNotEmpty();
            assertThat(row.get(row.get("suppressed_cells").split(";")[0])).isEmpty();
        });
        assertThat(ExportedRows.fromDatabase(url, ExportTables.REASON_METRICS)).isNotEmpty();
        assertThat(ExportedRows.count(url, "bellercijfers")).isEqualTo(callers.size());
    }

    @Test
    @Order(2)
    void aRunningInstanceExportsAndALateEventOfSixtyDaysAgoReachesItsRowWithinTheBound() throws Exception {
        januaryToMarch.stream().filter(e -> occurredAt(e).isBefore(Instant.parse("2023-03-01T00:00:00Z"))).forEach(e -> producer.send(e, true));
        producer.flush();
        service.app.awaitProcessed(Duration.ofMinutes(2));
        exporter = FigureExporter.start(service.app, service.meters);
        awaitDatabaseEqualsApi(Duration.ofMinutes(2));

        // A call of this morning (07:30 in Amsterdam, half an hour before the clock): a recent interval, written by the recent sweep.
        Instant recent = CLOCK.minus(Duration.ofMinutes(30));
        producer.send(ContactEvents.call("recent-call", "1", ContactEventType.OFFERED, recent.toEpochMilli()));
        producer.flush();
        long recentSent = System.nanoTime();
        Await.until("the recent call in its quarter hour", Duration.ofSeconds(30), () -> {
            Map<String, String> row = ExportedRows.fromDatabase(runningUrl, ExportTables.CONTACT_METRICS).get("CALL|asiel|15m|2023-04-01T05:30:00Z");
            return row != null && row.get("offered").equals("1") && row.get("open").equals("1");
        });
        System.out.printf("The recent call's row was in the database %.1f s after it was sent (recent interval 2 s).%n",
                (System.nanoTime() - recentSent) / 1e9);

        // 60 days before the clock: 31 January, 11:03 in Amsterdam, in the 11:00 quarter of asiel's calls.
        Instant late = CLOCK.minus(Duration.ofDays(60)).plus(Duration.ofHours(4)).plusSeconds(180);
        assertThat(late.atZone(ZONE).toLocalDateTime().toString()).isEqualTo("2023-01-31T11:03");
        String key = "CALL|asiel|15m|2023-01-31T10:00:00Z";
        Map<String, String> before = ExportedRows.fromDatabase(runningUrl, ExportTables.CONTACT_METRICS).get(key);
        long offeredBefore = before == null ? 0 : Long.parseLong(before.get("offered"));
        producer.send(ContactEvents.call("late-60-days", "1", ContactEventType.OFFERED, late.toEpochMilli()));
        producer.send(ContactEvents.call("late-60-days", "2", ContactEventType.ANSWERED, late.plusSeconds(7).toEpochMilli()));
        producer.flush();
        long sent = System.nanoTime();
        // The quarter is far outside the recent intervals: only the full sweep writes it, within its bound and one sweep.
        Await.until("the late contact in its row of 60 days ago", FULL_SWEEP.multipliedBy(3), () -> {
            Map<String, String> row = ExportedRows.fromDatabase(runningUrl, ExportTables.CONTACT_METRICS).get(key);
            return row != null && Long.parseLong(row.get("offered")) == offeredBefore + 1;
        });
        System.out.printf("The late event's row changed in the database %.1f s after it was sent (bound %d s and one sweep).%n",
                (System.nanoTime() - sent) / 1e9, FULL_SWEEP.toSeconds());
    }

    @Test
    @Order(3)
    void aDatabaseStoppedForThirtySecondsWhileEventsFlowIsWaitedOutAndCaughtUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<SpecificRecord> march = januaryToMarch.stream().filter(e -> !occurredAt(e).isBefore(Instant.parse("2023-03-01T00:00:00Z"))).toList();
        double failuresBefore = failures();
        postgres.stop();
        long stopped = System.nanoTime();
        try {
            // The events keep coming, a tenth at a time, over the outage.
            int tenth = march.size() / 10 + 1;
            for (int i = 0; i < march.size(); i += tenth) {
                march.subList(i, Math.min(march.size(), i + tenth)).forEach(e -> producer.send(e, true));
                producer.flush();
                Thread.sleep(2_000);
            }
            JsonNode health = Await.until("health DEGRADED while the database is down", Duration.ofSeconds(20), () -> new ObjectMapper().readTree(
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.api.port() + "/api/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).body()), h -> h.path("status").asText().equals("DEGRADED"));
            assertThat(health.path("reason").asText()).startsWith("export database does not answer: ");
            long left = Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stopped);
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
        } finally {
            postgres.start();
        }
        service.app.awaitProcessed(Duration.ofMinutes(2));
        assertThat(failures()).isGreaterThan(failuresBefore);
        awaitDatabaseEqualsApi(Duration.ofMinutes(2));
        Await.until("health back to RUNNING", Duration.ofSeconds(20), () -> new ObjectMapper().readTree(
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.api.port() + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("status").asText().equals("RUNNING"));
        double deadLetters = service.meters.find("kic.events.dead.lettered").counters().stream().mapToDouble(Counter::count).sum();
        assertThat(deadLetters).isZero();
    }

    @Test
    @Order(4)
    void aSecondExporterAndARestartInTheMiddleOfASweepLeaveEveryRowOnceAndEqualToTheApi() throws Exception {
        exporter.close();
        try (var c = DriverManager.getConnection(runningUrl, TestPostgres.user(), "")) {
            c.createStatement().execute("DELETE FROM contact_metrics WHERE granularity IN ('day', 'hour', '15m')");
        }
        // A writer that stops half-way through a full sweep, as a killed instance would (each part is one transaction).
        try (ExportDatabase database = ExportDatabase.open(service.app.config().export()); FigureWriter stopped = new FigureWriter(database)) {
            assertThat(stopped.acquire()).isTrue();
            List<Chunk> sweep = service.app.whenQueryable(Duration.ofMinutes(1),
                    () -> Chunk.everything(service.app.queries(), CLOCK.minus(service.app.config().fineIntervalRetention())));
            for (Chunk chunk : sweep.subList(0, sweep.size() / 2)) {
                service.app.whenQueryable(Duration.ofMinutes(1), () -> {
                    try {
                        return stopped.write(service.app.queries(), chunk);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        long dayRowsInApi = ExportedRows.fromApi(service.app.queries(), ExportTables.CONTACT_METRICS, dir).keySet().stream()
                .filter(k -> k.contains("|day|")).count();
        long dayRowsStored = ExportedRows.fromDatabase(runningUrl, ExportTables.CONTACT_METRICS).keySet().stream()
                .filter(k -> k.contains("|day|")).count();
        assertThat(dayRowsStored).as("the sweep stopped half-way").isGreaterThan(0).isLessThan(dayRowsInApi);

        // The instance restarts, and a second one exports to the same database.
        exporter = FigureExporter.start(service.app, new SimpleMeterRegistry());
        try (FigureExporter second = FigureExporter.start(service.app, new SimpleMeterRegistry())) {
            awaitDatabaseEqualsApi(Duration.ofMinutes(2));
            assertThat(exporter.writing() ^ second.writing()).as("exactly one of the two writes").isTrue();
            FigureExporter writer = exporter.writing() ? exporter : second;
            FigureExporter waiting = writer == exporter ? second : exporter;
            writer.close();
            Await.until("the other exporter takes over", Duration.ofSeconds(20), waiting::writing);
            try (var c = DriverManager.getConnection(runningUrl, TestPostgres.user(), "")) {
                c.createStatement().execute("DELETE FROM email_metrics WHERE granularity = 'day'");
            }
            awaitDatabaseEqualsApi(Duration.ofMinutes(2));
            if (writer == exporter) {
                exporter = second;
            }
        }
    }

    /** Waits until every row of the contact, e-mail, caller and reason figures in the database equals the API's, and no other row is there. */
    private static void awaitDatabaseEqualsApi(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String difference = null;
        while (System.nanoTime() < deadline) {
            difference = null;
            for (ExportTable table : List.of(ExportTables.CONTACT_METRICS, ExportTables.EMAIL_METRICS, ExportTables.CALLER_METRICS,
                    ExportTables.REASON_METRICS)) {
                Map<String, Map<String, String>> api = service.app.whenQueryable(Duration.ofMinutes(1), () -> {
                    try {
                        return ExportedRows.fromApi(service.app.queries(), table, dir);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                Map<String, Map<String, String>> database;
                try {
                    database = ExportedRows.fromDatabase(runningUrl, table);
                } catch (SQLException e) {
                    if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                        throw e;
                    }
                    // The exporter creates its tables when it first takes the database, a moment after it starts.
                    difference = table.name() + " not created yet";
                    break;
                }
                if (!api.equals(database)) {
                    difference = table.name() + ": " + api.size() + " rows in the API, " + database.size() + " in the database";
                    break;
                }
                assertThat(ExportedRows.count(runningUrl, table.name())).isEqualTo(api.size());
            }
            if (difference == null) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("the database did not come to equal the API within " + timeout + ": " + difference);
    }

    private double failures() {
        return service.meters.find("kic.export.failures").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Instant occurredAt(SpecificRecord event) {
        return (Instant) event.get(event.getSchema().getField("occurredAt").pos());
    }
}
