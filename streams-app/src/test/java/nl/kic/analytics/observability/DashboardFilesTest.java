package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Grafana dashboard: valid JSON, unique panel ids, a datasource variable and a query and unit on every panel. */
class DashboardFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(Programs.DASHBOARDS.resolve("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void thereAreTheSupervisorManagementAndPipelineDashboards() throws IOException {
        assertThat(dashboards()).extracting(p -> p.getFileName().toString())
                .containsExactly("management.json", "pipeline-health.json", "supervisor-live.json");
    }

    @Test
    void everyPanelHasAUniqueIdTheDatasourceVariableAQueryAndAUnit() throws IOException {
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile()); // fails on invalid JSON
            String name = file.getFileName().toString();
            assertThat(dashboard.path("uid").asText()).as(name + " uid").isNotEmpty();
            boolean hasDatasourceVariable = false;
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                hasDatasourceVariable |= variable.path("type").asText().equals("datasource") && variable.path("name").asText().equals("datasource");
            }
            assertThat(hasDatasourceVariable).as(name + " has a datasource variable").isTrue();
            Set<Integer> ids = new HashSet<>();
            assertThat(dashboard.path("panels").size()).as(name + " panels").isGreaterThan(0);
            for (JsonNode panel : dashboard.path("panels")) {
                String title = name + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(title + " has a unique id").isTrue();
                assertThat(panel.path("datasource").path("uid").asText()).as(title + " datasource").isEqualTo("${datasource}");
                assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).as(title + " unit").isNotEmpty();
                assertThat(panel.path("targets").size()).as(title + " queries").isGreaterThan(0);
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as(title + " query").isNotBlank();
                    assertThat(target.path("datasource").path("uid").asText()).as(title + " query datasource").isEqualTo("${datasource}");
                }
            }
        }
    }
}
