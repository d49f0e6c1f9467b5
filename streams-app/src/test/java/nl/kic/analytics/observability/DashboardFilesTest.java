package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Grafana dashboard: valid JSON, unique panel ids, a datasource variable and a query (PromQL or SQL) and unit on every panel. */
class DashboardFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(Programs.DASHBOARDS.resolve("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The plugin id of a dashboard's data source: the query of its {@code datasource} variable. */
    static String datasourceType(Path file) throws IOException {
        for (JsonNode variable : JSON.readTree(file.toFile()).path("templating").path("list")) {
            if (variable.path("type").asText().equals("datasource") && variable.path("name").asText().equals("datasource")) {
                return variable.path("query").asText();
            }
        }
        return "";
    }

    /** The dashboards on Prometheus (the supervisor and pipeline boards); the management board reads PostgreSQL. */
    static List<Path> prometheusDashboards() throws IOException {
        List<Path> result = new ArrayList<>();
        for (Path file : dashboards()) {
            if (datasourceType(file).equals("prometheus")) {
                result.add(file);
            }
        }
        return result;
    }

    /** The dashboards on the PostgreSQL of the export (docs/export.md). */
    static List<Path> postgresDashboards() throws IOException {
        List<Path> result = new ArrayList<>();
        for (Path file : dashboards()) {
            if (datasourceType(file).equals("grafana-postgresql-datasource")) {
                result.add(file);
            }
        }
        return result;
    }

    @Test
    void theManagementBoardReadsPostgresAndTheSupervisorAndPipelineBoardsPrometheus() throws IOException {
        assertThat(postgresDashboards()).extracting(p -> p.getFileName().toString()).containsExactly("management.json");
        assertThat(prometheusDashboards()).extracting(p -> p.getFileName().toString()).containsExactly("pipeline-health.json", "supervisor-live.json");
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
                String queryField = datasourceType(file).equals("prometheus") ? "expr" : "rawSql";
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path(queryField).asText()).as(title + " query").isNotBlank();
                    assertThat(target.path("datasource").path("uid").asText()).as(title + " query datasource").isEqualTo("${datasource}");
                }
            }
        }
    }
}
