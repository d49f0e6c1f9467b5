package nl.kic.analytics.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kic.analytics.app.ClusterStore;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.app.StaffingQuery;
import nl.kic.analytics.app.Staleness;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.Endpoint;
import nl.kic.analytics.domain.QueryParameters;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.contacts.Contacts;
import nl.kic.analytics.domain.contacts.LiveFigures;
import nl.kic.analytics.domain.emails.EmailCategoryNames;
import nl.kic.analytics.domain.emails.EmailRules;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.Tls;
import nl.kic.analytics.platform.time.Granularity;
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
 * {@code /api/health} needs one, as {@code Authorization: Bearer} or as the board's cookie. A screen
 * opens the board once as {@code /?token=…}: the page answers with the cookie (HttpOnly,
 * SameSite=Strict, Secure under HTTPS) and sends the screen to the same address without the token,
 * so that the token is in no screenshot, history or bookmark. The internal endpoint needs the
 * instances' shared secret when one is set. With a key store, the port speaks HTTPS only. The health check, the public
 * requests and the internal ones each run on threads of their own ({@link WebServer}): ten scrapes
 * never delay the health check, and a public request waiting on another instance never takes the
 * thread that instance's own request to this one needs.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = QueryParameters.JSON;
    private static final WebServer.Pool HEALTH = new WebServer.Pool("health", 2, 32);
    private static final WebServer.Pool PUBLIC = new WebServer.Pool("public", 8, 64);
    private static final WebServer.Pool INTERNAL = new WebServer.Pool("internal", 4, 64);

    /** The cookie in which a screen keeps its viewer token. */
    static final String TOKEN_COOKIE = "kic_viewer_token";

    /** Who may call a path. */
    private enum Audience { ANYONE, VIEWER, INSTANCE }

    private final KicApplication app;
    private final PrometheusMeterRegistry prometheus;
    private final LiveMetrics liveMetrics;
    private final WebServer server;
    private final KicConfig.Access access;
    private final TodayForecast todayForecast;

    public HttpApi(KicApplication app, PrometheusMeterRegistry prometheus, int port) throws IOException {
        this.app = app;
        this.prometheus = prometheus;
        this.access = app.config().access();
        this.liveMetrics = new LiveMetrics(app, prometheus);
        this.todayForecast = new TodayForecast(app.config());
        WebServer.Builder server = WebServer.on(app.config().httpBindAddress(), port)
                .tls(access.https() ? Tls.server(access) : null)
                .idleTimeout(app.config().httpIdleTimeout());
        route(server, "/", PUBLIC, Audience.VIEWER, this::wallboard);
        route(server, "/index.html", PUBLIC, Audience.VIEWER, this::wallboard);
        // The board's script and style hold no figures: a screen loads them without its token.
        route(server, "/wallboard.js", PUBLIC, Audience.ANYONE, e -> sendResource(e, "/wallboard/wallboard.js", "text/javascript; charset=utf-8"));
        route(server, "/wallboard.css", PUBLIC, Audience.ANYONE, e -> sendResource(e, "/wallboard/wallboard.css", "text/css; charset=utf-8"));
        route(server, "/api/health", HEALTH, Audience.ANYONE, this::health);
        for (Domain domain : app.domains().all()) {
            for (Endpoint endpoint : domain.endpoints()) {
                route(server, endpoint.path(), PUBLIC, Audience.VIEWER, exchange -> answer(exchange, endpoint));
            }
        }
        route(server, "/api/agents/live", PUBLIC, Audience.VIEWER, this::agentsLive);
        route(server, "/api/wallboard/settings", PUBLIC, Audience.VIEWER, this::wallboardSettings);
        route(server, "/api/staffing", PUBLIC, Audience.VIEWER, this::staffing);
        route(server, "/api/forecast", PUBLIC, Audience.VIEWER, this::forecast);
        route(server, "/api/forecast/today", PUBLIC, Audience.VIEWER, this::forecastToday);
        route(server, "/api/internal/store", INTERNAL, Audience.INSTANCE, this::internalStore);
        route(server, "/metrics", PUBLIC, Audience.VIEWER, this::prometheus);
        this.server = server.start();
    }

    private void route(WebServer.Builder server, String path, WebServer.Pool pool, Audience audience, WebServer.Route handler) {
        server.route(path, pool, exchange -> {
            String addressToken = audience == Audience.VIEWER && !access.viewerTokens().isEmpty() ? tokenInAddress(exchange) : null;
            if (addressToken != null) {
                exchangeTokenForCookie(exchange, addressToken);
            } else if (allowed(exchange, audience)) {
                handle(exchange, handler);
            }
        });
    }

    /** The board's page opened with {@code ?token=} (where viewer tokens are configured): its token, else null. */
    private static String tokenInAddress(Exchange exchange) {
        String path = exchange.path();
        if (!path.equals("/") && !path.equals("/index.html")) {
            return null;
        }
        try {
            return exchange.query().get("token");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A valid token in the board's address becomes its cookie, and the screen is sent to the same
     * address without it (the other parameters, such as lang and view, stay). An invalid one is 401.
     */
    private void exchangeTokenForCookie(Exchange exchange, String token) {
        if (!validViewerToken(token)) {
            refuseViewer(exchange);
            return;
        }
        if (!token.matches("[A-Za-z0-9._~+/=-]+")) {
            exchange.sendError(400, "this token has characters a cookie cannot hold; give the screen one of letters, digits and ._~+/=-");
            return;
        }
        StringBuilder rest = new StringBuilder();
        for (String parameter : exchange.rawQuery().split("&")) {
            if (!parameter.startsWith("token=") && !parameter.equals("token") && !parameter.isEmpty()) {
                rest.append(rest.length() == 0 ? "?" : "&").append(parameter);
            }
        }
        // A screen keeps its board over restarts; withdrawing the token on the server ends the cookie too.
        exchange.header("Set-Cookie", TOKEN_COOKIE + "=" + token + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict"
                + (access.https() ? "; Secure" : ""));
        exchange.header("Location", exchange.path() + rest);
        exchange.send(303, "text/plain; charset=utf-8", new byte[0]);
    }

    private static void refuseViewer(Exchange exchange) {
        exchange.header("WWW-Authenticate", "Bearer realm=\"kic-analytics\"");
        exchange.sendError(401, "a viewer token is required: Authorization: Bearer <token>");
    }

    private boolean validViewerToken(String token) {
        return token != null && access.viewerTokens().stream().anyMatch(t -> sameSecret(t, token));
    }

    /** Answers 401 (and returns false) unless the request may be served to its caller. */
    private boolean allowed(Exchange exchange, Audience audience) {
        if (audience == Audience.VIEWER && !access.viewerTokens().isEmpty()) {
            String token = bearerToken(exchange);
            if (!validViewerToken(token)) {
                refuseViewer(exchange);
                return false;
            }
        }
        if (audience == Audience.INSTANCE && !access.internalSecret().isBlank()) {
            String secret = exchange.header(ClusterStore.SECRET_HEADER);
            if (secret == null || !sameSecret(access.internalSecret(), secret)) {
                exchange.sendError(401, "the internal endpoint is for the application's own instances");
                return false;
            }
        }
        return true;
    }

    /** The token of {@code Authorization: Bearer}, else of the board's cookie. */
    private static String bearerToken(Exchange exchange) {
        String header = exchange.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return exchange.cookie(TOKEN_COOKIE);
    }

    /** Compares in constant time, so that the time of a refusal says nothing about the secret. */
    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    public int port() {
        return server.port();
    }

    private void handle(Exchange exchange, WebServer.Route handler) throws IOException {
        try {
            if (!exchange.method().equals("GET")) {
                exchange.sendError(405, "only GET is supported");
                return;
            }
            handler.handle(exchange);
        } catch (IllegalArgumentException e) {
            exchange.sendError(400, e.getMessage());
        } catch (InvalidStateStoreException e) {
            exchange.header("Retry-After", "1");
            exchange.sendError(503, "state stores are being rebuilt; try again shortly");
        }
    }

    private void wallboard(Exchange exchange) throws IOException {
        // Only the board's own script and style run: a name that reached the page as markup could not execute.
        exchange.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        sendResource(exchange, "/wallboard/index.html", "text/html; charset=utf-8");
    }

    private static void sendResource(Exchange exchange, String resource, String contentType) throws IOException {
        try (InputStream content = HttpApi.class.getResourceAsStream(resource)) {
            exchange.send(200, contentType, content.readAllBytes());
        }
    }

    /**
     * The board's thresholds and refresh interval, the time zone, and the e-mail categories: their
     * names as the report gives them, in the schema's order (the must-answer ones first), and which
     * must always be answered.
     */
    private void wallboardSettings(Exchange exchange) throws IOException {
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

    private void health(Exchange exchange) throws IOException {
        KafkaStreams.State state = app.streams().state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        ObjectNode body = JSON.createObjectNode();
        Optional<String> registryFault = app.registryUnavailableReason();
        if (up && registryFault.isPresent()) {
            // Still serving figures, but new input waits until the registry answers again.
            body.put("status", "DEGRADED").put("reason", "schema registry does not answer: " + registryFault.get());
        } else if (up && app.exportUnavailableReason().isPresent()) {
            // Still serving figures; the export waits for its database and catches up once it answers.
            body.put("status", "DEGRADED").put("reason", "export database does not answer: " + app.exportUnavailableReason().get());
        } else {
            body.put("status", state.name());
        }
        body.put("clock", app.clock().now().toString());
        // Simulated figures must never pass for real ones: said where every client looks first.
        body.put("simulated", app.simulated());
        sendJson(exchange, up ? 200 : 503, body);
    }

    /** A domain's answer, with the row limit and, where a standby replica answered, its staleness. */
    private void answer(Exchange exchange, Endpoint endpoint) throws IOException {
        Staleness staleness = new Staleness();
        Endpoint.Answer answer;
        try {
            answer = endpoint.answerer().answer(exchange.query(), app.reader(staleness));
        } catch (Endpoint.UnknownName unknown) {
            sendUnknown(exchange, unknown.parameter(), unknown.known());
            return;
        }
        if (withinRowLimit(exchange, answer.rows())) {
            sendFigures(exchange, answer.body(), staleness);
        }
    }

    /** Staffing on the past (docs/staffing.md): per channel and quarter hour, and per day with the fit. */
    private void staffing(Exchange exchange) throws IOException {
        Map<String, String> query = exchange.query();
        QueryParameters.Range range = QueryParameters.range(query, app.config().zone());
        Channel channel = QueryParameters.channel(query);
        int extraAgents = extraAgents(query.get("extraAgents"));
        Staleness staleness = new Staleness();
        StaffingQuery.Answer answer = app.queries(staleness).staffing().between(range.from(), range.to(), channel, extraAgents);
        if (!withinRowLimit(exchange, answer.intervals().size() + answer.days().size())) {
            return;
        }
        // Agents serve several queues of their channel, so staffing is per channel with its queues pooled; the answer says so.
        ObjectNode body = JSON.createObjectNode().put("queues", "ALL").put("normReachability", answer.normReachability())
                .put("extraAgents", extraAgents);
        ArrayNode intervals = body.putArray("intervals");
        for (StaffingQuery.IntervalStaffing i : answer.intervals()) {
            ObjectNode node = intervals.addObject()
                    .put("channel", i.channel())
                    .put("intervalStart", i.intervalStart().toString())
                    .put("offered", i.offered())
                    .put("arrivalsPerHour", i.arrivalsPerHour())
                    .put("ahtSeconds", i.ahtSeconds())
                    .put("agentsPresent", i.agentsPresent());
            node.putObject("patience")
                    .put("meanSeconds", i.patience().meanPatienceSeconds())
                    .put("lower95Seconds", i.patience().lower95Seconds())
                    .put("upper95Seconds", i.patience().upper95Seconds())
                    .put("abandonments", i.patience().abandonments());
            node.put("agentsForNorm", i.agentsForNorm())
                    .put("predictedReachability", i.predictedReachability())
                    .put("predictedReachabilityWithExtraAgents", i.predictedReachabilityWithExtra())
                    .put("measuredReachability", i.measuredReachability());
        }
        ArrayNode days = body.putArray("days");
        for (StaffingQuery.DayStaffing d : answer.days()) {
            days.addObject()
                    .put("channel", d.channel())
                    .put("dayStart", d.dayStart().toString())
                    .put("offered", d.offered())
                    .put("predictedReachability", d.predictedReachability())
                    .put("predictedReachabilityWithExtraAgents", d.predictedReachabilityWithExtra())
                    .put("measuredReachability", d.measuredReachability());
        }
        body.set("dailyFit", JSON.valueToTree(answer.dailyFit()));
        sendFigures(exchange, body, staleness);
    }

    /** The forecast from {@code from} for {@code weeks} weeks with its backtest (docs/forecast.md), from the figures before {@code from}. */
    private void forecast(Exchange exchange) throws IOException {
        Map<String, String> query = exchange.query();
        LocalDate from = ForecastParameters.from(query.get("from"));
        int weeks = ForecastParameters.weeks(query.get("weeks"));
        ZoneId zone = app.config().zone();
        Staleness staleness = new Staleness();
        Queries queries = app.queries(staleness);
        Instant start = from.atStartOfDay(zone).toInstant();
        List<ContactMetricsRow> history = queries.contactMetrics().rows(Granularity.FIFTEEN_MINUTES,
                ForecastQuery.historyFrom(from).atStartOfDay(zone).toInstant(), start, null, null);
        List<AgentPresenceQuery.Row> presence = queries.agentPresence(Granularity.FIFTEEN_MINUTES,
                from.minusWeeks(ForecastQuery.PLAN_WEEKS).atStartOfDay(zone).toInstant(), start);
        ForecastQuery.Answer answer = ForecastQuery.of(history, presence, null, from, weeks, app.config());
        if (!withinRowLimit(exchange, answer.rows().size())) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("from", from.toString()).put("weeks", weeks);
        ArrayNode rows = body.putArray("rows");
        for (ForecastQuery.Row row : answer.rows()) {
            rows.addObject()
                    .put("channel", row.channel())
                    .put("queue", row.queue())
                    .put("interval_start", row.intervalStart().toString())
                    .put("offered_forecast", row.offeredForecast())
                    .put("lower80", row.lower80())
                    .put("upper80", row.upper80())
                    .put("agents_needed", row.agentsNeeded())
                    .put("agents_planned", row.agentsPlanned())
                    .put("shortfall", row.shortfall());
        }
        body.set("backtest", JSON.valueToTree(answer.backtest().toMap()));
        sendFigures(exchange, body, staleness);
    }

    /** The wallboard's "verwacht vandaag": per channel today's forecast so far and for the day, and the calls offered so far. */
    private void forecastToday(Exchange exchange) throws IOException {
        Staleness staleness = new Staleness();
        Queries queries = app.queries(staleness);
        ObjectNode body = JSON.createObjectNode().put("clock", queries.clock().now().toString());
        ArrayNode channels = body.putArray("channels");
        for (TodayForecast.Channel channel : todayForecast.at(queries)) {
            channels.addObject().put("channel", channel.channel()).put("expectedSoFar", channel.expectedSoFar())
                    .put("expectedDay", channel.expectedDay()).put("offeredSoFar", channel.offeredSoFar());
        }
        sendFigures(exchange, body, staleness);
    }

    private static int extraAgents(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int extra = Integer.parseInt(value.trim());
            if (extra >= 0 && extra <= 1000) {
                return extra;
            }
        } catch (NumberFormatException e) {
            // answered below, without the value
        }
        throw new IllegalArgumentException("parameter 'extraAgents' must be a whole number from 0 to 1000");
    }

    /** 404 for a queue or category that is not in the data, with the names that are: a typo never reads as "no data". */
    private static void sendUnknown(Exchange exchange, String parameter, Set<String> known) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("error", "no such " + parameter + "; parameter '" + parameter
                + "' must be one of those listed under 'known'");
        ArrayNode names = body.putArray("known");
        known.forEach(names::add);
        sendJson(exchange, 404, body);
    }

    /** Answers 400 (and returns false) when an answer would hold more rows than kic.api.max-rows. */
    private boolean withinRowLimit(Exchange exchange, int rows) {
        int limit = app.config().apiMaxRows();
        if (rows <= limit) {
            return true;
        }
        exchange.sendError(400, "the answer would hold " + rows + " rows, more than the " + limit
                + " one request may (kic.api.max-rows); ask for a narrower range (from, to) or a coarser granularity");
        return false;
    }

    private void agentsLive(Exchange exchange) throws IOException {
        Staleness staleness = new Staleness();
        Queries queries = app.queries(staleness);
        ObjectNode body = JSON.createObjectNode().put("clock", app.clock().now().toString());
        // Each channel's agents once: those serving any of the channel's queues (queues seen in its live figures).
        Map<String, Set<String>> queuesByChannel = new TreeMap<>();
        for (LiveFigures figures : queries.liveFigures().figures()) {
            if (!figures.queue().equals(ContactMetricsRow.ALL_QUEUES)) {
                queuesByChannel.computeIfAbsent(figures.channel().name(), c -> new TreeSet<>()).add(figures.queue());
            }
        }
        body.setAll((ObjectNode) JSON.valueToTree(queries.agents().now(queuesByChannel)));
        sendFigures(exchange, body, staleness);
    }

    /**
     * Figures as JSON. Where a standby replica answered for a partition (kic.query.standby-max-lag-records
     * allows that), the answer says so in {@code staleness}; an answer without it is complete.
     */
    private static void sendFigures(Exchange exchange, ObjectNode body, Staleness staleness) throws IOException {
        if (staleness.stale()) {
            body.putObject("staleness").put("standbyPartitions", staleness.standbyPartitions())
                    .put("maxLagRecords", staleness.maxLagRecords());
        }
        sendJson(exchange, 200, body);
    }

    /**
     * Entries of a store in some of this instance's partitions, for another instance answering a
     * query ({@link nl.kic.analytics.app.ClusterStore}). Answers from local state only, never forwards.
     */
    private void internalStore(Exchange exchange) throws IOException {
        Map<String, String> query = exchange.query();
        List<Integer> partitions = new ArrayList<>();
        for (String p : query.getOrDefault("partitions", "").split(",")) {
            if (!p.isBlank()) {
                if (!p.trim().matches("\\d{1,6}")) {
                    throw new IllegalArgumentException("parameter 'partitions' must be partition numbers separated by commas");
                }
                partitions.add(Integer.parseInt(p.trim()));
            }
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] from;
        byte[] to;
        try {
            from = query.containsKey("from") ? decoder.decode(query.get("from")) : null;
            to = query.containsKey("to") ? decoder.decode(query.get("to")) : null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameters 'from' and 'to' must be keys in URL-safe Base64");
        }
        OptionalLong maxLagRecords = OptionalLong.empty();
        String lag = query.get("maxLagRecords");
        if (lag != null) {
            if (!lag.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("parameter 'maxLagRecords' must be a number of records");
            }
            maxLagRecords = OptionalLong.of(Long.parseLong(lag));
        }
        ClusterStore.Part part = app.localStoreEntries(query.get("name"), partitions, maxLagRecords, from, to);
        Base64.Encoder encoder = Base64.getUrlEncoder();
        ObjectNode body = JSON.createObjectNode().put("lagRecords", part.lagRecords());
        ArrayNode entries = body.putArray("entries");
        for (var kv : part.entries()) {
            entries.addArray().add(encoder.encodeToString(kv.key)).add(encoder.encodeToString(kv.value));
        }
        sendJson(exchange, 200, body);
    }

    private void prometheus(Exchange exchange) throws IOException {
        String body;
        // One scrape at a time: another's refresh must not remove series while this one is written.
        synchronized (liveMetrics) {
            liveMetrics.refresh();
            body = prometheus.scrape();
        }
        exchange.send(200, "text/plain; version=0.0.4; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendJson(Exchange exchange, int status, ObjectNode body) throws IOException {
        exchange.send(status, "application/json", JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
