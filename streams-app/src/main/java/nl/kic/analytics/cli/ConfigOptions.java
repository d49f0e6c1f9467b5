package nl.kic.analytics.cli;

import java.io.IOException;
import java.nio.file.Path;
import nl.kic.analytics.platform.config.KicConfig;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by every command; the environment overrides the file. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings (see docs/configuration.md); KIC_* environment variables override it.")
    Path configFile;

    KicConfig load() throws IOException {
        return KicConfig.load(configFile, System.getenv());
    }
}
