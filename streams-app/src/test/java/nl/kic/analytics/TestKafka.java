package nl.kic.analytics;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;

/**
 * A test's part of the {@link SharedBroker}: the broker's address and the token that its
 * application id and topics carry.
 */
public record TestKafka(String bootstrapServers, String token) {

    /** The configuration of this test's application: the shared broker, and an application id and topics of its own. */
    public KicConfig config() {
        return KicConfig.defaults().withBootstrapServers(bootstrapServers).withApplicationId("kic-" + token).withTopicSuffix("." + token);
    }

    /** The same settings as environment variables, for an instance the test starts as a process. */
    public Map<String, String> environment() {
        Properties settings = config().toProperties();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String key : new String[] {"kic.bootstrap-servers", "kic.application-id", "kic.topic.contact-events", "kic.topic.email-events",
                "kic.topic.agent-events", "kic.topic.dead-letters"}) {
            environment.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), settings.getProperty(key));
        }
        return environment;
    }

    /** Writes {@code config} as a properties file, for a command the test runs with {@code --config}. */
    public static Path settingsFile(KicConfig config, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.toProperties().store(writer, "settings of a test");
        }
        return file;
    }

    public Admin admin() {
        return Admin.create(config().kafkaClientProperties());
    }

    /** Deletes every topic of this test: its own topics, those of its application id, and those of replays and redrives within it. */
    void deleteTopics() throws ExecutionException, InterruptedException {
        Topics.delete(config().kafkaClientProperties(),
                topic -> topic.endsWith("." + token) || topic.contains("." + token + ".") || topic.startsWith("kic-" + token + "-"));
    }
}
