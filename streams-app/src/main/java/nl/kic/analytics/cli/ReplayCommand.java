package nl.kic.analytics.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.tools.replay.Replay;
import nl.kic.analytics.tools.replay.ReplaySummaryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs events from JSON Lines files through the full topology on a real broker and writes the final "
                + "interval figures to DIR/contact_metrics.csv and DIR/email_metrics.csv; unreadable lines go to DIR/rejected.jsonl, "
                + "events the topology dead-lettered to DIR/dead_letters.jsonl, what was read, counted and set to DIR/replay_summary.json.",
                "The application clock is the latest event time of the input, or --as-of."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines file of events; repeatable.")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the output files.")
    Path output;

    @Mixin
    SharedOptions.Broker broker;

    @Mixin
    SharedOptions.Registry registry;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "The application clock, as an ISO-8601 instant (2023-04-01T00:00:00Z); default: the latest event time of the input.")
    Instant asOf;

    @Option(names = "--export-jdbc", paramLabel = "URL",
            description = "Also write the final figures to this PostgreSQL database (jdbc:postgresql://HOST:PORT/DB; user and password "
                    + "from kic.export.user and KIC_EXPORT_PASSWORD or kic.export.password-file); see docs/export.md.")
    String exportJdbc;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        // A replay is its own world: an in-memory registry unless one is given.
        KicConfig config = registry.applyTo(broker.applyTo(configOptions.load().withSchemaRegistryUrl("mock://replay")));
        // Only the option turns the export on here: a kic.export.jdbc-url meant for run is not a replay's target.
        config = config.withExportJdbcUrl(exportJdbc == null ? "" : exportJdbc);
        Replay.Summary s = Replay.run(inputs, output, config, asOf);
        if (s.clockWarning() != null) {
            System.err.println("Warning: " + s.clockWarning());
        }
        System.out.printf("Replayed %d contact, %d e-mail and %d agent events in %.1f s (clock %s).%n",
                s.contactEvents(), s.emailEvents(), s.agentEvents(), s.elapsed().toMillis() / 1000.0, s.clock());
        System.out.printf("Duplicates dropped: %d, impossible events: %d, too late: %d, unreadable lines: %d, dead letters: %d.%n",
                s.duplicatesDropped(), s.impossibleEvents(), s.tooLateEvents(), s.rejectedLines(), s.deadLetters());
        System.out.printf("Wrote %d rows to %s and %d rows to %s; counts and settings in %s.%n", s.contactRows(), output.resolve("contact_metrics.csv"),
                s.emailRows(), output.resolve("email_metrics.csv"), output.resolve(ReplaySummaryFile.NAME));
        if (exportJdbc != null) {
            System.out.println("Wrote the same figures to the PostgreSQL database of --export-jdbc (tables contact_metrics, email_metrics, norms).");
        }
        return 0;
    }
}
