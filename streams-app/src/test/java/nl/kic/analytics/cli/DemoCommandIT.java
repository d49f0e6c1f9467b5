package nl.kic.analytics.cli;

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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} as the README starts it, in its own JVM. */
class DemoCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLOCK_START = Pattern.compile("Simulated KiC from (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) \\(([^)]+)\\)");

    @Test
    void demoShowsItsFirstFiguresWithinTheFirstSimulatedMinuteOnKicHttpPortWithAQuietConsole(@TempDir Path dir) throws Exception {
        int port = RunningInstances.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo");
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        builder.environment().put("KIC_HTTP_PORT", Integer.toString(port));
        Path log = dir.resolve("demo.log");
        long startNanos = System.nanoTime();
        Process demo = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String address = "Wallboard: http://localhost:" + port + "/";
            Await.until("the wallboard's address in " + log, Duration.ofSeconds(90),
                    () -> Files.readAllLines(log).contains(address) || !demo.isAlive());
            List<String> console = Files.readAllLines(log);
            assertThat(console).as("the demo's console").contains(address);
            Matcher start = CLOCK_START.matcher(String.join("\n", console));
            assertThat(start.find()).as("the clock's start in the console").isTrue();
            Instant clockStart = LocalDateTime.parse(start.group(1).replace(' ', 'T')).atZone(ZoneId.of(start.group(2))).toInstant();

            // The API, on the port of KIC_HTTP_PORT, has answered calls of today within the first
            // simulated minute by the demo's own clock. Asked until it has them (a first answer may come
            // during a rebalance) or its clock is past that minute; the clock judged is that of the answer.
            HttpClient http = HttpClient.newHttpClient();
            Instant lastMinute = clockStart.plus(Duration.ofMinutes(1));
            JsonNode live = Await.until("answered calls or the end of the first simulated minute on /api/contacts/live", Duration.ofSeconds(60),
                    () -> {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/live"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
                    },
                    body -> body != null && body.path("clock").isTextual() && (callTotal(body).path("today").path("answered").asLong() > 0
                            || Instant.parse(body.path("clock").asText()).isAfter(lastMinute)));
            double secondsToFigures = (System.nanoTime() - startNanos) / 1e9;
            assertThat(callTotal(live).isMissingNode()).as("the phone total in " + live).isFalse();
            assertThat(callTotal(live).path("today").path("answered").asLong()).as("answered calls in " + live).isPositive();
            Instant clock = Instant.parse(live.path("clock").asText());
            assertThat(Duration.between(clockStart, clock)).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            // The demo's figures are simulated, and the health check says so from the start.
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(health.body()).path("simulated").asBoolean()).as("simulated in " + health.body()).isTrue();
            System.out.printf("demo: first figures %.1f s after the command, at %s on its clock (started %s)%n",
                    secondsToFigures, clock, clockStart);

            // The console: the board's address is the last line, after no warning (neither the
            // product's nor Kafka's start-up retries such as CONCURRENT_TRANSACTIONS).
            Thread.sleep(3000);
            List<String> later = Files.readAllLines(log);
            assertThat(later).as("the console").noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                    || line.contains("CONCURRENT_TRANSACTIONS"));
            assertThat(later.get(later.size() - 1)).isEqualTo(address);
        } finally {
            demo.destroy();
            demo.waitFor();
        }
    }

    /** The phone channel's total row of /api/contacts/live, or a missing node. */
    private static JsonNode callTotal(JsonNode live) {
        for (JsonNode queue : live.path("queues")) {
            if (queue.path("channel").asText().equals("CALL") && queue.path("queue").asText().equals("ALL")) {
                return queue;
            }
        }
        return live.path("no phone total");
    }
}
