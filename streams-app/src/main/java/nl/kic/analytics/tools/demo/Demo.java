package nl.kic.analytics.tools.demo;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import nl.kic.analytics.app.export.FigureExporter;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.time.AcceleratedClock;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.simulation.LiveSimulation;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.slf4j.LoggerFactory;

/**
 * The demo: a broker in this process, the application on it with its HTTP server, and the simulated
 * KiC on an accelerated clock. The clock stands at half an hour after today's opening until the
 * history days and the day so far have been simulated and processed, so that the board opens on
 * figures; from then it runs.
 */
public final class Demo implements AutoCloseable {
    /** Days of e-mail simulated at once before today, so that today's e-mail backlog has a history. */
    private static final int HISTORY_DAYS = 3;

    private final EmbeddedKafkaBroker broker;
    private final Path stateDir;
    private final Service service;
    private final EventProducer producer;
    private final LiveSimulation simulation;
    private final AcceleratedClock clock;
    private final AutoCloseable export;

    private Demo(EmbeddedKafkaBroker broker, Path stateDir, Service service, EventProducer producer, LiveSimulation simulation,
                 AcceleratedClock clock, AutoCloseable export) {
        this.export = export;
        this.broker = broker;
        this.stateDir = stateDir;
        this.service = service;
        this.producer = producer;
        this.simulation = simulation;
        this.clock = clock;
    }

    /**
     * Starts the demo with {@code config}'s settings (its broker, state directory and registry are
     * the demo's own) and returns once the first figures can be read.
     */
    public static Demo start(KicConfig config, SimulationConfig traffic, double speed) throws IOException, InterruptedException {
        quietKafka();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path stateDir = Files.createTempDirectory("kic-demo-state-");
        KicConfig demoConfig = config.withBootstrapServers(broker.bootstrapServers()).withStateDir(stateDir);
        AcceleratedClock clock = AcceleratedClock.held(LiveSimulation.demoStart(demoConfig.calendar(), demoConfig.zone(), Instant.now()), speed);
        Service service = Service.start(demoConfig, clock);
        service.app.runsSimulator();
        // The day so far goes to the input topics while Kafka Streams joins its group.
        EventProducer producer = new EventProducer(demoConfig, SchemaRegistryClient.forUrl(demoConfig.schemaRegistryUrl()));
        LiveSimulation simulation = new LiveSimulation(traffic, demoConfig.calendar(), demoConfig.zone(), clock, HISTORY_DAYS,
                event -> producer.send(event, true));
        simulation.catchUp();
        producer.flush();
        service.awaitRunning(Duration.ofMinutes(1));
        service.app.awaitProcessed(Duration.ofMinutes(1));
        clock.release();
        simulation.start();
        // With kic.export.jdbc-url set, the demo's (simulated) figures go to that database too.
        AutoCloseable export = FigureExporter.startIfConfigured(service.app, service.meters);
        return new Demo(broker, stateDir, service, producer, simulation, clock, export);
    }

    /**
     * Kafka's own warnings in the demo are about a broker and state that live and die with this
     * process (retried transaction markers, a first start, a temporary state directory): nothing a
     * user can act on, and they would bury the board's address. The product's own warnings stay.
     */
    private static void quietKafka() {
        for (String name : new String[] {"org.apache.kafka", "kafka"}) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
        }
    }

    public int port() {
        return service.api.port();
    }

    /** Where the clock started: half an hour after the opening of the latest working day. */
    public Instant clockStart() {
        return clock.start();
    }

    @Override
    public void close() throws Exception {
        export.close();
        simulation.close();
        producer.close();
        service.close();
        broker.close();
        Directories.deleteRecursively(stateDir);
    }
}
