package nl.kic.analytics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.core.WholeFiles;
import nl.kic.analytics.config.ProductVersion;
import nl.kic.analytics.replay.ReplaySummaryFile;

/**
 * {@code report}: the report for management and parliament of one period (docs/report.md), in
 * HTML, PDF, Markdown and CSV, with {@code report.json}, the manifest that records what it was made
 * from (input files with their SHA-256, settings, norms, the clock of the figures, versions) and the
 * SHA-256 of every file written, so that a published figure can be reproduced and told apart from a
 * later, corrected one.
 */
public final class Report {
    public static final List<String> FORMATS = List.of("html", "pdf", "csv", "md");
    public static final String MANIFEST = "report.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What to make: the period, the language, the formats, and whether to set the year before beside each figure. */
    public record Options(ReportPeriod period, String language, Set<String> formats, boolean comparePrevious) {
        public Options {
            for (String format : formats) {
                if (!FORMATS.contains(format)) {
                    throw new IllegalArgumentException("unknown format '" + format + "': give any of " + String.join(",", FORMATS));
                }
            }
            ReportText.of(language); // refuses an unknown language before any work is done
        }
    }

    /** Where the figures come from: exactly one of input files (replayed), a replay's output, or an API. */
    public record Source(List<Path> inputs, Path replayOutput, java.net.URI api, String apiToken) {
    }

    /** The files written and the number of figures in them. */
    public record Result(List<Path> files, int figures, boolean comparedWithPreviousYear) {
    }

    /** Thrown for a period without figures; the message says which period and what the data covers. */
    public static final class NoFiguresException extends Exception {
        NoFiguresException(String message) {
            super(message);
        }
    }

    private Report() {
    }

    public static Result write(Source source, Options options, KicConfig config, Path outputDir)
            throws IOException, InterruptedException, NoFiguresException {
        ReportData data;
        if (source.inputs() != null && !source.inputs().isEmpty()) {
            data = ReportSources.replay(source.inputs(), outputDir.resolve("replay"), config);
        } else if (source.replayOutput() != null) {
            data = ReportSources.replayOutput(source.replayOutput());
        } else {
            data = ReportSources.api(source.api(), source.apiToken(), options.period(), config);
        }
        ReportText text = ReportText.of(options.language());
        ReportDocument document;
        try {
            document = new ReportBuilder(data, options.period(), config.norms(), text, options.comparePrevious(), config.zone()).build();
        } catch (ReportBuilder.NoDataException e) {
            throw new NoFiguresException(e.getMessage());
        }
        Files.createDirectories(outputDir);
        List<Path> written = new ArrayList<>();
        String html = Html.render(document, text);
        if (options.formats().contains("html")) {
            written.add(writeText(outputDir.resolve("report.html"), html));
        }
        if (options.formats().contains("pdf")) {
            Path pdf = outputDir.resolve("report.pdf");
            Pdf.write(html, pdf);
            written.add(pdf);
        }
        if (options.formats().contains("md")) {
            written.add(writeText(outputDir.resolve("report.md"), Markdown.render(document)));
        }
        if (options.formats().contains("csv")) {
            written.add(writeText(outputDir.resolve("report.csv"), Csv.render(document)));
        }
        boolean compared = document.facts().stream().anyMatch(f -> f.previous() != null);
        writeManifest(outputDir.resolve(MANIFEST), data, options, config, written, document.facts().size(), compared);
        written.add(outputDir.resolve(MANIFEST));
        return new Result(List.copyOf(written), document.facts().size(), compared);
    }

    private static Path writeText(Path file, String content) throws IOException {
        WholeFiles.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    private static void writeManifest(Path file, ReportData data, Options options, KicConfig config, List<Path> written, int figures,
                                      boolean compared) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("product", "kic-analytics");
        root.put("reportVersion", ProductVersion.current());
        root.put("figuresVersion", data.version());
        root.put("period", options.period().key());
        root.put("language", options.language());
        root.put("comparedWithPreviousYear", compared);
        root.put("clock", data.clock().toString());
        root.put("generatedAt", Instant.now().toString());
        root.put("source", data.source());
        var inputs = root.putArray("inputs");
        data.inputs().forEach(i -> inputs.addObject().put("file", i.file()).put("bytes", i.bytes()).put("sha256", i.sha256()));
        ObjectNode settings = root.putObject("settings");
        data.settings().forEach(settings::put);
        ObjectNode norms = root.putObject("norms");
        KicConfig.Norms n = config.norms();
        norms.put("reachability", n.reachability());
        norms.put("averageWaitSeconds", n.averageWait().toMillis() / 1000.0);
        norms.put("callServiceLevel", n.callServiceLevel());
        norms.put("chatServiceLevel", n.chatServiceLevel());
        norms.put("emailAcknowledgedOnTime", n.emailAcknowledgedOnTime());
        norms.put("emailAnsweredOnTime", n.emailAnsweredOnTime());
        ObjectNode dropped = root.putObject("dataQuality");
        dropped.put("scope", data.quality().scope());
        data.quality().deadLettersByReason().forEach((reason, count) -> dropped.put("deadLetters." + reason, count));
        dropped.put("duplicatesDropped", data.quality().duplicatesDropped());
        root.put("figures", figures);
        var files = root.putArray("files");
        for (Path path : written) {
            files.addObject().put("file", path.getFileName().toString()).put("bytes", Files.size(path))
                    .put("sha256", ReplaySummaryFile.sha256(path));
        }
        JSON.writeValue(file.toFile(), root);
    }
}
