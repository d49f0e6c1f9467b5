package nl.kic.analytics.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The Debian programs the tests run (promtool, prometheus, poppler-utils …), and the files of the repository they check. */
public final class Programs {
    /** The repository root: the tests run in streams-app/. */
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    static final Path DASHBOARDS = REPOSITORY.resolve("dashboards");
    static final Path DOCKER = REPOSITORY.resolve("docker");

    public record Result(int exitCode, String output) {
    }

    private Programs() {
    }

    /** Skips the test, with a message on the console, when a program is not installed. */
    public static Path require(String program, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        System.out.println("SKIPPED: " + program + " is not installed (apt-get install " + debianPackage + "); CI installs it.");
        Assumptions.abort(program + " is not installed");
        return null;
    }

    public static Result run(Path workingDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
