package nl.kic.analytics.tools.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import nl.kic.analytics.app.DeadLetterHandler;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.app.export.ExportDatabase;
import nl.kic.analytics.app.export.FigureExporter;
import nl.kic.analytics.app.export.FigureWriter;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.callers.CallerSuppression;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.domain.callers.ReasonSuppression;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.ProductVersion;
import nl.kic.analytics.platform.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.input.ReplayInput;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.importer.ImportSummary;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replay}: sends the events of JSON Lines files through the full topology on a real broker
 * (embedded unless one is given), waits until every event is processed, and writes the final
 * interval figures. The application clock is the latest event time of the input unless one is given. Each replay uses its
 * own topics and application id, so it never mixes with a running application or an earlier replay.
 */
public final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final Duration NO_PROGRESS_TIMEOUT = Duration.ofMinutes(2);

    /**
     * What a replay did, for the command's output and {@code replay_summary.json}: its input files,
     * what it counted (of that, how many events the simulator marked) and dropped (the refused
     * events also by channel and local day of their time: {@code CALL}, {@code CHAT}, {@code EMAIL}
     * or {@code UNKNOWN} → ISO date or {@code unknown} → count), what the imports of its input files
     * left out (from the {@code .import.json} beside an input file), the settings that decided the figures, its clock and version.
     */
    public record Summary(long contactEvents, long emailEvents, long agentEvents, long rejectedLines,
                          long duplicatesDropped, long impossibleEvents, long tooLateEvents, int contactRows,
                          int emailRows, Instant clock, String clockWarning, Duration elapsed,
                          List<ReplaySummaryFile.InputFile> inputs, SortedMap<String, Long> deadLettersByReason,
                          SortedMap<String, String> settings, String version, long simulatedEvents,
                          SortedMap<String, SortedMap<String, Long>> refusedByChannelAndDay, List<ImportSummary> imports) {
        /** Every dead letter of the replay, whatever its reason. */
        public long deadLetters() {
            return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Whether any input line carried the simulator's marker: then the figures are not of real contacts. */
        public boolean simulated() {
            return simulatedEvents > 0;
        }
    }

    private Replay() {
    }

    /**
     * Replays {@code inputs}; the application clock is {@code asOf}, or when that is null the latest
     * event time of the input.
     */
    public static Summary run(List<Path> inputs, Path outputDir, KicConfig baseConfig, Instant asOf) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(outputDir);
        ReplayInput input = ReplayInput.scan(inputs);
        input.writeRejected(outputDir.resolve("rejected.jsonl"));
        input.rejected().forEach(r -> log.warn("{} line {} cannot be read: {}", r.file(), r.line(), r.reason()));
        Instant clock = asOf != null ? asOf : input.clock();
        String clockWarning = asOf != null ? null : input.clockWarning().orElse(null);

        String runId = UUID.randomUUID().toString().substring(0, 8);
        Path stateDir = Files.createTempDirectory("kic-replay-state-");
        EmbeddedKafkaBroker broker = baseConfig.usesEmbeddedBroker() ? EmbeddedKafkaBroker.start() : null;
        try {
            KicConfig config = baseConfig
                    .withBootstrapServers(broker != null ? broker.bootstrapServers() : baseConfig.bootstrapServers())
                    .withApplicationId(baseConfig.applicationId() + "-replay-" + runId)
                    .withTopicSuffix(".replay-" + runId)
                    .withStateDir(stateDir)
                    // The clock stands at the latest event: on it every earlier month's caller figures would be closed.
                    .withCallersKeepingAllMonths();
            SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
            Topics.create(config.kafkaClientProperties(),
                    config.inputTopics(),
                    config.inputPartitions(), config.replicationFactor());
            produce(inputs, config, registry);

            List<ContactMetricsRow> contactRows;
            List<EmailMetricsRow> emailRows;
            List<AgentPresenceQuery.Row> agentRows;
            List<ProtectedCallerRow> callerRows;
            List<ProtectedReasonRow> reasonRows;
            PipelineMetrics metrics;
            // The application as every command builds it, without HTTP: the figures are read from it directly.
            try (Service service = Service.start(config, ApplicationClock.fixed(clock), false)) {
                KicApplication app = service.app;
                metrics = service.metrics;
                if (!app.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("The topology did not start: " + app.streams().state());
                }
                app.awaitProcessed(NO_PROGRESS_TIMEOUT);
                contactRows = app.whenQueryable(NO_PROGRESS_TIMEOUT, () -> app.queries().contactMetrics().allRows());
                emailRows = app.whenQueryable(NO_PROGRESS_TIMEOUT, () -> app.queries().emailMetrics().allRows());
                callerRows = app.whenQueryable(NO_PROGRESS_TIMEOUT, () -> app.queries().protectedCallers());
                reasonRows = app.whenQueryable(NO_PROGRESS_TIMEOUT, () -> app.queries().protectedReasons());
                if (config.export().enabled()) {
                    export(app, config, clock);
                }
                agentRows = app.whenQueryable(NO_PROGRESS_TIMEOUT, () -> {
                    List<AgentPresenceQuery.Row> rows = new ArrayList<>(app.queries().agentPresence(Granularity.FIFTEEN_MINUTES, null, null));
                    rows.addAll(app.queries().agentPresence(Granularity.DAY, null, null));
                    return rows;
                });
            }
            ContactMetricsCsv.write(outputDir.resolve("contact_metrics.csv"), contactRows);
            EmailMetricsCsv.write(outputDir.resolve("email_metrics.csv"), emailRows);
            AgentMetricsCsv.write(outputDir.resolve("agent_metrics.csv"), agentRows);
            ProtectedRowsCsv.write(outputDir.resolve("caller_metrics.csv"), CallerSuppression.COLUMNS,
                    callerRows.stream().map(ProtectedCallerRow::values).toList());
            ProtectedRowsCsv.write(outputDir.resolve("reason_metrics.csv"), ReasonSuppression.COLUMNS,
                    reasonRows.stream().map(ProtectedReasonRow::values).toList());
            RefusedEvents refused = new RefusedEvents(config, registry);
            SortedMap<String, Long> deadLettersByReason = writeDeadLetters(config, outputDir.resolve("dead_letters.jsonl"), refused);
            if (broker == null) {
                deleteReplayTopics(config);
            }
            long duplicates = 0;
            long impossible = 0;
            long tooLate = 0;
            for (PipelineMetrics.Kind kind : PipelineMetrics.Kind.values()) {
                duplicates += metrics.duplicatesDroppedCount(kind);
                impossible += metrics.impossibleCount(kind);
                tooLate += metrics.tooLateCount(kind);
            }
            List<ReplaySummaryFile.InputFile> files = new ArrayList<>();
            List<ImportSummary> imports = new ArrayList<>();
            for (Path file : inputs) {
                ReplaySummaryFile.InputFile inputFile = ReplaySummaryFile.InputFile.of(file);
                files.add(inputFile);
                importBeside(file, inputFile.sha256()).ifPresent(imports::add);
            }
            Summary summary = new Summary(input.contactEvents(), input.emailEvents(), input.agentEvents(), input.rejected().size(),
                    duplicates, impossible, tooLate, contactRows.size(), emailRows.size(), clock, clockWarning, Duration.ofNanos(System.nanoTime() - started),
                    List.copyOf(files), deadLettersByReason, config.definingSettings(), ProductVersion.current(),
                    input.simulatedEvents(), refused.byChannelAndDay(), List.copyOf(imports));
            ReplaySummaryFile.write(outputDir, summary);
            return summary;
        } finally {
            if (broker != null) {
                broker.close();
            }
            Directories.deleteRecursively(stateDir);
        }
    }

    /**
     * Writes the final figures to the export database of {@code config} (replay --export-jdbc), through
     * the same queries as the CSV files; refused when another exporter writes to that database.
     */
    private static Map<String, Long> export(KicApplication app, KicConfig config, Instant clock) throws IOException, InterruptedException {
        try (ExportDatabase database = ExportDatabase.open(config.export()); FigureWriter writer = new FigureWriter(database)) {
            Map<String, Long> changed = app.whenQueryable(NO_PROGRESS_TIMEOUT, () -> {
                try {
                    return writer.writeEverything(app.queries(), clock.minus(config.fineIntervalRetention()));
                } catch (SQLException e) {
                    throw new UncheckedIOException(new IOException("cannot export the figures to PostgreSQL: " + FigureExporter.reason(e), e));
                }
            });
            log.info("Exported the figures to PostgreSQL: rows inserted, changed or deleted by table {}", changed);
            return changed;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (FlywayException e) {
            throw new IOException("cannot export the figures to PostgreSQL: " + FigureExporter.reason(e), e);
        }
    }

    /** The summary of the import that wrote {@code file}, when one lies beside it and describes it. */
    private static Optional<ImportSummary> importBeside(Path file, String sha256) throws IOException {
        try {
            return ImportSummary.readBeside(file, sha256);
        } catch (ImportSummary.MismatchException e) {
            log.warn("{}: left out of the replay's summary", e.getMessage());
            return Optional.empty();
        }
    }

    private static void produce(List<Path> inputs, KicConfig config, SchemaRegistryClient registry) throws IOException {
        try (EventProducer producer = new EventProducer(config, registry)) {
            ReplayInput.forEachEvent(inputs, read -> producer.send(read.event(), read.simulated()));
            producer.flush();
        }
    }

    /**
     * Copies the replay's dead-letter topic to a JSON Lines file: reason, source topic, partition and
     * offset, and the original value in base64. The topic itself goes with the replay's other topics.
     * Returns the number of dead letters by reason; the refused events go to {@code refused}.
     */
    private static SortedMap<String, Long> writeDeadLetters(KicConfig config, Path file, RefusedEvents refused) throws IOException {
        ObjectMapper json = new ObjectMapper();
        SortedMap<String, Long> byReason = new TreeMap<>();
        WholeFiles.writeText(file, out -> {
            TopicReader.readToEnd(config.kafkaClientProperties(), config.deadLetterTopic(), record -> {
                ObjectNode line = json.createObjectNode();
                for (String header : List.of(DeadLetterHandler.REASON_HEADER, DeadLetterHandler.ERROR_HEADER,
                        DeadLetterHandler.TOPIC_HEADER, DeadLetterHandler.PARTITION_HEADER, DeadLetterHandler.OFFSET_HEADER)) {
                    var value = record.headers().lastHeader(header);
                    line.put(header.substring("kic.dlq.".length()), value == null ? null : new String(value.value(), StandardCharsets.UTF_8));
                }
                line.put("value", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
                try {
                    out.write(line.toString());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                byReason.merge(line.path("reason").asText("unknown"), 1L, Long::sum);
                refused.deadLetter(line.path("reason").textValue(), line.path("topic").textValue(), record.value());
            });
        });
        return byReason;
    }

    private static void deleteReplayTopics(KicConfig config) {
        try {
            Topics.delete(config.kafkaClientProperties(), t -> t.startsWith(config.applicationId() + "-")
                    || config.inputTopics().contains(t) || t.equals(config.deadLetterTopic()));
        } catch (ExecutionException e) {
            log.warn("Could not delete the replay's topics: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
