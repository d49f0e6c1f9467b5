package nl.kic.analytics.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code java -jar kic-analytics.jar <command>}: the one entry point; wiring happens in the commands. */
@Command(name = "kic-analytics",
        mixinStandardHelpOptions = true,
        version = "kic-analytics 0.1.0",
        description = "Real-time analytics for a public-service contact centre on Kafka Streams.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, SimulateCommand.class, BenchCommand.class, RedriveCommand.class, ImportCommand.class, ReportCommand.class, ErlangCommand.class, ForecastCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
