package nl.kic.analytics.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.kic.analytics.app.ClusterStore;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.config.Tls;
import nl.kic.analytics.contacts.ContactMetricsRow;
import nl.kic.analytics.contacts.LiveFigures;
import nl.kic.analytics.emails.EmailBacklog;
import nl.kic.analytics.emails.EmailCategoryNames;
import nl.kic.analytics.emails.EmailRules;
import nl.kic.analytics.emails.EmailMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the application on one port: the wallboard at {@code /}, the JSON API under
 * {@code /api/} (docs/api.md) and Prometheus at {@code /metrics}. While the state stores are
 * being (re)built the API answers 503 with Retry-After.
 *
 * <p>Access (docs/operations.md, "Security"): with viewer tokens configured, everything but
 * {@code /api/health} needs one, as {@code Authorization: Bearer} or, for the wallboard page that a
 * screen opens by URL, as {@code ?token=}; the internal endpoint needs the instances' shared secret
 * when one is set. With a key store, the port speaks HTTPS only. Internal requests run on their own
 * threads: a public request waiting on another instance then never takes the thread that instance's
 * own request to this one needs.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Who may call a path. */
    private enum Audience { ANYONE, VIEWER, INSTANCE }

    private final KicApplication app;
    private final PrometheusMeterRegistry prometheus;
    private final LiveMetrics liveMetrics;
    private final HttpServer server;
    private final KicConfig.Access access;
    private final ExecutorService publicRequests = Executors.newFixedThreadPool(4);
    private final ExecutorService internalRequests = Executors.newFixedThreadPool(4);

    public HttpApi(KicApplication app, PrometheusMeterRegistry prometheus, int port) throws IOException {
        this.app = app;
        this.prometheus = prometheus;
        this.access = app.config().access();
        this.liveMetrics = new LiveMetrics(app, prometheus);
        if (access.https()) {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(port), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(Tls.server(access)));
            this.server = https;
        } else {
            this.server = HttpServer.create(new InetSocketAddress(port), 0);
        }
        // The server's own thread only hands each request to the pool of its audience.
        server.setExecutor(Runnable::run);
        route("/", Audience.VIEWER, this::wallboard);
        // The board's script and style hold no figures: a screen loads them without its token.
        route("/wallboard.js", Audience.ANYONE, boardFile("/wallboard.js", "text/javascript; charset=utf-8"));
        route("/wallboard.css", Audience.ANYONE, boardFile("/wallboard.css", "text/css; charset=utf-8"));
        route("/api/health", Audience.ANYONE, this::health);
        route("/api/contacts/live", Audience.VIEWER, this::live);
        route("/api/contacts/metrics", Audience.VIEWER, this::metrics);
        route("/api/emails/live", Audience.VIEWER, this::emailLive);
        route("/api/agents/live", Audience.VIEWER, this::agentsLive);
        route("/api/wallboard/settings", Audience.VIEWER, this::wallboardSettings);
        route("/api/emails/metrics", Audience.VIEWER, this::emailMetrics);
        route("/api/internal/store", Audience.INSTANCE, this::internalStore);
        route("/metrics", Audience.VIEWER, this::prometheus);
        server.start();
    }

    private void route(String path, Audience audience, Handler handler) {
        ExecutorService pool = audience == Audience.INSTANCE ? internalRequests : publicRequests;
        server.createContext(path, exchange -> pool.execute(() -> {
            try {
                if (allowed(exchange, audience)) {
                    handle(exchange, handler);
                } else {
                    exchange.close();
                }
            } catch (IOException e) {
                log.debug("Request {} could not be answered: {}", path, e.getMessage());
                exchange.close();
            }
        }));
    }

    /** Answers 401 (and returns false) unless the request may be served to its caller. */
    private boolean allowed(HttpExchange exchange, Audience audience) throws IOException {
        if (audience == Audience.VIEWER && !access.viewerTokens().isEmpty()) {
            String token = bearerToken(exchange);
            if (token == null || access.viewerTokens().stream().noneMatch(t -> sameSecret(t, token))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"kic-analytics\"");
                sendJson(exchange, 401, error("a viewer token is required: Authorization: Bearer <token>"));
                return false;
            }
        }
        if (audience == Audience.INSTANCE && !access.internalSecret().isBlank()) {
            String secret = exchange.getRequestHeaders().getFirst(ClusterStore.SECRET_HEADER);
            if (secret == null || !sameSecret(access.internalSecret(), secret)) {
                sendJson(exchange, 401, error("the internal endpoint is for the application's own instances"));
                return false;
            }
        }
        return true;
    }

    private static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        // Only the wallboard page takes its token from the URL: a screen opens it by address.
        String path = exchange.getRequestURI().getPath();
        return path.equals("/") || path.equals("/index.html") ? query(exchange).get("token") : null;
    }

    /** Compares in constant time, so that the time of a refusal says nothing about the secret. */
    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
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
        // Only the board's own script and style run: a name that reached the page as markup could not execute.
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        sendResource(exchange, "/wallboard/index.html", "text/html; charset=utf-8");
    }

    /** Serves the board's file at exactly {@code path}. */
    private static Handler boardFile(String path, String contentType) {
        return exchange -> {
            if (exchange.getRequestURI().getPath().equals(path)) {
                sendResource(exchange, "/wallboard" + path, contentType);
            } else {
                sendJson(exchange, 404, error("no such page"));
            }
        };
    }

    private static void sendResource(HttpExchange exchange, String resource, String contentType) throws IOException {
        try (InputStream content = HttpApi.class.getResourceAsStream(resource)) {
            send(exchange, 200, contentType, content.readAllBytes());
        }
    }

    /**
     * The board's thresholds and refresh interval, the time zone, and the e-mail categories: their
     * names as the report gives them, in the schema's order (the must-answer ones first), and which
     * must always be answered.
     */
    private void wallboardSettings(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.valueToTree(app.config().wallboard());
        body.put("zone", app.config().zone().getId());
        ObjectNode names = body.putObject("categoryNames");
        ObjectNode dutch = names.putObject("nl");
        ObjectNode english = names.putObject("en");
        ArrayNode order = body.putArray("categoryOrder");
        ArrayNode mustAnswer = body.putArray("mustAnswerCategories");
        for (EmailCategory category : EmailCategory.values()) {
            dutch.put(category.name(), EmailCategoryNames.DUTCH.get(category));
            english.put(category.name(), EmailCategoryNames.ENGLISH.get(category));
            order.add(category.name());
            if (EmailRules.MUST_ANSWER.contains(category)) {
                mustAnswer.add(category.name());
            }
        }
        sendJson(exchange, 200, body);
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
        // Each channel's agents once: those serving any of the channel's queues (queues seen in its live figures).
        Map<String, Set<String>> queuesByChannel = new TreeMap<>();
        for (LiveFigures figures : app.liveFigures().figures()) {
            if (!figures.queue().equals(ContactMetricsRow.ALL_QUEUES)) {
                queuesByChannel.computeIfAbsent(figures.channel().name(), c -> new TreeSet<>()).add(figures.queue());
            }
        }
        body.setAll((ObjectNode) JSON.valueToTree(app.agents().now(queuesByChannel)));
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
        publicRequests.shutdownNow();
        internalRequests.shutdownNow();
    }
}
