package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.kic.analytics.AsielDay;
import nl.kic.analytics.Await;
import nl.kic.analytics.ContactEvents;
import nl.kic.analytics.DeadLetterRecords;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.FakeConfluentRegistryServer;
import nl.kic.analytics.platform.registry.RestSchemaRegistryClient;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.serving.Service;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry over real HTTP that stops answering for 30 seconds while events flow: first it
 * refuses connections, then it answers 503. The application waits for it (health DEGRADED with the
 * reason), dead-letters nothing, and when the registry is back it counts every event exactly once
 * and says RUNNING again.
 */
@ExtendWith(SharedBroker.class)
class RegistryOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NINE = Instant.parse("2023-03-01T09:00:00Z");

    @Test
    void aRegistryOutageIsWaitedOutAndEveryEventCountsOnce(TestKafka kafka, @TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T17:00:00Z"));
        try (FakeConfluentRegistryServer registry = new FakeConfluentRegistryServer(11)) {
            KicConfig config = kafka.config().withStateDir(dir)
                    .withSchemaRegistryUrl(registry.url()).withHttpPort(0);
            // The producer registers its schema while the registry is up and keeps the id.
            ConfluentAvroSerde<ContactEvent> producerSerde = ConfluentAvroSerde.forValues(new RestSchemaRegistryClient(registry.url()),
                    ContactEvent.getClassSchema());
            producerSerde.serialize(config.contactEventsTopic(), ContactEvents.call("warm-up", "1", ContactEventType.OFFERED, NINE.toEpochMilli()));

            // Down before the application has read any schema: it has nothing cached to fall back on.
            registry.stopListening();
            try (Service service = Service.start(config, clock);
                 KafkaProducer<String, byte[]> producer = ContactEvents.producer(kafka.bootstrapServers())) {
                assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
                long outageStarted = System.nanoTime();
                // 40 contacts: even ones answered after 30 s, odd ones abandoned after 30 s.
                for (int i = 0; i < 20; i++) {
                    sendContact(producer, config.contactEventsTopic(), producerSerde, i);
                }
                Set<String> statuses = new HashSet<>();
                JsonNode degraded = awaitStatus(service, "DEGRADED", statuses);
                assertThat(degraded.path("reason").asText()).contains("schema registry does not answer").contains("not reachable");
                sleepUntil(outageStarted, Duration.ofSeconds(15));

                // Listening again, but with no healthy node behind it.
                registry.answerUnavailable(true);
                registry.listenAgain();
                for (int i = 20; i < 40; i++) {
                    sendContact(producer, config.contactEventsTopic(), producerSerde, i);
                }
                JsonNode unavailable = awaitReason(service, "503");
                assertThat(unavailable.path("status").asText()).isEqualTo("DEGRADED");
                sleepUntil(outageStarted, Duration.ofSeconds(30));
                assertThat(figures(service)).as("nothing counted while the registry is down").isNull();

                registry.answerUnavailable(false);
                ContactFigures day = AsielDay.await(service.app, 40, 40, Duration.ofSeconds(90));
                assertThat(day.offered()).isEqualTo(40);
                assertThat(day.answered()).isEqualTo(20);
                assertThat(day.abandoned()).isEqualTo(20);
                assertThat(day.asaSeconds()).isEqualTo(30.0);
                assertThat(awaitStatus(service, "RUNNING", statuses).has("reason")).isFalse();
                assertThat(DeadLetterRecords.read(config, 0)).isEmpty();
                assertThat(statuses).doesNotContain("ERROR", "PENDING_ERROR", "NOT_RUNNING");
            }
        }
    }


    private static void sendContact(KafkaProducer<String, byte[]> producer, String topic, ConfluentAvroSerde<ContactEvent> serde, int i) {
        String id = "c" + i;
        long offered = NINE.toEpochMilli() + i * 60_000L;
        ContactEventType outcome = i % 2 == 0 ? ContactEventType.ANSWERED : ContactEventType.ABANDONED;
        for (ContactEvent event : List.of(ContactEvents.call(id, "1", ContactEventType.OFFERED, offered), ContactEvents.call(id, "2", outcome, offered + 30_000))) {
            producer.send(new ProducerRecord<>(topic, id, serde.serialize(topic, event)));
        }
        producer.flush();
    }


    private static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
        long left = startNanos + after.toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    private static JsonNode health(Service service) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.api.port() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitStatus(Service service, String status, Set<String> seen) throws Exception {
        return Await.until("health " + status, Duration.ofSeconds(30), () -> {
            JsonNode health = health(service);
            seen.add(health.path("status").asText());
            return health;
        }, health -> health.path("status").asText().equals(status));
    }

    private static JsonNode awaitReason(Service service, String part) throws Exception {
        return Await.until("a health reason with " + part, Duration.ofSeconds(20), () -> health(service),
                health -> health.path("reason").asText().contains(part));
    }

    private static ContactFigures figures(Service service) {
        var rows = service.app.queries().contactMetrics().rows(Granularity.DAY, null, null, Channel.CALL, "asiel");
        return rows.isEmpty() ? null : rows.get(0).figures();
    }

}
