package nl.kic.analytics.cli;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.tools.redrive.Redrive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Sends dead letters of the given reasons back to the topic they were read from, once each (docs/operations.md).",
                "Prints an audit line: reasons, time range, how many were re-sent and how many had been re-sent before."})
final class RedriveCommand implements Callable<Integer> {
    @Option(names = "--reason", required = true, paramLabel = "REASON",
            description = "Dead-letter reason to re-send (unknown_schema, unknown_queue, processing_error, ...); repeatable.")
    List<String> reasons;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Only dead letters written at or after this ISO-8601 instant.")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Only dead letters written before this ISO-8601 instant.")
    Instant to;

    @Mixin
    SharedOptions.Broker broker;

    @Option(names = "--dry-run", description = "Count what would be re-sent; send nothing.")
    boolean dryRun;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        KicConfig config = broker.applyTo(configOptions.load());
        if (config.usesEmbeddedBroker()) {
            System.err.println("redrive needs the application's Kafka: --bootstrap-server, kic.bootstrap-servers or KIC_BOOTSTRAP_SERVERS.");
            return 2;
        }
        if (from != null && to != null && !from.isBefore(to)) {
            System.err.println("--from must lie before --to.");
            return 2;
        }
        Redrive.run(config, new Redrive.Selection(Set.copyOf(reasons), from, to), dryRun, System.out::println);
        return 0;
    }
}
