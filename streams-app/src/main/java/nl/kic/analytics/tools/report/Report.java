package nl.kic.analytics.tools.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.ProductVersion;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.platform.system.WholeFiles;
import nl.kic.analytics.tools.replay.ReplaySummaryFile;

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

    /**
     * What to make: the period, the language, the formats, whether to set complete earlier periods
     * beside the figures, whether the report is final ({@code definitief}), and the reader's note.
     */
    public record Options(ReportPeriod period, String language, Set<String> formats, boolean comparePrevious, boolean finalReport,
                          Path note) {
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
    public record Source(List<Path> inputs, Path replayOutput, URI api, String apiToken) {
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

    /** Thrown for {@code --final} when the period is not complete or its refused events are unknown; the message says why. */
    public static final class NotFinalException extends Exception {
        NotFinalException(String message) {
            super(message);
        }
    }

    private Report() {
    }

    public static Result write(Source source, Options options, KicConfig config, Path outputDir)
            throws IOException, InterruptedException, NoFiguresException, NotFinalException {
        String note = options.note() == null ? null : ReaderNotes.read(options.note());
        ReportData data;
        Path replayDir = null;
        if (source.inputs() != null && !source.inputs().isEmpty()) {
            // Replayed aside, and kept beside the report only once the report is written: a refused report writes nothing.
            replayDir = Files.createTempDirectory("kic-report-replay-");
            LocalDate keepFrom = options.period().previous().start().isBefore(options.period().before().start())
                    ? options.period().previous().start() : options.period().before().start();
            data = ReportSources.replay(source.inputs(), replayDir, config, keepFrom, options.period().end());
        } else if (source.replayOutput() != null) {
            data = ReportSources.replayOutput(source.replayOutput(), config);
        } else {
            data = ReportSources.api(source.api(), source.apiToken(), options.period(), config);
        }
        try {
            return write(data, options, config, note, outputDir, replayDir);
        } finally {
            if (replayDir != null) {
                Directories.deleteRecursively(replayDir);
            }
        }
    }

    private static Result write(ReportData data, Options options, KicConfig config, String note, Path outputDir, Path replayDir)
            throws IOException, NoFiguresException, NotFinalException {
        ReportText text = ReportText.of(options.language());
        ReportBuilder builder = new ReportBuilder(data, options.period(), config, text, options.comparePrevious(), options.finalReport(), note);
        if (options.finalReport()) {
            List<String> reasons = builder.reasonsNotFinal();
            if (!reasons.isEmpty()) {
                throw new NotFinalException("the report of " + options.period().key() + " cannot be final: " + String.join("; ", reasons)
                        + ". Nothing was written.");
            }
        }
        ReportDocument document;
        try {
            document = builder.build();
        } catch (ReportBuilder.NoDataException e) {
            throw new NoFiguresException(e.getMessage());
        }
        Files.createDirectories(outputDir);
        List<Path> written = new ArrayList<>();
        if (replayDir != null) {
            Path kept = outputDir.resolve("replay");
            Directories.deleteRecursively(kept);
            copyTree(replayDir, kept);
        }
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
            written.add(writeText(outputDir.resolve("report.md"), Markdown.render(document, text)));
        }
        if (options.formats().contains("csv")) {
            written.add(writeText(outputDir.resolve("report.csv"), Csv.render(document)));
        }
        boolean compared = document.facts().stream().anyMatch(f -> f.previous() != null);
        writeManifest(outputDir.resolve(MANIFEST), data, options, config, written, document.facts().size(), compared, builder, note);
        written.add(outputDir.resolve(MANIFEST));
        return new Result(List.copyOf(written), document.facts().size(), compared);
    }

    private static Path writeText(Path file, String content) throws IOException {
        WholeFiles.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void writeManifest(Path file, ReportData data, Options options, KicConfig config, List<Path> written, int figures,
                                      boolean compared, ReportBuilder builder, String note) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("product", "kic-analytics");
        root.put("reportVersion", ProductVersion.current());
        root.put("figuresVersion", data.version());
        root.put("period", options.period().key());
        root.put("language", options.language());
        root.put("status", options.finalReport() ? "final" : "provisional");
        root.put("simulated", data.simulated());
        root.put("comparedWithPreviousYear", compared);
        root.put("clock", data.clock().toString());
        root.put("generatedAt", Instant.now().toString());
        root.put("source", data.origin() == ReportData.Origin.API ? "api" : "replay");
        var inputs = root.putArray("inputs");
        data.inputs().forEach(i -> inputs.addObject().put("file", ReportBuilder.fileName(i.file())).put("bytes", i.bytes()).put("sha256", i.sha256()));
        var coverage = root.putArray("coverage");
        for (Coverage c : builder.coverages()) {
            ObjectNode entry = coverage.addObject().put("channel", c.channel().key()).put("period", c.period().key())
                    .put("daysExpected", c.daysExpected()).put("daysWithData", c.daysWithData());
            if (c.refusedEvents() == null) {
                entry.putNull("refusedEvents");
            } else {
                entry.put("refusedEvents", c.refusedEvents());
            }
            entry.put("complete", c.complete());
        }
        if (note != null) {
            root.put("noteSha256", HexFormat.of().formatHex(sha256(note.getBytes(StandardCharsets.UTF_8))));
        }
        ObjectNode expected = root.putObject("expectedDays");
        expected.put("CALL", config.expectedDays().call()).put("CHAT", config.expectedDays().chat()).put("EMAIL", config.expectedDays().email());
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
        ObjectNode sources = root.putObject("normSources");
        sources.put("reachability", n.sources().reachability()).put("averageWaitSeconds", n.sources().averageWait())
                .put("callServiceLevel", n.sources().callServiceLevel()).put("chatServiceLevel", n.sources().chatServiceLevel())
                .put("emailAcknowledgedOnTime", n.sources().emailAcknowledgedOnTime()).put("emailAnsweredOnTime", n.sources().emailAnsweredOnTime())
                .put("mustAnswerViolations", n.sources().mustAnswerViolations());
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

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
