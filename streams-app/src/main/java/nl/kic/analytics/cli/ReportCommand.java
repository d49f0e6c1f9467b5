package nl.kic.analytics.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.tools.report.Report;
import nl.kic.analytics.tools.report.ReportPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the report of a year or a month for management and parliament (docs/report.md): DIR/report.html, "
                + "report.pdf (tagged), report.md, report.csv and report.json, the manifest of what it was made from.",
                "Figures from exactly one of --input (replayed here), --replay-output or --api. "
                        + "Exit 0 when written, 1 when the period has no figures, the source or the note cannot be read, or --final is refused; "
                        + "2 for wrong options."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "A year (2023, shown per month) or a month (2023-03, shown per day).")
    String period;

    @Option(names = "--input", paramLabel = "FILE", description = "JSON Lines file of events to replay (as for replay); repeatable. "
            + "The replay's output is kept in DIR/replay.")
    List<Path> inputs;

    @Option(names = "--replay-output", paramLabel = "DIR", description = "The output directory of an earlier replay.")
    Path replayOutput;

    @Option(names = "--api", paramLabel = "URL", description = "A running instance (http://host:8080); its viewer token from KIC_API_TOKEN or --token-file.")
    URI api;

    @Option(names = "--token-file", paramLabel = "FILE", description = "With --api: a file holding the viewer token.")
    Path tokenFile;

    @Option(names = "--lang", defaultValue = "nl", paramLabel = "nl|en", description = "The report's language. Default: ${DEFAULT-VALUE}.")
    String language;

    @Option(names = "--format", defaultValue = "html,pdf,csv,md", split = ",", paramLabel = "FORMAT",
            description = "Any of html, pdf, csv, md, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<String> formats;

    @Option(names = "--no-compare-previous", description = "Leave out the same period a year earlier (by default beside each figure when its data is there).")
    boolean noComparePrevious;

    @Option(names = "--final", description = "Mark the report definitief: refused (exit 1, nothing written) unless the period is complete "
            + "and its refused events are known, so never from --api. Without it the report is voorlopig.")
    boolean finalReport;

    @Option(names = "--note", paramLabel = "FILE", description = "Markdown (UTF-8, at most 20,000 bytes): the reader's own explanation, shown under the summary.")
    Path note;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the report's files.")
    Path output;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        int sources = (inputs != null && !inputs.isEmpty() ? 1 : 0) + (replayOutput != null ? 1 : 0) + (api != null ? 1 : 0);
        if (sources != 1) {
            System.err.println("report needs exactly one source of figures: --input FILE, --replay-output DIR or --api URL.");
            return 2;
        }
        Report.Options options;
        try {
            options = new Report.Options(ReportPeriod.parse(period), language, new LinkedHashSet<>(formats), !noComparePrevious, finalReport, note);
        } catch (IllegalArgumentException e) {
            System.err.println("report: " + e.getMessage() + ".");
            return 2;
        }
        KicConfig config = configOptions.load();
        String token = api == null ? null : token();
        try {
            Report.Result result = Report.write(new Report.Source(inputs, replayOutput, api, token), options, config, output);
            System.out.printf("Wrote the %s report of %s (%d figures%s): %s%n", finalReport ? "final" : "provisional", options.period().key(),
                    result.figures(),
                    result.comparedWithPreviousYear() ? ", the year before beside them" : "",
                    String.join(", ", result.files().stream().map(Path::toString).toList()));
            return 0;
        } catch (Report.NoFiguresException | Report.NotFinalException | IOException e) {
            System.err.println("report: " + e.getMessage());
            return 1;
        }
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile).trim();
        }
        String fromEnvironment = System.getenv("KIC_API_TOKEN");
        return fromEnvironment == null ? null : fromEnvironment.trim();
    }
}
