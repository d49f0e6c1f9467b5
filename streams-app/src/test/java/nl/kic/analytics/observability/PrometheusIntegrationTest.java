package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kic.analytics.cli.Service;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.input.EventProducer;
import nl.kic.analytics.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.HttpApi;
import nl.kic.analytics.simulation.LiveSimulation;
import nl.kic.analytics.simulation.SimulationConfig;
import nl.kic.analytics.time.ApplicationClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline with simulated traffic, scraped by a real Prometheus (Debian's package) with the
 * project's rules: every query of every dashboard panel returns data, and every rule evaluates
 * without error.
 */
class PrometheusIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Values for the dashboards' variables, as a user would pick them. */
    private static final Map<String, String> VARIABLES = Map.of("$channel", "CALL", "$queue", ".+", "$target", "0.80", "$floor", "0.65");

    @Test
    void everyPanelQueryReturnsDataAndEveryRuleEvaluates(@TempDir Path dir) throws Exception {
        Path prometheus = Programs.require("prometheus", "prometheus");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            KicConfig config = KicConfig.defaults().withBootstrapServers(broker.bootstrapServers())
                    .withStateDir(dir.resolve("state")).withSchemaRegistryUrl("mock://prometheus-it");
            // The demo's clock, 60 times real time: the simulated KiC opens at 09:00 ten seconds in.
            ApplicationClock clock = ApplicationClock.accelerated(LiveSimulation.demoStart(config.calendar(), config.zone(), Instant.now()), 60);
            try (Service service = Service.start(config.withHttpPort(0), clock);
                 EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
                assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
                HttpApi api = service.api;
                LiveSimulation simulation = new LiveSimulation(SimulationConfig.kicDefaults(7), config.calendar(), config.zone(), clock, 3, producer::send);
                simulation.start();
                try {
                    Path rules = Files.copy(Programs.DASHBOARDS.resolve("prometheus/rules.yml"), dir.resolve("rules.yml"));
                    int port = freePort();
                    Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                            "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                            "rule_files: [" + rules.getFileName() + "]",
                            "scrape_configs:",
                            "  - job_name: kic-analytics",
                            "    static_configs: [{targets: ['127.0.0.1:" + api.port() + "']}]", ""));
                    Process server = new ProcessBuilder(prometheus.toString(), "--config.file=prometheus.yml",
                            "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                            .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
                    try {
                        String base = "http://127.0.0.1:" + port;
                        // Wait until the agents are in and contacts have outcomes, as seen through Prometheus.
                        awaitData(base, "kic_agents{state=\"available\"}");
                        awaitData(base, "kic_contacts_interval_offered{queue!=\"ALL\", period=\"today\"}");
                        awaitData(base, "kic:contacts_reachability_month");
                        Thread.sleep(3000); // rates need a few samples

                        List<String> failures = new ArrayList<>();
                        for (Path file : DashboardFilesTest.dashboards()) {
                            for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
                                for (JsonNode target : panel.path("targets")) {
                                    String expr = substitute(target.path("expr").asText());
                                    JsonNode answer = query(base, expr);
                                    if (!answer.path("status").asText().equals("success") || answer.path("data").path("result").isEmpty()) {
                                        failures.add(file.getFileName() + " / " + panel.path("title").asText() + ": " + expr + " -> " + answer);
                                    }
                                }
                            }
                        }
                        assertThat(failures).as("panel queries without data").isEmpty();

                        Matcher ruleExpr = Pattern.compile("^\\s+expr: (.+)$", Pattern.MULTILINE).matcher(Files.readString(rules));
                        int ruleCount = 0;
                        while (ruleExpr.find()) {
                            ruleCount++;
                            JsonNode answer = query(base, ruleExpr.group(1));
                            assertThat(answer.path("status").asText()).as(ruleExpr.group(1) + " -> " + answer).isEqualTo("success");
                        }
                        assertThat(ruleCount).isEqualTo(12);
                        // Prometheus itself evaluated every rule without error.
                        for (JsonNode group : get(base + "/api/v1/rules").path("data").path("groups")) {
                            for (JsonNode rule : group.path("rules")) {
                                assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": " + rule.path("lastError").asText()).isEqualTo("ok");
                            }
                        }
                    } finally {
                        server.destroy();
                        server.waitFor();
                    }
                } finally {
                    simulation.close();
                }
            }
        }
    }

    private static String substitute(String expr) {
        String result = expr;
        for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        return result;
    }

    private static void awaitData(String base, String expr) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                JsonNode answer = query(base, expr);
                if (!answer.path("data").path("result").isEmpty()) {
                    return;
                }
            } catch (java.io.IOException e) {
                // Prometheus not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus has no data for " + expr);
            }
            Thread.sleep(500);
        }
    }

    private static JsonNode query(String base, String expr) throws Exception {
        return get(base + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
