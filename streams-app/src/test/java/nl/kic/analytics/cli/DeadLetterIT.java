package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import nl.kic.analytics.AsielDay;
import nl.kic.analytics.ContactEvents;
import nl.kic.analytics.DeadLetterRecords;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid and broken records mixed on a real broker: random bytes, truncated Avro, a wrong schema id
 * and impossible sequences, also an outcome held before its OFFERED that turns out impossible. Every valid record counts once, every broken one is on kic.dlq with its
 * original bytes and reason, and the application is still RUNNING.
 */
@ExtendWith(SharedBroker.class)
class DeadLetterIT {

    @Test
    void everyBrokenRecordIsDeadLetteredWithItsReasonAndEveryValidOneCountsOnce(TestKafka kafka, @TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T17:00:00Z"));
        KicConfig config = kafka.config().withStateDir(dir)
                .withSchemaRegistryUrl("mock://dlq-it").withHttpPort(0);
        try (Service service = Service.start(config, clock)) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            ConfluentAvroSerde<ContactEvent> serde = ConfluentAvroSerde.forValues(SchemaRegistryClient.forUrl(config.schemaRegistryUrl()),
                    ContactEvent.getClassSchema());
            Random random = new Random(5);
            Map<String, List<byte[]>> broken = new HashMap<>();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 100; i++) {
                    String id = "c" + i;
                    long offered = Instant.parse("2023-03-01T09:00:00Z").toEpochMilli() + i * 60_000L;
                    send(producer, config.contactEventsTopic(), serde, ContactEvents.call(id, "1", ContactEventType.OFFERED, offered));
                    send(producer, config.contactEventsTopic(), serde, ContactEvents.call(id, "2", i % 2 == 0 ? ContactEventType.ANSWERED : ContactEventType.ABANDONED, offered + 30_000));
                    if (i % 10 == 0) {
                        // An outcome before the OFFERED that is already known: impossible.
                        byte[] impossible = send(producer, config.contactEventsTopic(), serde, ContactEvents.call(id, "3", ContactEventType.ANSWERED, offered - 1_000));
                        broken.computeIfAbsent("impossible", k -> new ArrayList<>()).add(impossible);
                    }
                    if (i % 25 == 0) {
                        // An outcome held before its OFFERED, which turns out to lie after it: impossible,
                        // found while the OFFERED is processed.
                        String held = "h" + i;
                        byte[] impossible = send(producer, config.contactEventsTopic(), serde, ContactEvents.call(held, "2", ContactEventType.ANSWERED, offered - 1_000));
                        broken.computeIfAbsent("impossible", k -> new ArrayList<>()).add(impossible);
                        send(producer, config.contactEventsTopic(), serde, ContactEvents.call(held, "1", ContactEventType.OFFERED, offered));
                    }
                    if (i % 20 == 0) {
                        byte[] noise = new byte[1 + random.nextInt(40)];
                        random.nextBytes(noise);
                        noise[0] = (byte) (1 + random.nextInt(200)); // never the magic byte
                        broken.computeIfAbsent("undecodable", k -> new ArrayList<>()).add(noise);
                        producer.send(new ProducerRecord<>(config.contactEventsTopic(), "noise" + i, noise));
                        byte[] valid = serde.serialize(config.contactEventsTopic(), ContactEvents.call("t" + i, "1", ContactEventType.OFFERED, offered));
                        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
                        broken.get("undecodable").add(truncated);
                        producer.send(new ProducerRecord<>(config.contactEventsTopic(), "t" + i, truncated));
                        byte[] wrongSchema = valid.clone();
                        wrongSchema[4] = 99;
                        broken.computeIfAbsent("unknown_schema", k -> new ArrayList<>()).add(wrongSchema);
                        producer.send(new ProducerRecord<>(config.contactEventsTopic(), "w" + i, wrongSchema));
                    }
                }
            }
            List<ConsumerRecord<byte[], byte[]>> dead = DeadLetterRecords.read(config, 10 + 4 + 5 + 5 + 5);
            Map<String, List<byte[]>> deadByReason = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : dead) {
                String reason = new String(record.headers().lastHeader("kic.dlq.reason").value(), StandardCharsets.UTF_8);
                deadByReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(record.value());
                assertThat(new String(record.headers().lastHeader("kic.dlq.topic").value(), StandardCharsets.UTF_8)).isEqualTo(config.contactEventsTopic());
                // The partition and offset in the headers are those of the original record.
                assertThat(inputValueAt(config, header(record, "kic.dlq.partition"), header(record, "kic.dlq.offset")))
                        .as(reason).isEqualTo(record.value());
            }
            assertThat(deadByReason.keySet()).isEqualTo(broken.keySet());
            for (String reason : broken.keySet()) {
                assertThat(deadByReason.get(reason)).as(reason).usingElementComparator(Arrays::compare)
                        .containsExactlyInAnyOrderElementsOf(broken.get(reason));
            }
            ContactFigures day = AsielDay.await(service.app, 104, 100, Duration.ofSeconds(30));
            assertThat(day.offered()).isEqualTo(104);
            assertThat(day.answered()).isEqualTo(50);
            assertThat(day.abandoned()).isEqualTo(50);
            assertThat(service.app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            // Without running stores the API says so, and when to ask again.
            service.app.streams().close(Duration.ofSeconds(30));
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + service.api.port() + "/api/contacts/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
        }
    }


    private static byte[] send(KafkaProducer<String, byte[]> producer, String topic, ConfluentAvroSerde<ContactEvent> serde, ContactEvent event) {
        byte[] bytes = serde.serialize(topic, event);
        producer.send(new ProducerRecord<>(topic, event.getContactId(), bytes));
        return bytes;
    }

    private static long header(ConsumerRecord<byte[], byte[]> record, String name) {
        return Long.parseLong(new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8));
    }

    private static byte[] inputValueAt(KicConfig config, long partition, long offset) {
        Properties props = new Properties();
        props.put("bootstrap.servers", config.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(config.contactEventsTopic(), (int) partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no input record at " + partition + "@" + offset);
    }

}
