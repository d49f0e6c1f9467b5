package nl.kic.analytics.cli;

import java.io.IOException;
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
    FigureSourceOptions source;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        if (!source.exactlyOne("report")) {
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
        String token = source.api == null ? null : source.token();
        try {
            Report.Result result = Report.write(new Report.Source(source.inputs, source.replayOutput, source.api, token), options, config, output);
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

}
