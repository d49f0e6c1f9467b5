package nl.kic.analytics.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventJson;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.tools.simulation.FaultyDelivery;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.LiveSimulation;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulates the KiC (calls, chats, agents, e-mail) over a period and writes the events as JSON Lines for replay, "
                + "or sends them live to Kafka (--live). Every event carries the simulator's marker (\"simulated\": true in its line, "
                + "the header kic.simulated on its record).")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    SharedOptions.SimulatedDays period;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--output", paramLabel = "FILE", description = "JSON Lines file to write (for replay).")
    Path output;

    @Option(names = "--live", description = "Send the events to Kafka when the simulated clock reaches them, until stopped, "
            + "from 08:50 on the latest working day, after three days of history at once.")
    boolean live;

    @Option(names = "--speed", defaultValue = "1", description = "With --live: how many times faster than real time. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Mixin
    SharedOptions.Broker broker;

    @Mixin
    SharedOptions.Registry registry;

    @Option(names = "--duplicates", defaultValue = "0", description = "Share of events sent twice. Default: ${DEFAULT-VALUE}.")
    double duplicates;

    @Option(names = "--disorder", defaultValue = "0", description = "Places an event may move in the stream. Default: ${DEFAULT-VALUE}.")
    int disorder;

    @Option(names = "--late", defaultValue = "0", description = "Share of events delivered late. Default: ${DEFAULT-VALUE}.")
    double late;

    @Option(names = "--late-max-minutes", defaultValue = "120", description = "Longest delay of a late event. Default: ${DEFAULT-VALUE}.")
    int lateMaxMinutes;

    @Option(names = "--redials", description = "Callers call again after a lost or an answered call, as new contacts with the "
            + "same caller key (docs/simulation.md). Off by default: the calls are then those of the calibrated month.")
    boolean redials;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        KicConfig config = configOptions.load();
        SimulationConfig simulation = SimulationConfig.kicDefaults(seed.seed)
                .withFaults(new SimulationConfig.Faults(duplicates, disorder, late, lateMaxMinutes))
                .withRedials(redials);
        if (live) {
            return runLive(config, simulation);
        }
        if (output == null) {
            System.err.println("simulate needs --output FILE, or --live to send to Kafka.");
            return 2;
        }
        int days = period.days(30);
        simulation = simulation.withIdPrefix(SimulationConfig.runIdPrefix(seed.seed, period.from, days));
        long[] written = {0};
        try (BufferedWriter out = Files.newBufferedWriter(output)) {
            FaultyDelivery delivery = new FaultyDelivery(simulation.faults(), seed.seed, event -> {
                try {
                    out.write(EventJson.toJson(event, true));
                    out.write('\n');
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            new KicSimulator(simulation, config.calendar(), config.zone(), period.from, delivery).runDaysUntil(period.from.plusDays(days));
            delivery.flush();
        }
        System.out.printf("Wrote %d events for %s to %s to %s.%n", written[0], period.from, period.from.plusDays(days - 1), output);
        return 0;
    }

    private int runLive(KicConfig config, SimulationConfig simulation) throws Exception {
        config = registry.applyTo(broker.applyTo(config));
        if (config.usesEmbeddedBroker()) {
            System.err.println("simulate --live needs --bootstrap-server (or kic.bootstrap-servers).");
            return 2;
        }
        Topics.create(config.kafkaClientProperties(),
                config.inputTopics(),
                config.inputPartitions(), config.replicationFactor());
        ApplicationClock clock = ApplicationClock.accelerated(LiveSimulation.demoStart(config.calendar(), config.zone(), Instant.now()), speed);
        EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()));
        LiveSimulation simulationRun = new LiveSimulation(simulation, config.calendar(), config.zone(), clock, 3,
                event -> producer.send(event, true));
        simulationRun.start();
        System.out.printf("Simulating the KiC live to %s from %s at %sx real time; Ctrl+C stops.%n",
                config.bootstrapServers(), clock.now(), speed);
        Shutdown.await(simulationRun, producer);
        return 0;
    }
}
