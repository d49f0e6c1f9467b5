package nl.kic.analytics.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import nl.kic.analytics.Await;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.TestKeyStore;
import nl.kic.analytics.app.ClusterStore;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.Tls;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server against clients that are slow, broken or hostile, over HTTPS as in production:
 * connections that never finish a request or a TLS handshake neither stall anyone else nor stay
 * open; requests the server cannot take get JSON answers that repeat nothing of the request.
 */
@ExtendWith(SharedBroker.class)
class HostileHttpIT {
    private static final String SECRET = "hostile-http-it-secret";
    private static final int IDLE_TIMEOUT_SECONDS = 3;

    @Test
    void slowAndMalformedRequestsNeitherStallTheServerNorGetAnythingButAJsonAnswer(TestKafka kafka, @TempDir Path dir) throws Exception {
        Properties p = kafka.config().withStateDir(dir.resolve("state"))
                .withSchemaRegistryUrl("mock://hostile-http-it").withHttpPort(0).toProperties();
        p.setProperty("kic.http.internal-secret", SECRET);
        TestKeyStore.useForHttps(dir, p);
        p.setProperty("kic.http.idle-timeout-seconds", Integer.toString(IDLE_TIMEOUT_SECONDS));
        p.setProperty("kic.api.max-rows", "2000");
        KicConfig config = KicConfig.fromProperties(p);
        SSLContext tls = Tls.client(config.access());
        try (Service service = Service.start(config, new ManualClock(Instant.parse("2023-03-01T10:00:00Z")))) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            int port = service.api.port();
            HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();

            // One connection sends the first byte of a TLS handshake, another half a request's
            // headers; both then wait.
            Socket halfHandshake = new Socket("localhost", port);
            halfHandshake.getOutputStream().write(0x16);
            halfHandshake.getOutputStream().flush();
            long halfHandshakeSent = System.nanoTime();
            SSLSocket halfRequest = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
            halfRequest.startHandshake();
            halfRequest.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            halfRequest.getOutputStream().flush();
            long halfRequestSent = System.nanoTime();
            CompletableFuture<Double> halfHandshakeClosed = closedAfter(halfHandshake, halfHandshakeSent);
            CompletableFuture<Double> halfRequestClosed = closedAfter(halfRequest, halfRequestSent);

            for (int i = 0; i < 50; i++) {
                HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as("health check " + i + " with the two connections held").isEqualTo(200);
            }
            // The server closes each within its idle timeout (and two seconds).
            assertThat(halfHandshakeClosed.get()).isLessThanOrEqualTo(IDLE_TIMEOUT_SECONDS + 2.0);
            assertThat(halfRequestClosed.get()).isLessThanOrEqualTo(IDLE_TIMEOUT_SECONDS + 2.0);

            healthAnswersDuringTenScrapes(https, port);

            // Three thousand queue names: /metrics labels the hundred with the most contacts today (ties by
            // name) and says how many it left out; the health check answers during ten such scrapes.
            try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
                for (int i = 1; i <= 3000; i++) {
                    offered(producer, "m" + i, String.format("q%04d", i));
                }
                offered(producer, "m3000-again", "q3000");
            }
            // The queues' count comes from the live figures, their ranking and the rows below from the
            // interval store, which is filled after a repartition and its own commit: wait for all of it.
            service.app.awaitProcessed(Duration.ofSeconds(60));
            String metrics = Await.until("3,000 queues on /metrics", Duration.ofSeconds(60),
                    () -> https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body(),
                    // q3000's second contact may be counted after the others: it then ranks first.
                    body -> body.contains("kic_metrics_queues_left_out 2900.0") && body.contains("queue=\"q3000\"")
                            && body.contains("queue=\"q0001\"") && body.contains("queue=\"q0099\"")
                            && !body.contains("queue=\"q0100\"") && !body.contains("queue=\"q2999\""));
            assertThat(metrics.length()).isLessThan(1_000_000);
            assertThat(metrics).contains("queue=\"q3000\"").contains("queue=\"q0001\"").contains("queue=\"q0099\"")
                    .doesNotContain("queue=\"q0100\"").doesNotContain("queue=\"q2999\"");
            healthAnswersDuringTenScrapes(https, port);

