package nl.kic.analytics.serving;

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
import nl.kic.analytics.Await;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/health} says {@code "simulated": true} from the first event with the simulator's
 * header that the instance reads, and not before: real events leave it false.
 */
@ExtendWith(SharedBroker.class)
class SimulatedHealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void healthSaysSimulatedOnceAMarkedEventHasBeenRead(TestKafka kafka, @TempDir Path stateDir) throws Exception {
        KicConfig config = kafka.config().withStateDir(stateDir).withSchemaRegistryUrl("mock://simulated-health").withHttpPort(0);
        try (Service service = Service.start(config, new ManualClock(Instant.parse("2023-03-01T10:00:00Z")));
             EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(health(service).path("simulated").isBoolean()).isTrue();
            assertThat(health(service).path("simulated").booleanValue()).isFalse();

            producer.send(offered("real-1"));
            producer.flush();
            service.app.awaitProcessed(Duration.ofSeconds(60));
            assertThat(health(service).path("simulated").booleanValue()).as("after a real event").isFalse();

            producer.send(offered("made-up-1"), true);
            producer.flush();
            Await.until("health to say simulated", Duration.ofSeconds(30), () -> health(service),
                    body -> body.path("simulated").booleanValue());
            assertThat(health(service).path("status").asText()).isEqualTo("RUNNING");
        }
    }

    private static ContactEvent offered(String id) {
        return ContactEvent.newBuilder().setEventId(id + "-1").setContactId(id).setChannel(Channel.CALL).setType(ContactEventType.OFFERED)
                .setQueue("asiel").setOccurredAt(Instant.parse("2023-03-01T09:30:00Z")).build();
    }

    private static JsonNode health(Service service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.api.port() + "/api/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
