package nl.kic.analytics.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.input.EventJson;
import nl.kic.analytics.simulation.FaultyDelivery;
import nl.kic.analytics.simulation.KicSimulator;
import nl.kic.analytics.simulation.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulates the KiC (calls, chats, agents, e-mail) over a period and writes the events as JSON Lines for replay.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--from", defaultValue = "2023-01-01", description = "First day (Europe/Amsterdam). Default: ${DEFAULT-VALUE}.")
    LocalDate from;

    @Option(names = "--days", defaultValue = "30", description = "Number of days. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--seed", defaultValue = "2022", description = "Seed; the same seed gives the same events. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "JSON Lines file to write.")
    Path output;

    @Option(names = "--duplicates", defaultValue = "0", description = "Share of events sent twice. Default: ${DEFAULT-VALUE}.")
    double duplicates;

    @Option(names = "--disorder", defaultValue = "0", description = "Places an event may move in the stream. Default: ${DEFAULT-VALUE}.")
    int disorder;

    @Option(names = "--late", defaultValue = "0", description = "Share of events delivered late. Default: ${DEFAULT-VALUE}.")
    double late;

    @Option(names = "--late-max-minutes", defaultValue = "120", description = "Longest delay of a late event. Default: ${DEFAULT-VALUE}.")
    int lateMaxMinutes;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        KicConfig config = configOptions.load();
        SimulationConfig simulation = SimulationConfig.kicDefaults(seed)
                .withFaults(new SimulationConfig.Faults(duplicates, disorder, late, lateMaxMinutes));
        long[] written = {0};
        try (BufferedWriter out = Files.newBufferedWriter(output)) {
            FaultyDelivery delivery = new FaultyDelivery(simulation.faults(), seed, event -> {
                try {
                    out.write(EventJson.toJson(event));
                    out.write('\n');
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            new KicSimulator(simulation, config.calendar(), config.zone(), from, delivery).runDaysUntil(from.plusDays(days));
            delivery.flush();
        }
        System.out.printf("Wrote %d events for %s to %s to %s.%n", written[0], from, from.plusDays(days - 1), output);
        return 0;
    }
}
