package nl.kic.analytics.cli;

import java.time.LocalDate;
import nl.kic.analytics.platform.config.KicConfig;
import picocli.CommandLine.Option;

/** The options several commands share, each declared once; a command takes the ones it needs with {@code @Mixin}. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --seed}: the simulation's seed. */
    static final class Seed {
        @Option(names = "--seed", defaultValue = "2022", description = "Seed of the simulation; the same seed gives the same events. "
                + "Default: ${DEFAULT-VALUE}.")
        long seed;
    }

    /** {@code --from} and {@code --days}: a simulated period; each command has its own number of days by default. */
    static final class SimulatedDays {
        @Option(names = "--from", defaultValue = "2023-01-01", description = "First simulated day (Europe/Amsterdam). Default: ${DEFAULT-VALUE}.")
        LocalDate from;

        @Option(names = "--days", paramLabel = "N", description = "Number of simulated days (simulate: 30 by default; bench: 365, a KiC year, "
                + "about 2.7 million events).")
        Integer days;

        int days(int fallback) {
            return days != null ? days : fallback;
        }
    }

    /** {@code --bootstrap-server}: the Kafka to use instead of {@code kic.bootstrap-servers}. */
    static final class Broker {
        @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
                description = "The Kafka to use; default: kic.bootstrap-servers (for replay: an embedded broker).")
        String bootstrapServer;

        KicConfig applyTo(KicConfig config) {
            return bootstrapServer == null ? config : config.withBootstrapServers(bootstrapServer);
        }
    }

    /** {@code --schema-registry}: the registry to use instead of {@code kic.schema-registry-url}. */
    static final class Registry {
        @Option(names = "--schema-registry", paramLabel = "URL",
                description = "A Confluent-compatible schema registry, or mock://NAME for the in-memory one; default: kic.schema-registry-url "
                        + "(for replay: mock://replay).")
        String schemaRegistry;

        KicConfig applyTo(KicConfig config) {
            return schemaRegistry == null ? config : config.withSchemaRegistryUrl(schemaRegistry);
        }
    }
}
