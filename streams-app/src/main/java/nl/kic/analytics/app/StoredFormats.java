package nl.kic.analytics.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.serde.StoredFormatException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The format version of every kind of stored value this build writes. Each build reads the versions
 * before its own too, so an upgrade migrates state as it is read. At start-up the versions recorded
 * by earlier starts ({@code <application id>-stored-formats}, compacted, one record per format) are
 * compared with these: a recorded version newer than this build knows stops the start-up with a
 * {@link StoredFormatException}, before any state is touched; then this build's versions are recorded.
 */
public final class StoredFormats {
    /** The formats every application writes beside its domains' own. */
    private static final Map<String, Integer> SHARED = Map.of("change", Change.FORMAT_VERSION);

    /** The format version of every kind of value that an application of {@code domains} writes. */
    public static Map<String, Integer> written(Domains domains) {
        Map<String, Integer> written = new TreeMap<>(domains.storedFormats());
        written.putAll(SHARED);
        return written;
    }

    private StoredFormats() {
    }

    public static String topic(KicConfig config) {
        return config.applicationId() + "-stored-formats";
    }

    /** Refuses to go on when the state was written by a newer build; records this build's versions. */
    public static void checkAndRecord(KicConfig config, Domains domains) {
        Map<String, Integer> written = written(domains);
        String topic = topic(config);
        Topics.createCompacted(config.kafkaClientProperties(), topic, config.replicationFactor());
        Map<String, Integer> recorded = new TreeMap<>();
        TopicReader.readToEnd(config.kafkaClientProperties(), topic, record -> recorded.put(
                new String(record.key(), StandardCharsets.UTF_8), Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8))));
        for (Map.Entry<String, Integer> entry : recorded.entrySet()) {
            int known = written.getOrDefault(entry.getKey(), 0);
            if (entry.getValue() > known) {
                throw new StoredFormatException("The state of " + config.applicationId() + " was written by a newer kic-analytics: "
                        + entry.getKey() + " in format version " + entry.getValue() + ", and this build reads "
                        + (known == 0 ? "no such format" : "versions up to " + known)
                        + ". Start the newer version again (see \"Stored formats\" in docs/operations.md).");
            }
        }
        Properties props = config.kafkaClientProperties();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            written.forEach((format, version) -> {
                if (!version.equals(recorded.get(format))) {
                    producer.send(new ProducerRecord<>(topic, format, Integer.toString(version)));
                }
            });
        }
    }
}
