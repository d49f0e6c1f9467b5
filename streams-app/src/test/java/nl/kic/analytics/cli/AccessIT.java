package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.TestKeyStore;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.Tls;
import nl.kic.analytics.serving.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side as {@code run} serves it with access configured: HTTPS from a key store (made here
 * with the JDK's keytool), viewer tokens for the wallboard, the figures and /metrics, the shared
 * secret for the internal endpoint; the health check stays open.
 */
@ExtendWith(SharedBroker.class)
class AccessIT {
    private static final String TOKEN = "wallboard-hall-2f9c";
    private static final String SECRET = "instances-7d1e";

    @Test
    void withTokensAndASecretEveryPathButHealthNeedsItsCredentialOverHttps(TestKafka kafka, @TempDir Path dir) throws Exception {
        Properties p = kafka.config().withStateDir(dir.resolve("state"))
                .withSchemaRegistryUrl("mock://access-it").withHttpPort(0).toProperties();
        p.setProperty("kic.http.viewer-tokens", TOKEN);
        p.setProperty("kic.http.internal-secret", SECRET);
        TestKeyStore.useForHttps(dir, p);
        KicConfig config = KicConfig.fromProperties(p);
        try (Service service = Service.start(config, new ManualClock(Instant.parse("2023-03-01T10:00:00Z")))) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            HttpClient https = HttpClient.newBuilder().sslContext(Tls.client(config.access())).build();
            String base = "https://localhost:" + service.api.port();

            assertThat(status(https, base + "/api/health", null, null)).isEqualTo(200);
            for (String path : new String[] {"/", "/api/contacts/live", "/api/emails/live", "/api/agents/live",
                    "/api/wallboard/settings", "/metrics", "/api/contacts/metrics?granularity=day"}) {
                assertThat(status(https, base + path, null, null)).as(path + " without a token").isEqualTo(401);
                assertThat(status(https, base + path, "Bearer not-" + TOKEN, null)).as(path + " with a wrong token").isEqualTo(401);
                assertThat(status(https, base + path, "Bearer " + TOKEN, null)).as(path + " with the token").isEqualTo(200);
            }
            HttpResponse<String> refused = https.send(HttpRequest.newBuilder(URI.create(base + "/api/contacts/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"kic-analytics\"");
            // A screen opens the wallboard by address once: the token becomes the board's cookie, and the
            // screen goes to the same address without it, its other parameters kept. Only the page does this.
            HttpResponse<String> opened = https.send(HttpRequest.newBuilder(URI.create(base + "/?lang=en&token=" + TOKEN + "&view=telefoon"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).isEqualTo(303);
            assertThat(opened.headers().firstValue("Location")).contains("/?lang=en&view=telefoon");
            String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("kic_viewer_token=" + TOKEN + ";").contains("HttpOnly").contains("SameSite=Strict").contains("Secure");
            assertThat(status(https, base + "/?token=not-" + TOKEN, null, null)).isEqualTo(401);
            assertThat(status(https, base + "/api/contacts/live?token=" + TOKEN, null, null)).isEqualTo(401);
            for (String path : new String[] {"/?lang=en&view=telefoon", "/api/contacts/live", "/metrics"}) {
                assertThat(https.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", "kic_viewer_token=" + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(path + " with the cookie").isEqualTo(200);
                assertThat(https.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", "kic_viewer_token=not-" + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(path + " with a wrong cookie").isEqualTo(401);
            }
            // The page's script and style hold no figures: a screen loads them without its token.
            assertThat(status(https, base + "/wallboard.js", null, null)).isEqualTo(200);
            assertThat(status(https, base + "/wallboard.css", null, null)).isEqualTo(200);
            assertThat(status(https, base + "/wallboard.js.map", null, null)).isEqualTo(404);

            String internal = base + "/api/internal/store?name=contact-interval-store&partitions=0";
            assertThat(status(https, internal, "Bearer " + TOKEN, null)).as("a viewer token is not the secret").isEqualTo(401);
            assertThat(status(https, internal, null, "wrong")).isEqualTo(401);
            assertThat(status(https, internal, null, SECRET)).isEqualTo(200);

            // The port speaks HTTPS only.
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.api.port()
                    + "/api/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    private static int status(HttpClient client, String url, String authorization, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (secret != null) {
            request.header("X-Kic-Internal-Secret", secret);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
