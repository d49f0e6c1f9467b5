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
import java.time.OffsetDateTime;
import java.util.List;
import nl.kic.analytics.Await;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.input.EventProducer;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard as a supervisor sees it: headless Chromium (Debian's package) opens the page the
 * application serves, waits for live numbers, and they must equal the API's. The screenshot is kept
 * as a build artifact in streams-app/target/wallboard.png.
 */
@ExtendWith(SharedBroker.class)
class WallboardBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wallboardShowsTheLiveFiguresOfTheApi(TestKafka kafka, @TempDir Path stateDir) throws Exception {
        if (!HeadlessChromium.installed()) {
            System.out.println("SKIPPED WallboardBrowserIT: Chromium and ChromeDriver are not installed "
                    + "(apt-get install chromium chromium-driver); CI installs them.");
            Assumptions.abort("chromium and chromium-driver are not installed");
        }
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T10:00:00Z")); // 11:00 in Amsterdam
        KicConfig config = kafka.config().withStateDir(stateDir)
                .withSchemaRegistryUrl("mock://wallboard-it").withHttpPort(0);
        try (Service service = Service.start(config, clock)) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            HttpApi api = service.api;
            try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
                contact(producer, "c1", ContactEventType.OFFERED, "2023-03-01T10:30:00+01:00");
                contact(producer, "c1", ContactEventType.ANSWERED, "2023-03-01T10:52:00+01:00");
                contact(producer, "c2", ContactEventType.OFFERED, "2023-03-01T10:40:00+01:00");
                contact(producer, "c3", ContactEventType.OFFERED, "2023-03-01T10:50:00+01:00");
                contact(producer, "c4", ContactEventType.OFFERED, "2023-03-01T10:41:00+01:00");
                contact(producer, "c4", ContactEventType.ABANDONED, "2023-03-01T10:55:00+01:00");
                producer.send(AgentEvent.newBuilder().setEventId("a1").setAgentId("agent-1").setTeam("team-1")
                        .setQueues(List.of("werk")).setState(AgentState.AVAILABLE)
                        .setOccurredAt(OffsetDateTime.parse("2023-03-01T10:00:00+01:00").toInstant()).build());
                producer.send(EmailEvent.newBuilder().setEventId("m1").setEmailId("m1").setType(EmailEventType.RECEIVED)
                        .setCategory(EmailCategory.URGENT).setOccurredAt(OffsetDateTime.parse("2023-02-24T16:00:00+01:00").toInstant()).build());
            }
            String url = "http://localhost:" + api.port();
            JsonNode live = awaitApi(url + "/api/contacts/live", b -> b.path("queues").size() == 2
                    && b.path("queues").get(1).path("today").path("answered").asLong() == 1
                    && b.path("queues").get(1).path("today").path("abandoned").asLong() == 1);
            awaitApi(url + "/api/emails/live", b -> b.path("categories").size() == 2);
            awaitApi(url + "/api/agents/live", b -> b.path("queues").size() == 1);
            JsonNode werk = live.path("queues").get(1);

            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.open(url + "/");
                String read = "const e = document.querySelector('[data-queue=\"%s\"][data-figure=\"%s\"]'); return e ? e.textContent : null;";
                Await.until("the wallboard's first figures", Duration.ofSeconds(30),
                        () -> !chromium.execute(String.format(read, "CALL:werk", "waitingNow")).isNull());
                // c2 and c3 wait; the longest since 10:40, 20 minutes at 11:00. Today: c1 answered after 22
                // minutes, c4 abandoned: reachability 1 / 2.
                assertThat(werk.path("waitingNow").asInt()).isEqualTo(2);
                assertThat(chromium.execute(String.format(read, "CALL:werk", "waitingNow")).asText()).isEqualTo("2");
                assertThat(chromium.execute(String.format(read, "CALL:werk", "longestWaitNow")).asText()).isEqualTo("20:00");
                assertThat(werk.path("longestWaitNowSeconds").asDouble()).isEqualTo(1200.0);
                assertThat(chromium.execute(String.format(read, "CALL:werk", "reachabilityToday")).asText()).isEqualTo("50%");
                assertThat(werk.path("today").path("reachability").asDouble()).isEqualTo(0.5);
                assertThat(chromium.execute(String.format(read, "CALL:werk", "asaToday")).asText()).isEqualTo("22:00");
                assertThat(chromium.execute(String.format(read, "CALL:werk", "agentsAvailable")).asText()).isEqualTo("1");
                assertThat(chromium.execute(String.format(read, "EMAIL:URGENT", "backlog")).asText()).isEqualTo("1");
                // The status is in words as well as colour: 20 minutes is at the red threshold.
                assertThat(chromium.execute("return document.querySelector('.status.critical').textContent;").asText()).contains("kritiek");
                assertThat(chromium.execute(String.format(read, "CALL:ALL", "newestEvent")).asText()).isEqualTo("5:00");
                assertThat(chromium.execute("return document.querySelector('.status.stale');").isNull()).isTrue();
                chromium.screenshot(Path.of("target", "wallboard.png"));

                // Nothing has come in since c4 hung up at 10:55: at 11:05 the feed has been quiet for the
                // stale time, and the wallboard says so in words and a symbol, not by colour alone.
                clock.set("2023-03-01T11:05:00+01:00");
                Await.until("the wallboard to say its figures are stale", Duration.ofSeconds(30),
                        () -> !chromium.execute("return document.querySelector('.status.stale');").isNull());
                assertThat(chromium.execute("return document.querySelector('.status.stale').textContent;").asText())
                        .isEqualTo("⚠ verouderd: geen nieuwe gegevens");
                assertThat(chromium.execute(String.format(read, "CALL:ALL", "newestEvent")).asText()).isEqualTo("10:00");
                chromium.screenshot(Path.of("target", "wallboard-stale.png"));

                chromium.execute("document.getElementById('language').click(); return null;");
                assertThat(chromium.execute("return document.querySelector('[data-text=\"calls\"]').textContent;").asText()).isEqualTo("Phone");
            }
        }
    }

    private static void contact(EventProducer producer, String id, ContactEventType type, String at) {
        producer.send(ContactEvent.newBuilder().setEventId(id + type).setContactId(id).setChannel(Channel.CALL).setType(type)
                .setQueue("werk").setOccurredAt(OffsetDateTime.parse(at).toInstant()).build());
    }

    private static JsonNode awaitApi(String url, java.util.function.Predicate<JsonNode> ready) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return Await.until("the expected answer from " + url, Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, body -> body != null && ready.test(body));
    }
}
