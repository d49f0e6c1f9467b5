package nl.kic.analytics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.core.Directories;
import nl.kic.analytics.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.input.EventProducer;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.simulation.LiveSimulation;
import nl.kic.analytics.simulation.SimulationConfig;
import nl.kic.analytics.time.ApplicationClock;
import nl.kic.analytics.time.WorkingDayCalendar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a real Kafka broker in-process, the topology, the simulated KiC (calls, chats, agents, e-mail) "
                + "on an accelerated clock and the HTTP server: wallboard at /, JSON API under /api/, Prometheus at /metrics.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port. Default: kic.http-port (KIC_HTTP_PORT), else 8080.")
    Integer port;

    @Option(names = "--speed", defaultValue = "10", description = "How many times faster than real time the simulated clock runs. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    ConfigOptions configOptions;

    /** Days simulated at once before the live part, so that today's e-mail backlog has a history. */
    private static final int HISTORY_DAYS = 3;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path stateDir = Files.createTempDirectory("kic-demo-state-");
        KicConfig loaded = configOptions.load();
        KicConfig config = loaded
                .withBootstrapServers(broker.bootstrapServers())
                .withStateDir(stateDir)
                .withHttpPort(port != null ? port : loaded.httpPort());
        WorkingDayCalendar calendar = config.calendar();
        ApplicationClock clock = ApplicationClock.accelerated(LiveSimulation.demoStart(calendar, config.zone(), Instant.now()), speed);
        Service service = Service.start(config, clock);
        service.awaitRunning(Duration.ofMinutes(1));

        EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()));
        LiveSimulation simulation = new LiveSimulation(SimulationConfig.kicDefaults(seed.seed), calendar, config.zone(), clock,
                HISTORY_DAYS, producer::send);
        simulation.start();

        System.out.printf("kic-analytics demo: wallboard http://localhost:%d/  API http://localhost:%d/api/contacts/live  "
                + "metrics http://localhost:%d/metrics%n(simulated KiC from %s at %sx real time; Ctrl+C stops)%n",
                service.api.port(), service.api.port(), service.api.port(), clock.now(), speed);
        Shutdown.await(simulation, producer, service, broker, () -> Directories.deleteRecursively(stateDir));
        return 0;
    }
}
