package nl.kic.analytics.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry served over the routes of Confluent's REST API that the application's client
 * uses (register, schema by id, compatibility), from a registry in this process. For {@code bench
 * --failover} and tests, which start {@code run} instances: {@code run} refuses the in-memory
 * registry, as records from real producers carry the ids of a real one. It is not a registry to run
 * a contact centre on: it keeps nothing when it stops.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** A schema of the events is a few kilobytes; a body this large is not one. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d{1,9})");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final SchemaRegistryClient registry;
    private final WebServer server;

    private SchemaRegistryServer(SchemaRegistryClient registry, String host, int port) throws IOException {
        this.registry = registry;
        this.server = WebServer.on(host, port)
                .otherwise(this::answer)
                .route("/", new WebServer.Pool("registry", 4, 64), this::answer)
                .start();
    }

    /** Serves {@code registry} on loopback at {@code port} (0: any free port). */
    public static SchemaRegistryServer start(SchemaRegistryClient registry, int port) throws IOException {
        return new SchemaRegistryServer(registry, "127.0.0.1", port);
    }

    /** The URL to give the clients ({@code kic.schema-registry-url}). */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private void answer(Exchange exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        try {
            Matcher register = REGISTER.matcher(path);
            Matcher byId = BY_ID.matcher(path);
            Matcher compatibility = COMPATIBILITY.matcher(path);
            if (method.equals("POST") && register.matches()) {
                int id = registry.register(subject(register), schema(exchange));
                send(exchange, 200, JSON.createObjectNode().put("id", id));
            } else if (method.equals("GET") && byId.matches()) {
                Schema schema = registry.schemaById(Integer.parseInt(byId.group(1)));
                send(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
            } else if (method.equals("POST") && compatibility.matches()) {
                boolean compatible = registry.isCompatible(subject(compatibility), schema(exchange));
                send(exchange, 200, JSON.createObjectNode().put("is_compatible", compatible));
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found");
            }
        } catch (InvalidSchema e) {
            error(exchange, 422, 42201, "Invalid schema");
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                error(exchange, 404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
            } else if (e.errorCode() == 409) {
                error(exchange, 409, 409, "Schema being registered is incompatible with an earlier schema");
            } else {
                error(exchange, 500, 50001, "Error in the backend data store");
            }
        }
    }

    private static String subject(Matcher matched) {
        return URLDecoder.decode(matched.group(1), StandardCharsets.UTF_8);
    }

    /** The schema of a request body {"schema": "..."}; the body is never quoted back. */
    private static Schema schema(Exchange exchange) throws InvalidSchema {
        try {
            JsonNode body = JSON.readTree(exchange.body(MAX_BODY_BYTES));
            JsonNode schema = body == null ? null : body.get("schema");
            if (schema == null || !schema.isTextual()) {
                throw new InvalidSchema();
            }
            return new Schema.Parser().parse(schema.asText());
        } catch (IOException | SchemaParseException e) {
            throw new InvalidSchema();
        }
    }

    /** A request body that is not {"schema": "<an Avro schema>"}. */
    private static final class InvalidSchema extends Exception {
        InvalidSchema() {
            super(null, null, false, false);
        }
    }

    private static void send(Exchange exchange, int status, JsonNode body) throws IOException {
        exchange.send(status, CONTENT_TYPE, JSON.writeValueAsBytes(body));
    }

    private static void error(Exchange exchange, int status, int errorCode, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    @Override
    public void close() {
        server.close();
    }
}
