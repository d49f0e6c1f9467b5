package nl.kic.analytics.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a command that reads the figures (report, forecast) takes them from: exactly one source. */
final class FigureSourceOptions {
    @Option(names = "--input", paramLabel = "FILE", description = "JSON Lines file of events to replay (as for replay); repeatable. "
            + "The replay's output is kept in DIR/replay.")
    List<Path> inputs;

    @Option(names = "--replay-output", paramLabel = "DIR", description = "The output directory of an earlier replay.")
    Path replayOutput;

    @Option(names = "--api", paramLabel = "URL", description = "A running instance (http://host:8080), whose own figures are read; "
            + "its viewer token from KIC_API_TOKEN or --token-file.")
    URI api;

    @Option(names = "--token-file", paramLabel = "FILE", description = "With --api: a file holding the viewer token.")
    Path tokenFile;

    /** Whether exactly one source is given; else says so for {@code command} on standard error. */
    boolean exactlyOne(String command) {
        int sources = (inputs != null && !inputs.isEmpty() ? 1 : 0) + (replayOutput != null ? 1 : 0) + (api != null ? 1 : 0);
        if (sources != 1) {
            System.err.println(command + " needs exactly one source of figures: --input FILE, --replay-output DIR or --api URL.");
        }
        return sources == 1;
    }

    /** The viewer token for --api: from --token-file, else KIC_API_TOKEN; null without either. */
    String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile).trim();
        }
        String fromEnvironment = System.getenv("KIC_API_TOKEN");
        return fromEnvironment == null ? null : fromEnvironment.trim();
    }
}