            // What the server refuses by itself, as JSON naming nothing of the request.
            assertJsonError(raw(tls, port, "GET /api/contacts/metrics?granularity=day&from=%zz HTTP/1.1\r\nHost: localhost\r\n"), 400, "%zz");
            assertJsonError(raw(tls, port, "GET /%zz HTTP/1.1\r\nHost: localhost\r\n"), 400, "%zz");
            assertJsonError(raw(tls, port, "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n"), 431, "bbbb");
            assertJsonError(raw(tls, port, "GET /api/health?" + "u".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n"), 414, "uuuu");
            assertJsonError(raw(tls, port, "GET /no-such-page-xyz HTTP/1.1\r\nHost: localhost\r\n"), 404, "xyz");

            // Parameters: a '+' of an offset written literally is taken as one; impossible values are
            // refused with the parameter's name, never its value.
            assertThat(raw(tls, port, "GET /api/contacts/metrics?granularity=day&from=2023-03-01T10:00+01:00 HTTP/1.1\r\nHost: localhost\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertJsonError(raw(tls, port, "GET /api/contacts/metrics?granularity=day&from=2023-03-02&to=2023-03-01 HTTP/1.1\r\nHost: localhost\r\n"),
                    400, "2023-03-02");
            assertJsonError(raw(tls, port, "GET /api/contacts/metrics?granularity=day&from=%2B999999999-12-31T23:59:59Z HTTP/1.1\r\nHost: localhost\r\n"),
                    400, "999999999");
            assertJsonError(raw(tls, port, "GET /api/contacts/metrics?granularity=fortnightly HTTP/1.1\r\nHost: localhost\r\n"), 400, "fortnightly");
            assertJsonError(raw(tls, port, "GET /api/contacts/metrics?granularity=day&channel=PIGEON HTTP/1.1\r\nHost: localhost\r\n"), 400, "PIGEON");
            String internal = "Host: localhost\r\n" + ClusterStore.SECRET_HEADER + ": " + SECRET + "\r\n";
            assertJsonError(raw(tls, port, "GET /api/internal/store?name=contact-interval-store&partitions=abc HTTP/1.1\r\n" + internal), 400, "abc");
            assertJsonError(raw(tls, port, "GET /api/internal/store?name=no-such-storeq&partitions=0 HTTP/1.1\r\n" + internal), 400, "no-such-storeq");
            // A store the queries do not read, and a partition the store does not have.
            assertJsonError(raw(tls, port, "GET /api/internal/store?name=contact-state-store&partitions=0 HTTP/1.1\r\n" + internal),
                    400, "contact-state-store");
            // The attempts of each caller never leave their task: only caller rows travel between instances.
            assertJsonError(raw(tls, port, "GET /api/internal/store?name=caller-state-store&partitions=0 HTTP/1.1\r\n" + internal),
                    400, "caller-state-store");
            assertJsonError(raw(tls, port, "GET /api/callers/metrics?granularity=15m HTTP/1.1\r\nHost: localhost\r\n"), 400, "<");
            assertJsonError(raw(tls, port, "GET /api/internal/store?name=contact-interval-store&partitions=99999 HTTP/1.1\r\n" + internal),
                    400, "99999");

            // A queue or category not in the data is 404 with the names that are; a queue that is, 200.
            String unknownQueue = raw(tls, port, "GET /api/contacts/metrics?granularity=day&queue=q9999 HTTP/1.1\r\nHost: localhost\r\n");
            assertJsonError(unknownQueue, 404, "q9999");
            assertThat(unknownQueue).contains("\"known\":[\"ALL\",\"q0001\",\"q0002\"").contains("\"q3000\"]");
            assertThat(raw(tls, port, "GET /api/contacts/metrics?granularity=day&queue=q0001&from=2023-01-01&to=2023-01-02 HTTP/1.1\r\n"
                    + "Host: localhost\r\n")).startsWith("HTTP/1.1 200").contains("\"rows\":[]");
            String unknownCategory = raw(tls, port, "GET /api/emails/metrics?granularity=day&category=PIGEONS HTTP/1.1\r\nHost: localhost\r\n");
            assertJsonError(unknownCategory, 404, "PIGEONS");
            assertThat(unknownCategory).contains("\"ALL\"").contains("\"URGENT\"");
            // 3,001 rows of one day (3,000 queues and ALL) are more than kic.api.max-rows (2,000); one queue is not.
            assertJsonError(raw(tls, port, "GET /api/contacts/metrics?granularity=day HTTP/1.1\r\nHost: localhost\r\n"), 400, "q0001");
            assertThat(raw(tls, port, "GET /api/contacts/metrics?granularity=day HTTP/1.1\r\nHost: localhost\r\n"))
                    .contains("3001 rows").contains("2000");
            assertThat(raw(tls, port, "GET /api/contacts/metrics?granularity=day&queue=q0001 HTTP/1.1\r\nHost: localhost\r\n"))
                    .startsWith("HTTP/1.1 200").contains("\"offered\":1").doesNotContain("staleness");
            // Every partition read from its active instance: the figures are complete and say so.
            assertThat(metrics).contains("kic_figures_complete 1.0");
        }
    }

    /** How many seconds after {@code sentNanos} the server closed {@code socket}: the read ends or fails. */
    private static CompletableFuture<Double> closedAfter(Socket socket, long sentNanos) {
        return CompletableFuture.supplyAsync(() -> {
            try (socket; InputStream in = socket.getInputStream()) {
                socket.setSoTimeout((IDLE_TIMEOUT_SECONDS + 30) * 1000);
                try {
                    while (in.read() != -1) {
                        // whatever the server says before it closes
                    }
                } catch (SocketTimeoutException stillOpen) {
                    return Double.MAX_VALUE;
                } catch (IOException closed) {
                    // reset by the server: closed
                }
                return (System.nanoTime() - sentNanos) / 1e9;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Sends {@code head} (request line and headers, without the blank line) over TLS and returns the whole answer. */
    private static String raw(SSLContext tls, int port, String head) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (IOException resetAfterAnswer) {
                // the server may close the connection right after an error answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertJsonError(String answer, int status, String notEchoed) {
        assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase(Locale.ROOT)).as(answer).contains("content-type: application/json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).as(answer).contains("\"error\"").doesNotContain(notEchoed).doesNotContain("<");
    }

    private static void offered(EventProducer producer, String id, String queue) {
        producer.send(ContactEvent.newBuilder().setEventId(id).setContactId(id).setChannel(Channel.CALL).setType(ContactEventType.OFFERED)
                .setQueue(queue).setOccurredAt(Instant.parse("2023-03-01T09:00:00Z")).build());
    }

    /** Ten scrapes of /metrics at once, and the health check answers meanwhile. */
    private static void healthAnswersDuringTenScrapes(HttpClient https, int port) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            scrapes.add(https.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
            assertThat(scrape.get().statusCode()).isEqualTo(200);
        }
    }
}
