package nl.kic.analytics.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Callable;
import nl.kic.analytics.app.Directories;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.registry.ConfluentAvroSerde;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.simulation.DemoTraffic;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a real Kafka broker in-process, the topology, simulated KiC traffic on an accelerated clock "
                + "and the HTTP server: wallboard at /, JSON API under /api/, Prometheus at /metrics.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--speed", defaultValue = "10", description = "How many times faster than real time the simulated clock runs. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--seed", defaultValue = "2022", description = "Seed of the simulated traffic. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        java.nio.file.Path stateDir = Files.createTempDirectory("kic-demo-state-");
        KicConfig config = configOptions.load()
                .withBootstrapServers(broker.bootstrapServers())
                .withStateDir(stateDir)
                .withHttpPort(port);
        ApplicationClock clock = ApplicationClock.accelerated(Instant.now(), speed);
        Service service = Service.start(config, clock);
        service.awaitRunning(Duration.ofMinutes(1));

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        KafkaProducer<String, ContactEvent> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                ConfluentAvroSerde.<ContactEvent>forValues(SchemaRegistryClient.forUrl(config.schemaRegistryUrl()),
                        ContactEvent.getClassSchema()).serializer());
        DemoTraffic traffic = new DemoTraffic(producer, config.contactEventsTopic(), clock, seed);
        traffic.start();

        System.out.printf("kic-analytics demo: wallboard http://localhost:%d/  API http://localhost:%d/api/contacts/live  "
                + "metrics http://localhost:%d/metrics  (simulated clock at %sx; Ctrl+C stops)%n",
                service.api.port(), service.api.port(), service.api.port(), speed);
        Service.awaitShutdown(traffic, producer, service, broker, () -> Directories.deleteRecursively(stateDir));
        return 0;
    }
}
