package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.serde.StoredFormatException;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.serving.Service;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A start records the formats it writes; state recorded by a newer build stops the next start with a clear message. */
@ExtendWith(SharedBroker.class)
class StoredFormatsIT {

    @Test
    void aStartRecordsItsFormatsAndStateOfANewerBuildStopsTheStartUp(TestKafka kafka, @TempDir Path dir) throws Exception {
        KicConfig config = kafka.config().withStateDir(dir)
                .withSchemaRegistryUrl("mock://stored-formats-it");
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        ApplicationClock clock = ApplicationClock.system();
        try (Service service = Service.start(config, clock, false)) {
            assertThat(service.app.streams()).isNotNull();
        }
        Map<String, Integer> recorded = new TreeMap<>();
        TopicReader.readToEnd(config.kafkaClientProperties(), StoredFormats.topic(config), record -> recorded.put(
                new String(record.key(), StandardCharsets.UTF_8), Integer.valueOf(new String(record.value(), StandardCharsets.UTF_8))));
        assertThat(recorded).isEqualTo(StoredFormats.written(Domains.standard(KicConfig.defaults(), ApplicationClock.system())));

        // A newer build has written contact state in format 9.
        Properties props = config.kafkaClientProperties();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(StoredFormats.topic(config), "contact-state", "9")).get();
        }
        assertThatThrownBy(() -> Service.start(config, clock, false))
                .isInstanceOf(StoredFormatException.class)
                .hasMessage("The state of " + config.applicationId() + " was written by a newer kic-analytics: contact-state in format version 9, "
                        + "and this build reads versions up to 4. Start the newer version again (see \"Stored formats\" in "
                        + "docs/operations.md).");
    }
}
