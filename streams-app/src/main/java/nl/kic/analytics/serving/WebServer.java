package nl.kic.analytics.serving;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's HTTP server (Jetty), for the application's port and for {@code import --follow}'s
 * metrics. A connection that sends nothing (half a request, one byte of a TLS handshake) costs no
 * thread and is closed after the idle timeout; requests larger than the header limit are refused
 * (414, 431); every answer the server itself gives is JSON without any of the request's text. Each
 * route runs on a pool of its own with a bounded queue, so that a flood on one (ten scrapes of
 * /metrics) never delays another (the health check); a full queue answers 503 with Retry-After.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** The request line and headers together; a longer URI is answered 414, longer headers 431. */
    static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

    /** Answers one request. */
    public interface Route {
        void handle(Exchange exchange) throws IOException;
    }

    /** A pool of threads for some routes, with a queue of at most {@code queue} waiting requests. */
    public record Pool(String name, int threads, int queue) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, Routed> routes;
    private final Map<Pool, ExecutorService> pools = new LinkedHashMap<>();
    private final Route notFound;

    private record Routed(Route route, ExecutorService pool) {
    }

    private WebServer(Builder builder) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        if (builder.tls != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(builder.tls);
            connector = new ServerConnector(server, new SslConnectionFactory(tls, plain.getProtocol()), plain);
        } else {
            connector = new ServerConnector(server, plain);
        }
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        connector.setIdleTimeout(builder.idleTimeout.toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors());
        Map<String, Routed> routed = new LinkedHashMap<>();
        builder.routes.forEach((path, entry) -> routed.put(path, new Routed(entry.route(), pools.computeIfAbsent(entry.pool(), WebServer::executor))));
        this.routes = routed;
        this.notFound = builder.notFound;
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                dispatch(new Exchange(request, response, callback));
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("the HTTP server cannot start on port " + builder.port + ": " + e.getMessage(), e);
        }
    }

    public static Builder on(String host, int port) {
        return new Builder(host, port);
    }

    /** How the server is made: where it listens, with what, and its routes. */
    public static final class Builder {
        private final String host;
        private final int port;
        private SSLContext tls;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private final Map<String, RouteEntry> routes = new LinkedHashMap<>();
        private Route notFound = exchange -> exchange.sendError(404, "no such page");

        private record RouteEntry(Route route, Pool pool) {
        }

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Speaks HTTPS only, with {@code context}'s certificate, when it is not null. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /** How long a connection may send nothing (within a request, or between requests) before it is closed. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Serves {@code path} exactly with {@code route} on {@code pool}. */
        public Builder route(String path, Pool pool, Route route) {
            routes.put(path, new RouteEntry(route, pool));
            return this;
        }

        /** Answers every path without a route of its own (on the first route's pool); 404 by default. */
        public Builder otherwise(Route route) {
            this.notFound = route;
            return this;
        }

        public WebServer start() throws IOException {
            return new WebServer(this);
        }
    }

    private static ExecutorService executor(Pool pool) {
        AtomicInteger number = new AtomicInteger();
        return new ThreadPoolExecutor(pool.threads(), pool.threads(), 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(pool.queue()),
                runnable -> {
                    Thread thread = new Thread(runnable, "http-" + pool.name() + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private void dispatch(Exchange exchange) {
        Routed routed = routes.get(exchange.path());
        Route route = routed != null ? routed.route() : notFound;
        ExecutorService pool = routed != null ? routed.pool() : pools.values().iterator().next();
        try {
            pool.execute(() -> run(route, exchange));
        } catch (RejectedExecutionException e) {
            exchange.header("Retry-After", "1");
            exchange.sendError(503, "too many requests at once; try again shortly");
        }
    }

    private static void run(Route route, Exchange exchange) {
        try {
            route.handle(exchange);
        } catch (IOException | RuntimeException e) {
            log.error("Request {} failed", exchange.path(), e);
            exchange.sendError(500, "internal error");
        } finally {
            // A route that answered nothing still ends its request.
            exchange.sendError(500, "no answer");
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("Stopping the HTTP server: {}", e.getMessage());
        }
        pools.values().forEach(ExecutorService::shutdownNow);
    }

    /** Every error the server gives by itself (a bad request line, headers too large, …) as JSON, naming no input. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body(code)), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(body(status));
        }

        private static byte[] body(int code) {
            return ("{\"error\":\"" + HttpStatus.getMessage(code).toLowerCase(java.util.Locale.ROOT) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
