package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.serving.HttpApi;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.simulation.LiveSimulation;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline with simulated traffic, scraped by a real Prometheus (Debian's package) with the
 * project's rules: every query of every dashboard panel returns data, and every rule evaluates
 * without error.
 */
@ExtendWith(SharedBroker.class)
class PrometheusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values for the dashboards' variables, as a user would pick them. */
    private static final Map<String, String> VARIABLES = Map.of("$channel", "CALL", "$queue", ".+", "$target", "0.80", "$floor", "0.65");

    @Test
    void everyPanelQueryReturnsDataAndEveryRuleEvaluates(TestKafka kafka, @TempDir Path dir) throws Exception {
        Programs.require("prometheus", "prometheus"); // skips, with a message, where Prometheus is not installed
        KicConfig config = kafka.config()
                .withStateDir(dir.resolve("state")).withSchemaRegistryUrl("mock://prometheus-it");
        // The demo's clock, 60 times real time, from half an hour after the simulated KiC opened.
        ApplicationClock clock = ApplicationClock.accelerated(LiveSimulation.demoStart(config.calendar(), config.zone(), Instant.now()), 60);
        try (Service service = Service.start(config.withHttpPort(0), clock);
             EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            HttpApi api = service.api;
            LiveSimulation simulation = new LiveSimulation(SimulationConfig.kicDefaults(7), config.calendar(), config.zone(), clock, 3, producer::send);
            simulation.start();
            try (PrometheusServer server = PrometheusServer.start(dir.resolve("prometheus"),
                    List.of(Programs.DASHBOARDS.resolve("prometheus/rules.yml")), List.of("127.0.0.1:" + api.port()))) {
                // Wait until the agents are in and contacts have outcomes, as seen through Prometheus.
                server.awaitData("kic_agents{state=\"available\"}");
                server.awaitData("kic_contacts_interval_offered{queue!=\"ALL\", period=\"today\"}");
                server.awaitData("kic:contacts_reachability_month");
                Thread.sleep(3000); // rates need a few samples

                List<String> failures = new ArrayList<>();
                for (Path file : DashboardFilesTest.prometheusDashboards()) {
                    for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
                        for (JsonNode target : panel.path("targets")) {
                            String expr = substitute(target.path("expr").asText());
                            JsonNode answer = server.query(expr);
                            if (!answer.path("status").asText().equals("success") || answer.path("data").path("result").isEmpty()) {
                                failures.add(file.getFileName() + " / " + panel.path("title").asText() + ": " + expr + " -> " + answer);
                            }
                        }
                    }
                }
                assertThat(failures).as("panel queries without data").isEmpty();

                Matcher ruleExpr = Pattern.compile("^\\s+expr: (.+)$", Pattern.MULTILINE)
                        .matcher(Files.readString(Programs.DASHBOARDS.resolve("prometheus/rules.yml")));
                int ruleCount = 0;
                while (ruleExpr.find()) {
                    ruleCount++;
                    JsonNode answer = server.query(ruleExpr.group(1));
                    assertThat(answer.path("status").asText()).as(ruleExpr.group(1) + " -> " + answer).isEqualTo("success");
                }
                assertThat(ruleCount).isEqualTo(15);
                // Prometheus itself evaluated every rule without error.
                for (JsonNode group : server.get("/api/v1/rules").path("data").path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": " + rule.path("lastError").asText()).isEqualTo("ok");
                    }
                }
            } finally {
                simulation.close();
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
}
