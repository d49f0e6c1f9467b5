package nl.kic.analytics.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KicConfigTest {

    @Test
    void settingsThatNoSettingReadsAreReportedAndKnownOnesAreNot() {
        Properties p = new Properties();
        p.setProperty("kic.stream-threads", "2");
        p.setProperty("kic.stream.threads", "2"); // the environment's spelling of the same setting
        p.setProperty("kic.shrot-abandon-threshold-seconds", "5");
        p.setProperty("kic.kafka.security.protocol", "SASL_SSL");
        p.setProperty("kic.internal.anything", "x");
        p.setProperty("other.setting", "y");
        assertThat(KicConfig.unknownKeys(p)).containsExactly("kic.shrot-abandon-threshold-seconds");
    }

    @Test
    void viewerTokensComeFromTheEnvironmentAndAFileAndAreNeverPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# the wallboard screens\nscreen-hall-1\n\n  screen-hall-2  \n");
        KicConfig config = KicConfig.load(null, Map.of("KIC_HTTP_VIEWER_TOKENS", "supervisor-a,supervisor-b",
                "KIC_HTTP_VIEWER_TOKENS_FILE", file.toString(), "KIC_HTTP_INTERNAL_SECRET", "s3cret"));
        assertThat(config.access().viewerTokens()).containsExactlyInAnyOrder("supervisor-a", "supervisor-b", "screen-hall-1", "screen-hall-2");
        assertThat(config.access().internalSecret()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("supervisor-a", "screen-hall-1", "s3cret");
        // A copy keeps them.
        assertThat(config.withHttpPort(0).access().viewerTokens()).hasSize(4);
    }

    @Test
    void kafkaSecuritySettingsReachThePlainClients() {
        Properties p = new Properties();
        p.setProperty("kic.bootstrap-servers", "broker:9093");
        p.setProperty("kic.kafka.security.protocol", "SASL_SSL");
        p.setProperty("kic.kafka.sasl.mechanism", "SCRAM-SHA-512");
        p.setProperty("kic.kafka.ssl.truststore.location", "/etc/kic/truststore.p12");
        p.setProperty("kic.kafka.num.standby.replicas", "1");
        Properties client = KicConfig.fromProperties(p).kafkaClientProperties();
        assertThat(client).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("ssl.truststore.location", "/etc/kic/truststore.p12")
                .doesNotContainKey("num.standby.replicas");
    }

    @Test
    void theMinimumCellSizeIsTenByDefaultAndAtLeastOne() {
        assertThat(KicConfig.defaults().privacyMinCell()).isEqualTo(10);
        Properties p = new Properties();
        p.setProperty("kic.privacy.min-cell", "1");
        assertThat(KicConfig.fromProperties(p).privacyMinCell()).isEqualTo(1);
        p.setProperty("kic.privacy.min-cell", "0");
        assertThatThrownBy(() -> KicConfig.fromProperties(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kic.privacy.min-cell").hasRootCauseMessage("must be 1 or more");
    }

    /** docs/configuration.md has a row for every setting, with its default, and no row for a setting that does not exist. */
    @Test
    void theDocumentedSettingsAreExactlyTheSettingsWithTheirDefaults() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../docs/configuration.md"))) {
            Matcher row = Pattern.compile("^\\| ([^|]+) \\| ([^|]+) \\|").matcher(line);
            if (!row.find() || !row.group(1).contains("`kic.")) {
                continue;
            }
            Matcher key = Pattern.compile("`(kic\\.[^`]+)`").matcher(row.group(1));
            while (key.find()) {
                documented.put(key.group(1), row.group(2).trim());
            }
        }
        documented.remove("kic.kafka.<setting>");
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(KicConfig.SETTINGS.stream().map(Setting::key).toList());
        for (Setting<?> setting : KicConfig.SETTINGS) {
            String cell = documented.get(setting.key());
            String written = written(setting);
            if (cell.startsWith("empty")) {
                assertThat(written).as(setting.key()).isEmpty();
            } else if (cell.startsWith("`") && !cell.contains("<")) {
                String value = cell.substring(1, cell.indexOf('`', 1));
                if (value.matches("-?[0-9.]+")) {
                    assertThat(Double.parseDouble(written)).as(setting.key()).isEqualTo(Double.parseDouble(value));
                } else {
                    assertThat(written).as(setting.key()).isEqualTo(value);
                }
            }
        }
    }

    private static <T> String written(Setting<T> setting) {
        return setting.format().apply(setting.defaultValue());
    }
}
