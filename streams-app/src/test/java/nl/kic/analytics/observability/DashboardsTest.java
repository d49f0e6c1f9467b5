package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard passes Grafana's own dashboard JSON schema (a copy in the test resources, from
 * grafana-foundation-sdk, with its licence notice), and each panel's options and custom field
 * settings pass the schema of its panel type.
 */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = DashboardsTest.class.getResourceAsStream("/grafana-schema/" + name)) {
            assertThat(in).as(name + " in the test resources").isNotNull();
            return JSON.readTree(in);
        }
    }

    /** One definition of a schema file as a schema of its own, its sibling definitions kept for its references. */
    private static Schema definition(String file, String definition) throws IOException {
        JsonNode source = resource(file);
        if (!source.path("definitions").has(definition)) {
            return null;
        }
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("$ref", "#/definitions/" + definition);
        schema.set("definitions", source.path("definitions"));
        return SCHEMAS.getSchema(JSON.writeValueAsString(schema));
    }

    private static List<String> errors(Schema schema, JsonNode instance, String where) throws IOException {
        List<String> messages = new ArrayList<>();
        for (Error error : schema.validate(JSON.writeValueAsString(instance), InputFormat.JSON)) {
            messages.add(where + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return messages;
    }

    @Test
    void everyDashboardPassesGrafanasDashboardSchema() throws IOException {
        Schema dashboardSchema = SCHEMAS.getSchema(JSON.writeValueAsString(resource("dashboard.jsonschema.json")));
        List<String> problems = new ArrayList<>();
        for (Path file : DashboardFilesTest.dashboards()) {
            problems.addAll(errors(dashboardSchema, JSON.readTree(Files.readString(file)), file.getFileName().toString()));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPanelsOptionsAndFieldSettingsPassTheSchemaOfItsType() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : DashboardFilesTest.dashboards()) {
            for (JsonNode panel : JSON.readTree(Files.readString(file)).path("panels")) {
                String type = panel.path("type").asText();
                String where = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(List.of("timeseries", "stat", "table")).as(where + ": a panel type whose schema the tests have").contains(type);
                Schema options = definition(type + ".jsonschema.json", "Options");
                problems.addAll(errors(options, panel.path("options"), where + " options"));
                Schema custom = definition(type + ".jsonschema.json", "FieldConfig");
                if (custom != null && panel.path("fieldConfig").path("defaults").has("custom")) {
                    problems.addAll(errors(custom, panel.path("fieldConfig").path("defaults").path("custom"), where + " fieldConfig.defaults.custom"));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaRefusesAVariableWithoutTheTextAndValueOfItsCurrentOption() throws IOException {
        // The check can fail: the fault the dashboards had before is caught.
        Schema dashboardSchema = SCHEMAS.getSchema(JSON.writeValueAsString(resource("dashboard.jsonschema.json")));
        ObjectNode dashboard = (ObjectNode) JSON.readTree("{\"title\":\"t\",\"schemaVersion\":39,\"panels\":[],\"annotations\":{\"list\":[]},"
                + "\"templating\":{\"list\":[{\"name\":\"datasource\",\"type\":\"datasource\",\"query\":\"prometheus\",\"current\":{}}]}}");
        assertThat(errors(dashboardSchema, dashboard, "sample")).anySatisfy(e -> assertThat(e).contains("current"));
        ((ObjectNode) dashboard.path("templating").path("list").get(0)).set("current", JSON.readTree("{\"text\":\"Prometheus\",\"value\":\"prometheus\"}"));
        assertThat(errors(dashboardSchema, dashboard, "sample")).isEmpty();
    }
}
