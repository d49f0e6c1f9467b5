package nl.kic.analytics.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances;

/** A real Prometheus (Debian's package) scraping the given targets every second with the given rule files. */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String base;

    private PrometheusServer(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** {@code rules}: files copied into {@code dir}; {@code targets}: host:port of each scraped instance. */
    static PrometheusServer start(Path dir, List<Path> rules, List<String> targets) throws IOException {
        return start(dir, rules, targets, Duration.ofSeconds(1));
    }

    /** Scraping and evaluating every {@code interval}, with scrapes allowed to take that long. */
    static PrometheusServer start(Path dir, List<Path> rules, List<String> targets, Duration interval) throws IOException {
        Path prometheus = Programs.require("prometheus", "prometheus");
        Files.createDirectories(dir);
        List<String> ruleNames = new ArrayList<>();
        for (Path rule : rules) {
            Files.copy(rule, dir.resolve(rule.getFileName()));
            ruleNames.add(rule.getFileName().toString());
        }
        int port = RunningInstances.freePort();
        Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: " + interval.toSeconds() + "s, scrape_timeout: " + interval.toSeconds() + "s, evaluation_interval: "
                        + interval.toSeconds() + "s}",
                "rule_files: [" + String.join(", ", ruleNames) + "]",
                "scrape_configs:",
                "  - job_name: kic-analytics",
                "    static_configs: [{targets: ['" + String.join("', '", targets) + "']}]", ""));
        Process process = new ProcessBuilder(prometheus.toString(), "--config.file=prometheus.yml",
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusServer(process, "http://127.0.0.1:" + port);
    }

    JsonNode query(String expr) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    /** The result vector of an instant query. */
    JsonNode result(String expr) throws Exception {
        return query(expr).path("data").path("result");
    }

    /** The result vector of an instant query evaluated at {@code time}. */
    JsonNode result(String expr, Instant time) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + time.toEpochMilli() / 1000.0)
                .path("data").path("result");
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Waits until the query's result satisfies {@code done}; fails after {@code timeout}. */
    JsonNode await(String expr, Predicate<JsonNode> done, Duration timeout) throws Exception {
        return Await.until("Prometheus to answer " + expr + " as expected", timeout, () -> result(expr), done);
    }

    void awaitData(String expr) throws Exception {
        await(expr, result -> !result.isEmpty(), Duration.ofSeconds(90));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
