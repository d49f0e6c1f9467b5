package nl.kic.analytics.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import nl.kic.analytics.platform.system.FileDigest;
import nl.kic.analytics.tools.importer.ImportSummary;

/**
 * {@code replay_summary.json}: what a replay read (each input file with its SHA-256, and what the
 * import that wrote an input file left out), what it counted and dropped, the settings that decided the figures, its clock and the product version, so
 * that a report made from the replay's output can say all of it, and a figure once published can be
 * reproduced from the same files.
 */
public final class ReplaySummaryFile {
    public static final String NAME = "replay_summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One input file: its name as given, its size and the SHA-256 of its bytes. */
    public record InputFile(String file, long bytes, String sha256) {
        public static InputFile of(Path path) throws IOException {
            return new InputFile(path.toString(), Files.size(path), ReplaySummaryFile.sha256(path));
        }
    }

    private ReplaySummaryFile() {
    }

    public static String sha256(Path file) throws IOException {
        return FileDigest.sha256(file);
    }

    public static void write(Path dir, Replay.Summary s) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", s.version());
        root.put("clock", s.clock().toString());
        root.put("clockWarning", s.clockWarning());
        var inputs = root.putArray("inputs");
        for (InputFile input : s.inputs()) {
            inputs.addObject().put("file", input.file()).put("bytes", input.bytes()).put("sha256", input.sha256());
        }
        var imports = root.putArray("imports");
        s.imports().forEach(i -> i.writeTo(imports.addObject()));
        ObjectNode counts = root.putObject("counts");
        counts.put("contactEvents", s.contactEvents());
        counts.put("emailEvents", s.emailEvents());
        counts.put("agentEvents", s.agentEvents());
        counts.put("simulatedEvents", s.simulatedEvents());
        counts.put("unreadableLines", s.rejectedLines());
        counts.put("duplicatesDropped", s.duplicatesDropped());
        counts.put("impossibleEvents", s.impossibleEvents());
        counts.put("tooLateEvents", s.tooLateEvents());
        counts.put("deadLetters", s.deadLetters());
        counts.put("contactRows", s.contactRows());
        counts.put("emailRows", s.emailRows());
        ObjectNode reasons = root.putObject("deadLettersByReason");
        s.deadLettersByReason().forEach(reasons::put);
        ObjectNode refused = root.putObject("refusedByChannelAndDay");
        s.refusedByChannelAndDay().forEach((channel, days) -> days.forEach(refused.putObject(channel)::put));
        ObjectNode settings = root.putObject("settings");
        s.settings().forEach(settings::put);
        root.put("elapsedMillis", s.elapsed().toMillis());
        JSON.writeValue(dir.resolve(NAME).toFile(), root);
    }

    /** Reads the summary a replay wrote into {@code dir}. */
    public static Replay.Summary read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing: the directory is not the output of a replay of this version");
        }
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode c = root.path("counts");
        List<InputFile> inputs = new ArrayList<>();
        root.path("inputs").forEach(i -> inputs.add(new InputFile(i.path("file").asText(), i.path("bytes").asLong(), i.path("sha256").asText())));
        SortedMap<String, Long> reasons = new TreeMap<>();
        root.path("deadLettersByReason").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
        // Absent from a summary written before imports were recorded: none.
        List<ImportSummary> imports = new ArrayList<>();
        root.path("imports").forEach(i -> imports.add(ImportSummary.readFrom(i)));
        // Absent from a summary written before refused events were counted by channel and day: empty.
        SortedMap<String, SortedMap<String, Long>> refused = new TreeMap<>();
        root.path("refusedByChannelAndDay").fields().forEachRemaining(channel -> {
            SortedMap<String, Long> days = new TreeMap<>();
            channel.getValue().fields().forEachRemaining(day -> days.put(day.getKey(), day.getValue().asLong()));
            refused.put(channel.getKey(), days);
        });
        SortedMap<String, String> settings = new TreeMap<>();
        root.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new Replay.Summary(c.path("contactEvents").asLong(), c.path("emailEvents").asLong(), c.path("agentEvents").asLong(),
                c.path("unreadableLines").asLong(), c.path("duplicatesDropped").asLong(), c.path("impossibleEvents").asLong(),
                c.path("tooLateEvents").asLong(), c.path("contactRows").asInt(),
                c.path("emailRows").asInt(), Instant.parse(root.path("clock").asText()),
                root.path("clockWarning").isNull() ? null : root.path("clockWarning").asText(null),
                Duration.ofMillis(root.path("elapsedMillis").asLong()), List.copyOf(inputs), reasons, settings,
                root.path("version").asText("unknown"),
                c.path("simulatedEvents").asLong(0), // 0 in a summary written before events were marked
                refused, List.copyOf(imports));
    }
}
