package nl.kic.analytics.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.MetricsServer;
import nl.kic.analytics.serving.WebServer;
import nl.kic.analytics.tools.importer.Import;
import nl.kic.analytics.tools.importer.ImportMapping;
import nl.kic.analytics.tools.importer.ImportReport;
import nl.kic.analytics.tools.importer.ImportSummary;
import nl.kic.analytics.tools.importer.Pseudonyms;
import nl.kic.analytics.tools.importer.QueueLogFollower;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turns an Asterisk queue_log or a CSV export of calls into events (docs/import.md): JSON Lines for replay, "
                + "or the input topics of a running application. Caller numbers and agent names are pseudonymised with the key "
                + "of KIC_PSEUDONYM_KEY or --key-file; the import refuses to start without one.",
                "Exit codes: 0 done (every unreadable line is in the error file), 1 no line could be read, the input is missing, "
                        + "or more than --max-error-share of the lines could not be read; 2 wrong usage or no key."})
final class ImportCommand implements Callable<Integer> {
    /** The encodings an input may have (UTF-16 with its byte-order mark). */
    private static final Map<String, Charset> ENCODINGS = Map.of(
            "UTF-8", StandardCharsets.UTF_8, "ISO-8859-1", StandardCharsets.ISO_8859_1,
            "WINDOWS-1252", Charset.forName("windows-1252"), "UTF-16", StandardCharsets.UTF_16);

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "asterisk-queue-log or csv.")
    String format;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The queue_log or CSV file.")
    Path input;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Mapping file: queue renames and teams; for csv the columns and formats (required for csv).")
    Path mapping;

    @Option(names = "--key-file", paramLabel = "FILE", description = "File with the pseudonym key, when KIC_PSEUDONYM_KEY is not set.")
    Path keyFile;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET",
            description = "The input's encoding: UTF-8, ISO-8859-1, windows-1252 or UTF-16 (with its byte-order mark). "
                    + "Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(names = "--max-line-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "A longer line is listed as unreadable. Default: ${DEFAULT-VALUE} (1 MiB).")
    int maxLineBytes;

    @Option(names = "--max-error-share", defaultValue = "0.5", paramLabel = "SHARE",
            description = "The import fails (exit 1) when more than this share of its lines could not be read. Default: ${DEFAULT-VALUE}.")
    double maxErrorShare;

    @Option(names = "--errors", paramLabel = "FILE", description = "Where unreadable lines are listed (number and reason). Default: import-errors.txt.")
    Path errors = Path.of("import-errors.txt");

    static final class Destination {
        @Option(names = "--output", paramLabel = "FILE", description = "JSON Lines in the replay input format; what was left out, "
                + "by reason, goes beside it to FILE.import.json, which replay records.")
        Path output;

        @Option(names = "--to-kafka", description = "Produce to the input topics of a running application.")
        boolean toKafka;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    @Mixin
    SharedOptions.Broker broker;

    @Mixin
    SharedOptions.Registry registry;

    @Option(names = "--follow", description = {"Follow the growing queue_log as tail -F does, across rotation, until stopped; "
            + "with --to-kafka only. Each batch of lines and the position after it are one transaction: after a restart, even "
            + "after SIGKILL, the follow goes on where it stood, nothing lost and nothing twice."})
    boolean follow;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "With --follow: serve the import's progress (lines, events, errors, lag) for Prometheus at http://…:PORT/metrics.")
    Integer metricsPort;

    @Option(names = "--poll-millis", defaultValue = "500", paramLabel = "MS", description = "With --follow: how often to look for new lines. Default: ${DEFAULT-VALUE}.")
    long pollMillis;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        byte[] key = Pseudonyms.loadKey(System.getenv(), keyFile);
        if (key == null) {
            System.err.println("import needs a pseudonym key: set KIC_PSEUDONYM_KEY or give --key-file (docs/import.md).");
            return 2;
        }
        Pseudonyms pseudonyms;
        Import.Format importFormat;
        try {
            pseudonyms = Pseudonyms.withKey(key);
            importFormat = Import.Format.of(format);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Charset charset = ENCODINGS.get(encoding.toUpperCase(Locale.ROOT));
        if (charset == null) {
            System.err.println("--encoding takes UTF-8, ISO-8859-1, windows-1252 or UTF-16.");
            return 2;
        }
        if (!Files.isRegularFile(input)) {
            System.err.println("--input: no such file.");
            return 1;
        }
        if (importFormat == Import.Format.CSV && mapping == null) {
            System.err.println("--format csv needs --mapping FILE with the columns (docs/import.md).");
            return 2;
        }
        KicConfig config = configOptions.load();
        config = registry.applyTo(broker.applyTo(config));
        if (destination.toKafka && config.usesEmbeddedBroker()) {
            System.err.println("--to-kafka needs --bootstrap-server, kic.bootstrap-servers or KIC_BOOTSTRAP_SERVERS.");
            return 2;
        }
        if (follow && (importFormat != Import.Format.ASTERISK_QUEUE_LOG || !destination.toKafka)) {
            System.err.println("--follow follows an asterisk-queue-log to Kafka: it needs --format asterisk-queue-log and --to-kafka.");
            return 2;
        }
        if (follow && !charset.equals(StandardCharsets.UTF_8)) {
            System.err.println("--follow reads a queue_log as Asterisk writes it, in UTF-8; --encoding is for whole files.");
            return 2;
        }
        // A queue the application would refuse is refused here, before it is written anywhere.
        ImportMapping importMapping = (mapping == null ? ImportMapping.empty() : ImportMapping.load(mapping))
                .checkedBy(config.nameRule(), config.queues());
        if (destination.toKafka) {
            // As the application does at its start: an import may come first.
            Topics.create(config.kafkaClientProperties(), List.of(config.contactEventsTopic(), config.emailEventsTopic(),
                    config.agentEventsTopic()), config.inputPartitions(), config.replicationFactor());
        }
        if (follow) {
            return follow(config, pseudonyms, importMapping);
        }
        ImportReport report;
        try (Writer errorFile = Files.newBufferedWriter(errors, StandardCharsets.UTF_8)) {
            if (destination.output != null) {
                try (BufferedWriter out = Files.newBufferedWriter(destination.output, StandardCharsets.UTF_8)) {
                    report = Import.run(importFormat, input, charset, maxLineBytes, importMapping, pseudonyms, config.zone(), errorFile, event -> {
                        try {
                            out.write(EventJson.toJson(event));
                            out.newLine();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                // What the import left out travels with its output: a replay of it records the counts.
                ImportSummary.writeBeside(destination.output, importFormat, input, report);
            } else {
                try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
                    report = Import.run(importFormat, input, charset, maxLineBytes, importMapping, pseudonyms, config.zone(), errorFile,
                            producer::send);
                    producer.flush();
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return summarise(report);
    }

    /** Follows until SIGTERM or Ctrl+C; the batch being read is committed first. */
    private Integer follow(KicConfig config, Pseudonyms pseudonyms, ImportMapping importMapping) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-follow");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("Following " + input + " to " + config.bootstrapServers() + " (Ctrl+C stops).");
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WebServer server = metricsPort == null ? null : MetricsServer.start(config, metricsPort, meters);
        try (Writer errorFile = Files.newBufferedWriter(errors, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            ImportReport report = QueueLogFollower.run(input, config, pseudonyms, importMapping, errorFile,
                    Duration.ofMillis(pollMillis), stop::get, meters);
            return summarise(report);
        } finally {
            if (server != null) {
                server.close();
            }
            stopped.countDown();
        }
    }

    private Integer summarise(ImportReport report) {
        System.out.println(report.summary());
        if (report.errors() > 0) {
            System.out.println("Lines that could not be read: " + errors);
        }
        if (report.linesRead() == report.errors()) {
            System.err.println("No line of the input could be read.");
            return 1;
        }
        if (report.errors() > maxErrorShare * report.linesRead()) {
            System.err.printf("More than %s of the lines could not be read (--max-error-share).%n", maxErrorShare);
            return 1;
        }
        return 0;
    }
}
