package nl.kic.analytics.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.platform.system.Directories;

/**
 * Debian's Chromium, driven through Debian's ChromeDriver with the W3C WebDriver protocol (plain
 * HTTP and JSON): open a page, run a script in it, take a screenshot. Started fresh for each test,
 * with a new empty profile and without background networking (the build machines have no internet).
 */
public final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;
    private final HttpClient http = HttpClient.newHttpClient();

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public HeadlessChromium() throws IOException, InterruptedException {
        int port = RunningInstances.freePort();
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        Await.until("chromedriver to start", Duration.ofSeconds(20), () -> call("GET", "/status", null).path("value").path("ready").asBoolean());
        profile = Files.createTempDirectory("kic-chromium-");
        ObjectNode options = JSON.createObjectNode().put("binary", CHROMIUM.toString());
        options.putArray("args").add("--headless").add("--no-sandbox").add("--disable-gpu").add("--disable-quic")
                .add("--no-first-run").add("--disable-background-networking").add("--disable-component-update")
                .add("--disable-sync").add("--window-size=1920,1080").add("--user-data-dir=" + profile);
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities.putObject("capabilities").putObject("alwaysMatch").set("goog:chromeOptions", options);
        session = call("POST", "/session", capabilities).path("value").path("sessionId").asText();
    }

    public void open(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", JSON.createObjectNode().put("url", url));
    }

    /** Sizes the window so that the page's viewport is {@code width} × {@code height} (the window has a frame of its own). */
    public void viewport(int width, int height) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/window/rect", JSON.createObjectNode().put("width", width).put("height", height));
        JsonNode inner = execute("return [innerWidth, innerHeight];");
        call("POST", "/session/" + session + "/window/rect", JSON.createObjectNode()
                .put("width", 2 * width - inner.get(0).asInt()).put("height", 2 * height - inner.get(1).asInt()));
    }

    /**
     * Runs {@code script} (a function body, with {@code arguments}) in the page and returns its result;
     * a promise it returns is awaited.
     */
    public JsonNode execute(String script, String... arguments) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        var args = body.putArray("args");
        for (String argument : arguments) {
            args.add(argument);
        }
        return call("POST", "/session/" + session + "/execute/sync", body).path("value");
    }

    public void screenshot(Path file) throws IOException, InterruptedException {
        String png = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + path + " answered " + response.statusCode() + ": " + json.path("value").path("message").asText());
        }
        return json;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            call("DELETE", "/session/" + session, null);
        } finally {
            driver.destroy();
            driver.waitFor();
            Directories.deleteRecursively(profile);
        }
    }
}
