package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert and recording rules with Debian's promtool (checked, unit-tested; a broken rule or a
 * changed threshold fails), and the docker-compose stack with Debian's docker-compose and promtool.
 */
class RulesAndStackIT {
    private static final Path RULES = Programs.DASHBOARDS.resolve("prometheus");

    @Test
    void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        Programs.Result check = Programs.run(RULES, promtool.toString(), "check", "rules", "rules.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        Programs.Result test = Programs.run(RULES, promtool.toString(), "test", "rules", "rules_test.yml");
        assertThat(test.exitCode()).as(test.output()).isZero();
    }

    @Test
    void aBrokenRuleOrAChangedThresholdFails(@TempDir Path dir) throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        String rules = Files.readString(RULES.resolve("rules.yml"));
        Files.copy(RULES.resolve("rules_test.yml"), dir.resolve("rules_test.yml"));

        Files.writeString(dir.resolve("rules.yml"), rules.replace("> 1800 and on()", "> and on()"));
        assertThat(Programs.run(dir, promtool.toString(), "check", "rules", "rules.yml").exitCode()).isNotZero();

        Files.writeString(dir.resolve("rules.yml"), rules.replace("window=\"15m\"} < 0.65", "window=\"15m\"} < 0.45"));
        assertThat(Programs.run(dir, promtool.toString(), "test", "rules", "rules_test.yml").exitCode()).isNotZero();
    }

    @Test
    void dockerComposeStackIsValid() throws Exception {
        Path compose = Programs.require("docker-compose", "docker-compose");
        Programs.Result result = Programs.run(Programs.DOCKER, compose.toString(), "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void stackPrometheusConfigurationIsValid(@TempDir Path dir) throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        // As mounted in the stack: the configuration with the rules beside it.
        Files.copy(Programs.DOCKER.resolve("prometheus.yml"), dir.resolve("prometheus.yml"));
        Files.copy(RULES.resolve("rules.yml"), dir.resolve("rules.yml"));
        Programs.Result result = Programs.run(dir, promtool.toString(), "check", "config", "prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
