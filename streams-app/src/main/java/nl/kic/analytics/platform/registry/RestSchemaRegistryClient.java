package nl.kic.analytics.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio's ccompat API,
 * Karapace and Redpanda): {@code POST /subjects/{subject}/versions},
 * {@code GET /schemas/ids/{id}} and {@code POST /compatibility/subjects/{subject}/versions/latest}.
 * Registered ids and fetched schemas are cached: a schema id never changes its schema.
 *
 * <p>A registry fault that passes (not reachable, a timeout, 408, 429, 5xx) is asked again with a
 * growing pause, up to the registry wait; meanwhile {@link #unavailableReason()} says why, for the
 * health endpoint. Only after the registry wait does the call fail with the transient exception.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long one call keeps asking a registry that does not answer before it gives up. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);

    private final String baseUrl;
    private final HttpClient http;
    private final Duration wait;
    private volatile String unavailableReason;
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_WAIT);
    }

    public RestSchemaRegistryClient(String baseUrl, Duration wait) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.wait = wait;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectAndSchema.computeIfAbsent(subject + "\n" + schema, k -> {
            JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
            return response.path("id").asInt();
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, k -> {
            JsonNode response;
            try {
                response = send("GET", "/schemas/ids/" + id, null);
            } catch (SchemaRegistryException e) {
                if (e.errorCode() == 404 || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                    // A 404 on this path without Confluent's own code still means: no such id.
                    throw new SchemaRegistryException(e.getMessage(), SchemaRegistryException.SCHEMA_NOT_FOUND, 404);
                }
                throw e;
            }
            String type = response.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new SchemaRegistryException("Schema " + id + " is of type " + type + ", not AVRO", SchemaRegistryException.NOT_AVRO);
            }
            return new Schema.Parser().parse(response.path("schema").asText());
        });
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
            return response.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40401 || e.errorCode() == 40402) {
                return true; // no subject or version yet: nothing to be incompatible with
            }
            throw e;
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** One call, asked again while the registry's fault passes, up to the registry wait. */
    private JsonNode send(String method, String path, String body) {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                JsonNode answer = sendOnce(method, path, body);
                if (unavailableReason != null) {
                    log.info("Schema registry at {} answers again", baseUrl);
                    unavailableReason = null;
                }
                return answer;
            } catch (SchemaRegistryException e) {
                if (!e.isTransient()) {
                    unavailableReason = null;
                    throw e;
                }
                if (unavailableReason == null) {
                    log.warn("Schema registry at {} does not answer ({}); asking again for up to {}", baseUrl, e.getMessage(), wait);
                }
                unavailableReason = e.getMessage();
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private JsonNode sendOnce(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new SchemaRegistryException("Schema registry at " + baseUrl + " not reachable (" + why + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while calling the schema registry", e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            // A proxy's error page: the status says what happened.
            json = JSON.createObjectNode().put("message", "a body that is not JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException("Schema registry answered " + response.statusCode() + " to " + method + " " + path
                    + ": " + json.path("message").asText(""), json.path("error_code").asInt(response.statusCode()), response.statusCode());
        }
        return json;
    }
}
