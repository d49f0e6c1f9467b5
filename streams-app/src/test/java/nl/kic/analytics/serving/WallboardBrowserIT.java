package nl.kic.analytics.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import nl.kic.analytics.Await;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.cli.Main;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard as a supervisor sees it, in headless Chromium (Debian's package): figures worked out
 * by hand on the board and in the API, judged as shown; the board filling a TV and a laptop screen
 * without scrolling, for the demo's queues and for twelve; a banner when the figures stop being
 * current. Screenshots are kept in streams-app/target/wallboard-*.png.
 */
@ExtendWith(SharedBroker.class)
class WallboardBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCREEN_TOKEN = "hall-screen-3-5b0e";
    private static final String HOSTILE_NAME = "<img src=x onerror=\"document.title='XSS'\">";
    private static final String READ = "const e = document.querySelector('[data-queue=\"%s\"][data-figure=\"%s\"]'); "
            + "return e ? e.textContent : null;";
    private static final String STATUS = "const e = document.querySelector('[data-queue=\"%s\"][data-figure=\"%s\"]'); "
            + "const b = e && e.closest('.figure, td').querySelector('.status'); return b ? b.textContent : null;";
    private static final String BANNER = "const b = document.getElementById('banner'); return b.hidden ? null : b.textContent;";
    /** Every tile and fit box holds its content; the page does not scroll. Returns what overflows. */
    private static final String OVERFLOWING = "const page = document.scrollingElement; const out = [];"
            + "if (page.scrollHeight > innerHeight || page.scrollWidth > innerWidth) out.push('page ' + page.scrollWidth + 'x' + page.scrollHeight);"
            + "for (const e of document.querySelectorAll('header, .channel, .channel-body, .fit-box, .tile')) {"
            + "  if (e.offsetParent !== null && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1))"
            + "    out.push((e.getAttribute('aria-label') || e.className || e.tagName) + ' ' + e.scrollWidth + 'x' + e.scrollHeight"
            + "      + ' in ' + e.clientWidth + 'x' + e.clientHeight); }"
            + "for (const v of document.querySelectorAll('.figure .value')) { const tile = v.closest('.tile');"
            + "  if (tile && v.getBoundingClientRect().right > tile.getBoundingClientRect().right - parseFloat(getComputedStyle(tile).paddingRight) + 1)"
            + "    out.push('value ' + v.dataset.queue + ' ' + v.dataset.figure + ' in the padding'); }"
            + "return out;";

    @BeforeEach
    void needsChromium() {
        if (!HeadlessChromium.installed()) {
            System.out.println("SKIPPED WallboardBrowserIT: Chromium and ChromeDriver are not installed "
                    + "(apt-get install chromium chromium-driver); CI installs them.");
            Assumptions.abort("chromium and chromium-driver are not installed");
        }
    }

    @Test
    void wallboardShowsTheApisFiguresJudgedAsShownAndSaysWhenTheyAreStale(TestKafka kafka, @TempDir Path stateDir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T10:00:00Z")); // 11:00 in Amsterdam
        Properties settings = kafka.config().withStateDir(stateDir).withSchemaRegistryUrl("mock://wallboard-it").withHttpPort(0).toProperties();
        // Names as they come, markup included: what is tested is the board's own care with them.
        settings.setProperty("kic.name-pattern", "(?s).{1,200}");
        settings.setProperty("kic.http.viewer-tokens", SCREEN_TOKEN);
        KicConfig config = KicConfig.fromProperties(settings);
        try (Service service = Service.start(config, clock)) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
                call(producer, "werk", "c1", ContactEventType.OFFERED, "10:30:00");
                call(producer, "werk", "c1", ContactEventType.ANSWERED, "10:52:00");
                call(producer, "werk", "c2", ContactEventType.OFFERED, "10:40:00");
                call(producer, "werk", "c3", ContactEventType.OFFERED, "10:50:00");
                call(producer, "werk", "c4", ContactEventType.OFFERED, "10:41:00");
                call(producer, "werk", "c4", ContactEventType.ABANDONED, "10:55:00");
                call(producer, "werk", "c5", ContactEventType.OFFERED, "10:00:00");
                call(producer, "werk", "c5", ContactEventType.ANSWERED, "10:04:00");
                call(producer, "werk", "c6", ContactEventType.OFFERED, "10:05:00");
                call(producer, "werk", "c6", ContactEventType.ANSWERED, "10:07:00");
                call(producer, "werk", "c7", ContactEventType.OFFERED, "10:10:00");
                call(producer, "werk", "c7", ContactEventType.ABANDONED, "10:12:00");
                call(producer, "asiel", "c8", ContactEventType.OFFERED, "10:58:30");
                // The Wednesday before, the only history: its calls per quarter hour are today's forecast.
                for (String time : List.of("09:10", "09:20", "09:40", "10:05", "10:50", "11:20", "13:00")) {
                    for (ContactEventType type : List.of(ContactEventType.OFFERED, ContactEventType.ANSWERED)) {
                        producer.send(ContactEvent.newBuilder().setEventId("h" + time + type).setContactId("h" + time).setChannel(Channel.CALL)
                                .setType(type).setQueue("werk").setOccurredAt(OffsetDateTime.parse("2023-02-22T" + time + ":00+01:00").toInstant()
                                        .plusSeconds(type == ContactEventType.ANSWERED ? 60 : 0)).build());
                    }
                }
                // A name that would run as markup if the page built its tiles from strings.
                producer.send(ContactEvent.newBuilder().setEventId("c9").setContactId("c9").setChannel(Channel.CHAT)
                        .setType(ContactEventType.OFFERED).setQueue(HOSTILE_NAME)
                        .setOccurredAt(OffsetDateTime.parse("2023-03-01T11:00:00+01:00").toInstant()).build());
                agent(producer, "agent-1", AgentState.AVAILABLE, List.of("werk"));
                agent(producer, "agent-2", AgentState.BUSY, List.of("werk", "asiel"));
                agent(producer, "agent-3", AgentState.AWAY, List.of("asiel"));
                // Two e-mails from Friday afternoon, past their deadline of two working days on Wednesday.
                producer.send(EmailEvent.newBuilder().setEventId("m1").setEmailId("m1").setType(EmailEventType.RECEIVED)
                        .setCategory(EmailCategory.URGENT).setOccurredAt(OffsetDateTime.parse("2023-02-24T16:00:00+01:00").toInstant()).build());
                producer.send(EmailEvent.newBuilder().setEventId("m2").setEmailId("m2").setType(EmailEventType.RECEIVED)
                        .setCategory(EmailCategory.GENERAL).setOccurredAt(OffsetDateTime.parse("2023-02-24T16:00:00+01:00").toInstant()).build());
            }
            String url = "http://localhost:" + service.api.port();
            // The contacts sit on different partitions: wait for all of them, the waiting ones included.
            JsonNode live = awaitApi(url + "/api/contacts/live", b -> b.path("queues").size() == 5
                    && b.path("queues").get(0).path("today").path("answered").asLong() == 3
                    && b.path("queues").get(0).path("today").path("abandoned").asLong() == 2
                    && b.path("queues").get(0).path("waitingNow").asLong() == 3
                    && b.path("queues").get(0).path("longestWaitNowSeconds").asDouble() == 1200.0);
            awaitApi(url + "/api/emails/live", b -> b.path("categories").size() == 3);
            awaitApi(url + "/api/contacts/metrics?granularity=day&from=2023-02-22&to=2023-02-23&channel=CALL&queue=ALL",
                    b -> b.path("rows").size() == 1 && b.path("rows").get(0).path("offered").asLong() == 7);
            // The agents sit on different partitions: wait for all three states.
            String agentsOfThePhone = "{\"name\":\"CALL\",\"loggedIn\":3,\"available\":1,\"busy\":1,\"away\":1}";
            JsonNode agents = awaitApi(url + "/api/agents/live", b -> b.path("queues").size() == 2
                    && b.path("channels").get(0) != null && b.path("channels").get(0).toString().equals(agentsOfThePhone));
            // Today's calls offered so far come from the interval store, apart from the live figures: the board
            // asks for them once a minute, so they must be complete before it opens.
            awaitApi(url + "/api/forecast/today", b -> phoneChannel(b).path("offeredSoFar").asLong() == 8
                    && Math.round(phoneChannel(b).path("expectedSoFar").asDouble()) == 5
                    && Math.round(phoneChannel(b).path("expectedDay").asDouble()) == 7);
            // The API's own figures, worked out by hand: at 11:00 c2, c3 (werk) and c8 (asiel) wait,
            // the longest since 10:40; today c1, c5 and c6 were answered after 22, 4 and 2 minutes and c4
            // and c7 abandoned: 3 / 5 = 60%, the floor; in the last 15 minutes c1 answered and c4 abandoned.
            JsonNode total = live.path("queues").get(0);
            assertThat(total.path("queue").asText()).isEqualTo("ALL");
            assertThat(total.path("waitingNow").asInt()).isEqualTo(3);
            assertThat(total.path("longestWaitNowSeconds").asDouble()).isEqualTo(1200.0);
            assertThat(total.path("today").path("reachability").asDouble()).isEqualTo(0.6);
            assertThat(total.path("last15Minutes").path("reachability").asDouble()).isEqualTo(0.5);
            assertThat(total.path("today").path("asaSeconds").asDouble()).isEqualTo(560.0);
            // agent-2 serves both queues and is one agent of the phone channel.
            assertThat(agents.path("channels").get(0).toString()).isEqualTo(agentsOfThePhone);

            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.viewport(1920, 1080);
                // The screen opens the board with its token once; the token moves into a cookie and out of the address.
                chromium.open(url + "/?view=alles&token=" + SCREEN_TOKEN);
                Await.until("the wallboard's first figures", Duration.ofSeconds(30),
                        () -> !chromium.execute(String.format(READ, "CALL:ALL", "waitingNow")).isNull());
                assertThat(chromium.execute("return location.search;").asText()).isEqualTo("?view=alles");
                assertThat(chromium.execute("return document.cookie;").asText()).as("HttpOnly: out of the page's reach").isEmpty();
                assertThat(read(chromium, "CALL:ALL", "waitingNow")).isEqualTo("3");
                assertThat(read(chromium, "CALL:ALL", "longestWaitNow")).isEqualTo("20:00");
                assertThat(status(chromium, "CALL:ALL", "longestWaitNow")).isEqualTo("▲ let op"); // from 20 minutes
                assertThat(read(chromium, "CALL:ALL", "reachabilityToday")).isEqualTo("60%");
                assertThat(status(chromium, "CALL:ALL", "reachabilityToday")).isEqualTo("▲ let op"); // at the floor: not critical
                assertThat(read(chromium, "CALL:ALL", "reachability15")).isEqualTo("50%");
                assertThat(status(chromium, "CALL:ALL", "reachability15")).isEqualTo("✖ kritiek");
                assertThat(read(chromium, "CALL:ALL", "asaToday")).isEqualTo("9:20");
                assertThat(status(chromium, "CALL:ALL", "asaToday")).isEqualTo("✔ goed");
                assertThat(read(chromium, "CALL:ALL", "asa15")).isEqualTo("22:00");
                assertThat(status(chromium, "CALL:ALL", "asa15")).isEqualTo("▲ let op"); // from 15 minutes
                assertThat(read(chromium, "CALL:ALL", "agentsAvailable")).isEqualTo("1");
                assertThat(read(chromium, "CALL:ALL", "agentsBusy")).isEqualTo("1");
                assertThat(read(chromium, "CALL:ALL", "agentsAway")).isEqualTo("1");
                assertThat(read(chromium, "CALL:ALL", "newestEvent")).isEqualTo("1:30");
                // Verwacht vandaag: last Wednesday had 5 calls in the quarter hours before 11:00 and 7 in all; today
                // 8 were offered (c1 … c8). Chat has no history, so no forecast and no such figure.
                Await.until("today's forecast", Duration.ofSeconds(30),
                        () -> !chromium.execute(String.format(READ, "CALL:ALL", "expectedSoFar")).isNull());
                assertThat(read(chromium, "CALL:ALL", "expectedSoFar")).isEqualTo("5");
                assertThat(read(chromium, "CALL:ALL", "offeredSoFar")).isEqualTo("8");
                assertThat(read(chromium, "CALL:ALL", "expectedDay")).isEqualTo("7");
                assertThat(chromium.execute("return document.querySelector('#CHAT [data-figure=\"expectedSoFar\"]');").isNull()).isTrue();
                assertThat(read(chromium, "CALL:werk", "waitingNow")).isEqualTo("2");
                assertThat(read(chromium, "CALL:werk", "longestWaitNow")).isEqualTo("20:00");
                assertThat(read(chromium, "CALL:asiel", "waitingNow")).isEqualTo("1");
                assertThat(read(chromium, "CALL:asiel", "longestWaitNow")).isEqualTo("1:30");
                assertThat(status(chromium, "CALL:asiel", "longestWaitNow")).isEqualTo("✔ goed");
                assertThat(read(chromium, "EMAIL:URGENT", "backlog")).isEqualTo("1");
                assertThat(read(chromium, "EMAIL:ALL", "overdueNow")).isEqualTo("2");
                // Urgent mail must always be answered: past its deadline it is critical. General questions
                // are by policy often not answered: no alarm. The must-answer categories come first.
                assertThat(status(chromium, "EMAIL:URGENT", "overdueNow")).isEqualTo("✖ kritiek");
                assertThat(chromium.execute(String.format(STATUS, "EMAIL:GENERAL", "overdueNow")).isNull()).isTrue();
                assertThat(chromium.execute("return [...document.querySelectorAll('#email tbody tr td:first-child')].map(e => e.textContent);")
                        .toString()).isEqualTo("[\"Spoed\",\"Algemene vraag\",\"Totaal\"]");
                // The chat channel has one queue, so one tile, titled with the name as text: nothing ran.
                assertThat(chromium.execute("return document.querySelector('#CHAT .tile h3').textContent;").asText()).isEqualTo(HOSTILE_NAME);
                assertThat(chromium.execute("return [document.title, document.querySelectorAll('img').length];").toString())
                        .isEqualTo("[\"KiC — live\",0]");
                // The update line and the header are on the application's clock, not the browser's.
                assertThat(chromium.execute("return document.getElementById('updated').textContent;").asText()).isEqualTo("Bijgewerkt 11:00:00");
                assertThat(chromium.execute(BANNER).isNull()).isTrue();
                chromium.screenshot(Path.of("target", "wallboard-figures.png"));

                // Formatting and judgement as the page itself does them.
                assertThat(chromium.execute("return [elapsed(59.6), elapsed(3600), age(57180), average(359.6), average(59.5)];").toString())
                        .isEqualTo("[\"0:59\",\"1:00:00\",\"15 u 53 min\",\"6:00\",\"1:00\"]");
                assertThat(chromium.execute("const floor = settings.reachabilityFloor; settings.reachabilityFloor = 0.65; "
                        + "const judged = [percent(0.6496), reachabilityStatus(0.6496), reachabilityStatus(0.6449), "
                        + "reachabilityStatus(0.795), reachabilityStatus(0.7949)]; settings.reachabilityFloor = floor; return judged;").toString())
                        .isEqualTo("[\"65%\",\"attention\",\"critical\",\"good\",\"attention\"]");
                assertThat(chromium.execute("return [longestWaitStatus(1199.9), longestWaitStatus(1200), averageWaitStatus(899.5), "
                        + "averageWaitStatus(899.4), averageWaitStatus(1500)];").toString())
                        .isEqualTo("[\"good\",\"attention\",\"attention\",\"good\",\"critical\"]");

                // Nothing has come in since c8 at 10:58:30: at 11:09 the feed has been quiet for the stale
                // time, and a banner over the board says so; it goes when the data is current again.
                clock.set("2023-03-01T11:09:00+01:00");
                Await.until("the stale banner", Duration.ofSeconds(30), () -> !chromium.execute(BANNER).isNull());
                assertThat(chromium.execute(BANNER).asText()).isEqualTo("⚠ Telefoon: geen nieuwe gegevens sinds 10:58 — cijfers niet actueel");
                assertThat(chromium.execute("return document.getElementById('section-CALL').classList.contains('degraded');").asBoolean()).isTrue();
                assertThat(read(chromium, "CALL:ALL", "newestEvent")).isEqualTo("10:30");
                chromium.screenshot(Path.of("target", "wallboard-stale.png"));
                clock.set("2023-03-01T11:00:00+01:00");
                Await.until("the stale banner to go", Duration.ofSeconds(30), () -> chromium.execute(BANNER).isNull());

                // English, kept in the address with the other parameters.
                chromium.execute("document.getElementById('language').click(); return null;");
                assertThat(chromium.execute("return document.querySelector('[data-text=\"calls\"]').textContent;").asText()).isEqualTo("Phone");
                assertThat(chromium.execute("return document.querySelector('#email tbody td').textContent;").asText()).isEqualTo("Urgent");
                assertThat(status(chromium, "CALL:ALL", "reachabilityToday")).isEqualTo("▲ attention");
                assertThat(chromium.execute("return location.search;").asText()).isEqualTo("?view=alles&lang=en");
            }
        }
    }

    @Test
    void boardFillsTvAndLaptopScreensWithoutScrollingAndShowsABannerWhenTheServerStops(@TempDir Path dir) throws Exception {
        String[] twelveQueues = {"--call-queues", "700,701,702,703,704,705,706,707,708,709,710,informatie-en-advies-naturalisatie"};
        for (String[] arguments : List.of(new String[0], twelveQueues)) {
            String name = arguments.length == 0 ? "demo" : "12-queues";
            int expectedTiles = arguments.length == 0 ? 6 : 12;
            int port = RunningInstances.freePort();
            Process demo = startDemo(dir.resolve(name + ".log"), port, arguments);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                for (int[] size : new int[][] {{1920, 1080}, {1366, 768}}) {
                    chromium.viewport(size[0], size[1]);
                    chromium.open("http://localhost:" + port + "/");
                    Await.until("the wallboard's figures", Duration.ofSeconds(30), () -> chromium.execute(
                            "return document.querySelectorAll('.tile.queue').length;").asInt() == expectedTiles);
                    assertThat(chromium.execute("return [innerWidth, innerHeight];").toString())
                            .isEqualTo("[" + size[0] + "," + size[1] + "]");
                    assertThat(chromium.execute("return document.getElementById('section-EMAIL').hidden"
                            + " || document.getElementById('section-CHAT').hidden;").asBoolean()).isFalse();
                    assertThat(chromium.execute(OVERFLOWING)).as(name + " at " + size[0] + "x" + size[1]).isEmpty();
                    chromium.screenshot(Path.of("target", "wallboard-" + name + "-" + size[0] + "x" + size[1] + ".png"));
                }
                if (arguments.length == 0) {
                    // The server stops with the page open: within three refreshes of its end a banner says so.
                    demo.destroy();
                    demo.waitFor();
                    int refreshesAtStop = chromium.execute("return refreshes;").asInt();
                    Await.until("the no-connection banner", Duration.ofSeconds(30), () -> !chromium.execute(BANNER).isNull());
                    assertThat(chromium.execute("return bannerShownAtRefresh;").asInt()).isLessThanOrEqualTo(refreshesAtStop + 3);
                    assertThat(chromium.execute(BANNER).asText()).matches("⚠ Geen verbinding sinds \\d\\d:\\d\\d:\\d\\d — cijfers niet actueel");
                    assertThat(chromium.execute("return document.getElementById('board').classList.contains('degraded');").asBoolean()).isTrue();
                    chromium.screenshot(Path.of("target", "wallboard-no-connection.png"));
                }
            } finally {
                demo.destroy();
                demo.waitFor();
            }
        }
    }

    private static Process startDemo(Path log, int port, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo", "--port", Integer.toString(port)));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        Process demo = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.until("the demo's start; see " + log, Duration.ofSeconds(90),
                () -> Files.readString(log).contains("Wallboard: http://localhost:" + port + "/") || !demo.isAlive());
        assertThat(demo.isAlive()).as("the demo; see " + log).isTrue();
        return demo;
    }

    private static String read(HeadlessChromium chromium, String queue, String figure) throws Exception {
        return chromium.execute(String.format(READ, queue, figure)).asText();
    }

    private static String status(HeadlessChromium chromium, String queue, String figure) throws Exception {
        return chromium.execute(String.format(STATUS, queue, figure)).asText();
    }

    private static void call(EventProducer producer, String queue, String id, ContactEventType type, String time) {
        producer.send(ContactEvent.newBuilder().setEventId(id + type).setContactId(id).setChannel(Channel.CALL).setType(type)
                .setQueue(queue).setOccurredAt(OffsetDateTime.parse("2023-03-01T" + time + "+01:00").toInstant()).build());
    }

    private static void agent(EventProducer producer, String id, AgentState state, List<String> queues) {
        producer.send(AgentEvent.newBuilder().setEventId(id + state).setAgentId(id).setTeam("team-1").setQueues(queues)
                .setState(state).setOccurredAt(OffsetDateTime.parse("2023-03-01T10:00:00+01:00").toInstant()).build());
    }

    /** The phone channel's row of /api/forecast/today, or a missing node. */
    private static JsonNode phoneChannel(JsonNode forecastToday) {
        for (JsonNode channel : forecastToday.path("channels")) {
            if (channel.path("channel").asText().equals("CALL")) {
                return channel;
            }
        }
        return forecastToday.path("no such channel");
    }

    private static JsonNode awaitApi(String url, Predicate<JsonNode> ready) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return Await.until("the expected answer from " + url, Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + SCREEN_TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, body -> body != null && ready.test(body));
    }
}
