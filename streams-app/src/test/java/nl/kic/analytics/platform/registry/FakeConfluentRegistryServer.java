package nl.kic.analytics.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on loopback that answers as the Confluent Schema Registry API reference documents
 * it (content type application/vnd.schemaregistry.v1+json, {"id": N}, {"schema": "..."},
 * {"is_compatible": true}, errors as {"error_code": 40403, "message": "..."}). Confluent's registry
 * itself cannot run on the build machines; this stands in for it and records every request.
 */
public final class FakeConfluentRegistryServer implements AutoCloseable {
    record Request(String method, String path, String contentType, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile HttpServer server;
    private final int port;
    private volatile boolean unavailable;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    final Map<String, Integer> subjectsRegistered = new ConcurrentHashMap<>();
    volatile int nextId;
    volatile boolean compatible = true;

    public FakeConfluentRegistryServer(int firstId) throws IOException {
        nextId = firstId;
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int port) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        listening.createContext("/", this::handle);
        listening.start();
        return listening;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening: calls get "connection refused" until {@link #listenAgain()}. Schemas are kept. */
    public void stopListening() {
        server.stop(0);
    }

    public void listenAgain() throws IOException {
        server = listen(port);
    }

    /** While set, every call is answered 503, as a registry behind a load balancer with no healthy node. */
    public void answerUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        requests.add(new Request(method, path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        if (unavailable) {
            respond(exchange, 503, "{\"error_code\":50301,\"message\":\"no healthy upstream\"}");
            return;
        }
        if (method.equals("POST") && path.matches("/subjects/[^/]+/versions")) {
            String subject = path.split("/")[2];
            int id = subjectsRegistered.computeIfAbsent(subject + body.get("schema").asText(), k -> {
                int assigned = nextId++;
                schemasById.put(assigned, body.get("schema").asText());
                return assigned;
            });
            respond(exchange, 200, "{\"id\":" + id + "}");
        } else if (method.equals("GET") && path.matches("/schemas/ids/\\d+")) {
            String schema = schemasById.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
            if (schema == null) {
                respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            } else {
                respond(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
            }
        } else if (method.equals("POST") && path.matches("/compatibility/subjects/[^/]+/versions/latest")) {
            String subject = path.split("/")[3];
            boolean known = subjectsRegistered.keySet().stream().anyMatch(k -> k.startsWith(subject + "{"));
            if (!known) {
                respond(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject '" + subject + "' not found.\"}");
            } else {
                respond(exchange, 200, "{\"is_compatible\":" + compatible + "}");
            }
        } else {
            respond(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
