package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code run} refuses to start on settings that would lose or misread every record. */
class RunCommandIT {

    private static Process run(String... environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run");
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    @Test
    void runWithABrokerButNoRegistryExitsWithTwoNamingTheSetting() throws Exception {
        Process process = run("KIC_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(error.lines().filter(l -> !l.isBlank()).toList()).hasSize(1);
        assertThat(error).contains("kic.schema-registry-url").contains("mock://kic-analytics");
    }

    @Test
    void runWithoutABrokerExitsWithTwoNamingTheSetting() throws Exception {
        Process process = run();
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(error).contains("kic.bootstrap-servers");
    }

    @Test
    void runWithoutAnInternalSecretExitsWithTwoNamingTheSetting() throws Exception {
        Process process = run("KIC_BOOTSTRAP_SERVERS", "127.0.0.1:1", "KIC_SCHEMA_REGISTRY_URL", "http://127.0.0.1:1");
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(error.lines().filter(l -> !l.isBlank()).toList()).hasSize(1);
        assertThat(error).contains("kic.http.internal-secret");
    }

    @Test
    void runWithAnInternalSecretShorterThanSixteenCharactersExitsWithTwoWithoutEchoingIt() throws Exception {
        Process process = run("KIC_BOOTSTRAP_SERVERS", "127.0.0.1:1", "KIC_SCHEMA_REGISTRY_URL", "http://127.0.0.1:1",
                "KIC_HTTP_INTERNAL_SECRET", "fifteen-chars-x");
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(error).contains("kic.http.internal-secret").contains("16").doesNotContain("fifteen-chars-x");
    }

    @Test
    void anUnknownSettingIsNamedInAWarning() throws Exception {
        // A typo of kic.stream-threads; the run stops at the missing secret, after the settings were read.
        Process process = run("KIC_BOOTSTRAP_SERVERS", "127.0.0.1:1", "KIC_SCHEMA_REGISTRY_URL", "http://127.0.0.1:1",
                "KIC_STREAM_THREAD", "2");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("Unknown setting kic.stream.thread is ignored");
        assertThat(output).doesNotContain("kic.bootstrap.servers is ignored").doesNotContain("kic.schema.registry.url is ignored");
    }
}
