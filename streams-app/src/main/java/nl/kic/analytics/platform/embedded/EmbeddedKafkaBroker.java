package nl.kic.analytics.platform.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.system.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM,
 * for {@code demo}, {@code replay} and the integration tests. Its log directory is temporary and
 * removed on {@link #close()}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafkaBroker start() {
        try {
            Path logDir = Files.createTempDirectory("kic-kafka-");
            int[] ports = FreePorts.take(2);
            int brokerPort = ports[0];
            int controllerPort = ports[1];
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "6");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "6");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            // A transaction left open by a killed instance holds the offsets of its partitions until
            // the broker aborts it; this broker looks for expired transactions every second, not ten.
            props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
            // Instances on one machine may notice a killed one sooner than brokers allow by default (6 s).
            props.put("group.min.session.timeout.ms", "1000");
            // History is replayed with its own event times and the demo's clock runs ahead of the
            // wall clock; the broker must accept record times far from its own.
            props.put("log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));
            props.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));

            Path propsFile = logDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(propsFile)) {
                props.store(w, "embedded broker");
            }
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int formatResult = StorageTool.execute(new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(), "--ignore-formatted"},
                    new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            if (formatResult != 0) {
                throw new IllegalStateException("Formatting the broker's log directory failed: " + formatOutput.toString(StandardCharsets.UTF_8));
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            log.info("Embedded Kafka broker started at {}", bootstrap);
            return new EmbeddedKafkaBroker(server, logDir, bootstrap);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        Directories.deleteRecursively(logDir);
        log.info("Embedded Kafka broker at {} stopped", bootstrapServers);
    }
}
