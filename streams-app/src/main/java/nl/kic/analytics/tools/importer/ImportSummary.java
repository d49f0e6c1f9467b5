package nl.kic.analytics.tools.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import nl.kic.analytics.platform.config.ProductVersion;
import nl.kic.analytics.platform.system.FileDigest;
import nl.kic.analytics.platform.system.WholeFiles;

/**
 * What an import of a telephony file into an events file left out, as a replay of that events file
 * records it: the events file's name ({@code inputFileName}, the replay's input), the import's
 * format ({@code asterisk-queue-log} or {@code csv}), the name (never the path) and SHA-256 of the
 * file it read, and the counts of what was read but not turned into events, by the reason keys of
 * {@link ImportReport} ({@code never_queued_calls}, {@code phantom_records}, {@code unreadable_lines}, …).
 *
 * <p>{@code import --output FILE} writes it beside its output as {@code FILE.import.json}, with the
 * product version, the lines read, the events written by kind and the output's own SHA-256;
 * {@code replay} reads it beside each input file whose SHA-256 it matches.
 */
public record ImportSummary(String inputFileName, String format, String sourceFileName, String sourceSha256,
                            SortedMap<String, Long> countsByReason) {
    /** The name of the summary file beside an import's output: the output's name and this. */
    public static final String FILE_SUFFIX = ".import.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ImportSummary {
        countsByReason = Collections.unmodifiableSortedMap(new TreeMap<>(countsByReason));
    }

    /** A summary file beside an events file that does not describe it: not valid JSON, or the events file has changed since. */
    public static final class MismatchException extends Exception {
        MismatchException(String message) {
            super(message);
        }
    }

    /** The summary file of the events file {@code eventsFile}. */
    public static Path fileBeside(Path eventsFile) {
        return eventsFile.resolveSibling(eventsFile.getFileName() + FILE_SUFFIX);
    }

    /** Writes the summary file beside {@code eventsFile}, which the import of {@code source} has just written whole. */
    public static void writeBeside(Path eventsFile, Import.Format format, Path source, ImportReport report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", ProductVersion.current());
        root.put("format", format.optionName());
        root.put("sourceFile", source.getFileName().toString());
        root.put("sourceSha256", FileDigest.sha256(source));
        root.put("eventsFile", eventsFile.getFileName().toString());
        root.put("eventsSha256", FileDigest.sha256(eventsFile));
        root.put("linesRead", report.linesRead());
        ObjectNode written = root.putObject("eventsWritten");
        report.eventsWrittenByKind().forEach(written::put);
        ObjectNode counts = root.putObject("countsByReason");
        report.countsByReason().forEach(counts::put);
        WholeFiles.writeText(fileBeside(eventsFile), out -> out.write(JSON.writeValueAsString(root) + "\n"));
    }

    /**
     * The summary beside {@code eventsFile}, whose SHA-256 is {@code eventsSha256}; empty when there is
     * none (the events were not imported, or imported to Kafka).
     */
    public static Optional<ImportSummary> readBeside(Path eventsFile, String eventsSha256) throws IOException, MismatchException {
        Path file = fileBeside(eventsFile);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new MismatchException(file.getFileName() + " is not valid JSON");
        }
        if (root == null || !eventsSha256.equals(root.path("eventsSha256").asText())) {
            throw new MismatchException(file.getFileName() + " was written for other events than those now in " + eventsFile.getFileName());
        }
        return Optional.of(new ImportSummary(eventsFile.getFileName().toString(), root.path("format").asText(),
                root.path("sourceFile").asText(), root.path("sourceSha256").asText(), counts(root.path("countsByReason"))));
    }

    /** This summary as an entry of {@code replay_summary.json}'s {@code imports}. */
    public void writeTo(ObjectNode node) {
        node.put("input", inputFileName);
        node.put("format", format);
        node.put("sourceFile", sourceFileName);
        node.put("sourceSha256", sourceSha256);
        ObjectNode counts = node.putObject("countsByReason");
        countsByReason.forEach(counts::put);
    }

    /** An entry that {@link #writeTo} wrote. */
    public static ImportSummary readFrom(JsonNode node) {
        return new ImportSummary(node.path("input").asText(), node.path("format").asText(), node.path("sourceFile").asText(),
                node.path("sourceSha256").asText(), counts(node.path("countsByReason")));
    }

    private static SortedMap<String, Long> counts(JsonNode node) {
        SortedMap<String, Long> counts = new TreeMap<>();
        node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }
}
