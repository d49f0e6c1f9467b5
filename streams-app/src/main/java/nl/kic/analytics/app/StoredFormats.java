package nl.kic.analytics.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.kic.analytics.agents.AgentStatus;
import nl.kic.analytics.agents.AgentTimeline;
import nl.kic.analytics.agents.PresenceRow;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.contacts.ContactIntervalStats;
import nl.kic.analytics.contacts.ContactState;
import nl.kic.analytics.contacts.LiveIndex;
import nl.kic.analytics.core.Change;
import nl.kic.analytics.emails.EmailBacklogIndex;
import nl.kic.analytics.emails.EmailIntervalStats;
import nl.kic.analytics.emails.EmailState;
import nl.kic.analytics.kafka.TopicReader;
import nl.kic.analytics.kafka.Topics;
import nl.kic.analytics.serde.StoredFormatException;
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
    public static final Map<String, Integer> WRITTEN = new TreeMap<>(Map.ofEntries(
            Map.entry("contact-state", ContactState.FULL_FORMAT),
            Map.entry("contact-compact-record", ContactState.COMPACT_FORMAT),
            Map.entry("email-state", EmailState.FULL_FORMAT),
            Map.entry("email-compact-record", EmailState.COMPACT_FORMAT),
            Map.entry("change", Change.FORMAT_VERSION),
            Map.entry("contact-interval-row", ContactIntervalStats.FORMAT_VERSION),
            Map.entry("email-interval-row", EmailIntervalStats.FORMAT_VERSION),
            Map.entry("agent-status", AgentStatus.FORMAT_VERSION),
            Map.entry("live-outcome", LiveIndex.OUTCOME_FORMAT),
            Map.entry("email-backlog-entry", EmailBacklogIndex.BACKLOG_FORMAT),
            Map.entry("agent-timeline", AgentTimeline.FORMAT_VERSION),
            Map.entry("agent-presence-row", PresenceRow.FORMAT_VERSION)));

    private StoredFormats() {
    }

    public static String topic(KicConfig config) {
        return config.applicationId() + "-stored-formats";
    }

    /** Refuses to go on when the state was written by a newer build; records this build's versions. */
    public static void checkAndRecord(KicConfig config) {
        String topic = topic(config);
        Topics.createCompacted(config.kafkaClientProperties(), topic, config.replicationFactor());
        Map<String, Integer> recorded = new TreeMap<>();
        TopicReader.readToEnd(config.kafkaClientProperties(), topic, record -> recorded.put(
                new String(record.key(), StandardCharsets.UTF_8), Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8))));
        for (Map.Entry<String, Integer> entry : recorded.entrySet()) {
            int known = WRITTEN.getOrDefault(entry.getKey(), 0);
            if (entry.getValue() > known) {
                throw new StoredFormatException("The state of " + config.applicationId() + " was written by a newer kic-analytics: "
                        + entry.getKey() + " in format version " + entry.getValue() + ", and this build reads "
                        + (known == 0 ? "no such format" : "versions up to " + known)
                        + ". Start the newer version again (see \"Stored formats\" in docs/operations.md).");
            }
        }
        Properties props = config.kafkaClientProperties();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            WRITTEN.forEach((format, version) -> {
                if (!version.equals(recorded.get(format))) {
                    producer.send(new ProducerRecord<>(topic, format, Integer.toString(version)));
                }
            });
        }
    }
}
