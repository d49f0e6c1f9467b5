package nl.kic.analytics.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.kic.analytics.aggregation.ContactMetricsRow;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.emails.EmailBacklog;
import nl.kic.analytics.emails.EmailMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.live.LiveFigures;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the application on one port: the wallboard at {@code /}, the JSON API under
 * {@code /api/} (docs/api.md) and Prometheus at {@code /metrics}. While the state stores are
 * being (re)built the API answers 503 with Retry-After.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final KicApplication app;
    private final PrometheusMeterRegistry prometheus;
    private final LiveMetrics liveMetrics;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    public HttpApi(KicApplication app, PrometheusMeterRegistry prometheus, int port) throws IOException {
        this.app = app;
        this.prometheus = prometheus;
        this.liveMetrics = new LiveMetrics(app, prometheus);
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, this::wallboard));
        server.createContext("/api/health", exchange -> handle(exchange, this::health));
        server.createContext("/api/contacts/live", exchange -> handle(exchange, this::live));
        server.createContext("/api/contacts/metrics", exchange -> handle(exchange, this::metrics));
        server.createContext("/api/emails/live", exchange -> handle(exchange, this::emailLive));
        server.createContext("/api/agents/live", exchange -> handle(exchange, this::agentsLive));
        server.createContext("/api/wallboard/settings", exchange -> handle(exchange,
                e -> sendJson(e, 200, JSON.valueToTree(app.config().wallboard()))));
        server.createContext("/api/emails/metrics", exchange -> handle(exchange, this::emailMetrics));
        server.createContext("/api/internal/store", exchange -> handle(exchange, this::internalStore));
        server.createContext("/metrics", exchange -> handle(exchange, this::prometheus));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals("GET")) {
                sendJson(exchange, 405, error("only GET is supported"));
                return;
            }
            handler.handle(exchange);
        } catch (IllegalArgumentException e) {
            sendJson(exchange, 400, error(e.getMessage()));
        } catch (InvalidStateStoreException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            sendJson(exchange, 503, error("state stores are being rebuilt; try again shortly"));
        } catch (RuntimeException e) {
            log.error("Request {} failed", exchange.getRequestURI().getPath(), e);
            sendJson(exchange, 500, error("internal error"));
        } finally {
            exchange.close();
        }
    }

    private void wallboard(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            sendJson(exchange, 404, error("no such page: " + path));
            return;
        }
        try (InputStream page = HttpApi.class.getResourceAsStream("/wallboard/index.html")) {
            send(exchange, 200, "text/html; charset=utf-8", page.readAllBytes());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        KafkaStreams.State state = app.streams().state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        ObjectNode body = JSON.createObjectNode();
        java.util.Optional<String> registryFault = app.registryUnavailableReason();
        if (up && registryFault.isPresent()) {
            // Still serving figures, but new input waits until the registry answers again.
            body.put("status", "DEGRADED").put("reason", "schema registry does not answer: " + registryFault.get());
        } else {
            body.put("status", state.name());
        }
        body.put("clock", app.clock().now().toString());
        sendJson(exchange, up ? 200 : 503, body);
    }

    private void live(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("clock", app.clock().now().toString());
        ArrayNode queues = body.putArray("queues");
        for (LiveFigures figures : app.liveFigures().figures()) {
            queues.add(JSON.valueToTree(figures));
        }
        sendJson(exchange, 200, body);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        Granularity granularity = granularity(query);
        Instant from = TimeParameter.parse("from", query.get("from"), app.config().zone());
        Instant to = TimeParameter.parse("to", query.get("to"), app.config().zone());
        Channel channel = channel(query.get("channel"));
        ObjectNode body = JSON.createObjectNode().put("granularity", granularity.label());
        ArrayNode rows = body.putArray("rows");
        for (ContactMetricsRow row : app.contactMetrics().rows(granularity, from, to, channel, query.get("queue"))) {
            ObjectNode node = rows.addObject()
                    .put("channel", row.channel().name())
                    .put("queue", row.queue())
                    .put("intervalStart", row.intervalStart().toString());
            node.setAll((ObjectNode) JSON.valueToTree(row.figures()));
        }
        sendJson(exchange, 200, body);
    }

    private void emailMetrics(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        Granularity granularity = granularity(query);
        Instant from = TimeParameter.parse("from", query.get("from"), app.config().zone());
        Instant to = TimeParameter.parse("to", query.get("to"), app.config().zone());
        ObjectNode body = JSON.createObjectNode().put("granularity", granularity.label());
        ArrayNode rows = body.putArray("rows");
        for (EmailMetricsRow row : app.emailMetrics().rows(granularity, from, to, query.get("category"))) {
            ObjectNode node = rows.addObject()
                    .put("category", row.category())
                    .put("intervalStart", row.intervalStart().toString());
            node.setAll((ObjectNode) JSON.valueToTree(row.figures()));
        }
        sendJson(exchange, 200, body);
    }

    private void emailLive(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("clock", app.clock().now().toString());
        ArrayNode categories = body.putArray("categories");
        for (EmailBacklog backlog : app.emailBacklog().backlog()) {
            categories.add(JSON.valueToTree(backlog));
        }
        sendJson(exchange, 200, body);
    }

    private void agentsLive(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("clock", app.clock().now().toString());
        body.setAll((ObjectNode) JSON.valueToTree(app.agents().now()));
        sendJson(exchange, 200, body);
    }

    /**
     * Entries of a store in some of this instance's partitions, for another instance answering a
     * query ({@link nl.kic.analytics.app.ClusterStore}). Answers from local state only, never forwards.
     */
    private void internalStore(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        List<Integer> partitions = new java.util.ArrayList<>();
        for (String p : query.getOrDefault("partitions", "").split(",")) {
            if (!p.isBlank()) {
                partitions.add(Integer.parseInt(p.trim()));
            }
        }
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        byte[] from = query.containsKey("from") ? decoder.decode(query.get("from")) : null;
        byte[] to = query.containsKey("to") ? decoder.decode(query.get("to")) : null;
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode entries = body.putArray("entries");
        for (var kv : app.localStoreEntries(query.get("name"), partitions, Boolean.parseBoolean(query.get("stale")), from, to)) {
            entries.addArray().add(encoder.encodeToString(kv.key)).add(encoder.encodeToString(kv.value));
        }
        sendJson(exchange, 200, body);
    }

    private static Granularity granularity(Map<String, String> query) {
        String label = query.get("granularity");
        if (label == null) {
            throw new IllegalArgumentException("parameter 'granularity' is required: 15m, hour, day, week, month or year");
        }
        return Granularity.fromLabel(label);
    }

    private void prometheus(HttpExchange exchange) throws IOException {
        liveMetrics.refresh();
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private static Channel channel(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'channel' must be CALL or CHAT, not '" + value + "'");
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
