package nl.kic.analytics.cli;

import java.util.concurrent.Callable;
import nl.kic.analytics.app.export.FigureExporter;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.serde.StoredFormatException;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.serving.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the application against an external Kafka and schema registry (kic.bootstrap-servers, "
                + "kic.schema-registry-url), on the system clock, with the HTTP API on kic.http-port.")
final class RunCommand implements Callable<Integer> {
    /** The shortest internal secret run accepts: the instances' raw stores are behind it. */
    private static final int MIN_SECRET_LENGTH = 16;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        KicConfig config = configOptions.load();
        if (config.usesEmbeddedBroker()) {
            System.err.println("run needs kic.bootstrap-servers (or KIC_BOOTSTRAP_SERVERS); for a self-contained try-out use demo.");
            return 2;
        }
        if (config.schemaRegistryUrl().startsWith("mock://")) {
            // Records written by real producers carry ids of the real registry: with the in-memory
            // one every record would be dead-lettered as of an unknown schema.
            System.err.println("run needs a schema registry: set kic.schema-registry-url (or KIC_SCHEMA_REGISTRY_URL) to its URL; "
                    + "the in-memory " + config.schemaRegistryUrl() + " is for demo and replay only.");
            return 2;
        }
        if (config.access().internalSecret().isBlank()) {
            // Instances serve each other their raw stores: only they may ask.
            System.err.println("run needs kic.http.internal-secret (or KIC_HTTP_INTERNAL_SECRET), the secret the instances share "
                    + "for their internal endpoint; see docs/operations.md, \"Security\".");
            return 2;
        }
        if (config.access().internalSecret().length() < MIN_SECRET_LENGTH) {
            System.err.println("kic.http.internal-secret must be at least " + MIN_SECRET_LENGTH + " characters long: "
                    + "whoever knows it can read every store of every instance.");
            return 2;
        }
        Service service;
        try {
            service = Service.start(config, ApplicationClock.system());
        } catch (StoredFormatException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        System.out.printf("kic-analytics running against %s: %s://localhost:%d/%n", config.bootstrapServers(),
                config.access().https() ? "https" : "http", service.api.port());
        AutoCloseable export = FigureExporter.startIfConfigured(service.app, service.meters);
        Shutdown.await(export, service);
        return 0;
    }
}
