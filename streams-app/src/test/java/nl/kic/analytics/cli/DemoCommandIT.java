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

            // The first answer of the API, on the port of KIC_HTTP_PORT, already has answered calls of
            // today; by the demo's own clock it comes within the first simulated minute.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double secondsToFigures = (System.nanoTime() - startNanos) / 1e9;
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode live = JSON.readTree(first.body());
            JsonNode callTotal = null;
            for (JsonNode queue : live.path("queues")) {
                if (queue.path("channel").asText().equals("CALL") && queue.path("queue").asText().equals("ALL")) {
                    callTotal = queue;
                }
            }
            assertThat(callTotal).as("the phone total in " + live).isNotNull();
            assertThat(callTotal.path("today").path("answered").asLong()).isPositive();
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
}
