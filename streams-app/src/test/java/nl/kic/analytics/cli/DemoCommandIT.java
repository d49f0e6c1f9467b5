package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} as the README starts it, in its own JVM. */
class DemoCommandIT {

    @Test
    void demoListensOnKicHttpPortWhenNoPortIsGiven(@TempDir Path dir) throws Exception {
        int port = RunningInstances.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo");
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        builder.environment().put("KIC_HTTP_PORT", Integer.toString(port));
        Process demo = builder.redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            int status = Await.until("health on KIC_HTTP_PORT; see " + dir.resolve("demo.log"), Duration.ofSeconds(90),
                    () -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode(), code -> code == 200);
            assertThat(status).isEqualTo(200);
        } finally {
            demo.destroy();
            demo.waitFor();
        }
    }
}
