package nl.kic.analytics.tools.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * Follows a growing queue_log as {@code tail -F} does, across log rotation, and produces its events
 * to the application's input topics. Every batch of lines is one Kafka transaction holding the
 * events and the position after them (the file's identity, the offset, the import's state) on the
 * compacted topic {@code kic.import-positions}. After a stop, even a SIGKILL, the follow starts from
 * the last committed position: each line's events are in the topics exactly once.
 *
 * <p>Rotation: when the path names another file (renamed away and a new one created), the old file
 * is read to its end, and then the new one from its start; after a restart the old file is looked
 * for by its identity in the same directory. When the file is shorter than the position (copied and
 * truncated), it is read again from its start; lines written between the copy and the truncation
 * are in the copy only, as with every reader of a copy-and-truncate rotation.
 */
public final class QueueLogFollower {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES_PER_TRANSACTION = 1000;

    /** Where the follow stands: the file by its identity, the next byte and line to read, and the import's state. */
    record Position(String fileKey, long offset, long lineNumber, JsonNode state) {
    }

    private final Path path;
    private final KicConfig config;
    private final QueueLogImport importer;
    private final List<SpecificRecord> pending = new ArrayList<>();
    private final String positionKey;
    private volatile Position position;

    private QueueLogFollower(Path path, KicConfig config, Pseudonyms pseudonyms, ImportMapping mapping, ImportReport report) {
        this.path = path.toAbsolutePath().normalize();
        this.config = config;
        this.importer = new QueueLogImport(pseudonyms, mapping, config.zone(), report, pending::add);
        this.positionKey = this.path.toString();
    }

    public static String positionsTopic(KicConfig config) {
        return "kic.import-positions";
    }

    /**
     * Follows {@code path} until {@code stop} says so, looking for new lines every {@code poll}; its
     * progress goes to {@code meters} (docs/import.md: {@code kic_import_*}).
     */
    public static ImportReport run(Path path, KicConfig config, Pseudonyms pseudonyms, ImportMapping mapping, Writer errors,
                                   Duration poll, BooleanSupplier stop, MeterRegistry meters) throws IOException, InterruptedException {
        ImportReport report = new ImportReport(errors);
        QueueLogFollower follower = new QueueLogFollower(path, config, pseudonyms, mapping, report);
        follower.register(meters, report);
        String topic = positionsTopic(config);
        Topics.createCompacted(config.kafkaClientProperties(), topic, config.replicationFactor());
        // One writer per followed file: a second one (a restart while the first still runs) fences the first.
        String transactionalId = "kic-import-" + UUID.nameUUIDFromBytes(follower.positionKey.getBytes(StandardCharsets.UTF_8));
        try (EventProducer producer = EventProducer.transactional(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()),
                transactionalId)) {
            follower.position = follower.lastCommitted();
            if (follower.position.state() != null) {
                follower.importer.restore(follower.position.state());
            }
            follower.follow(producer, poll, stop);
        }
        return report;
    }

    private void register(MeterRegistry meters, ImportReport report) {
        FunctionCounter.builder("kic.import.lines", report, ImportReport::linesRead).description("Lines of the queue_log read").register(meters);
        FunctionCounter.builder("kic.import.events", report, ImportReport::eventsWritten).description("Events written").register(meters);
        FunctionCounter.builder("kic.import.errors", report, ImportReport::errors)
                .description("Lines that could not be read (see the error file)").register(meters);
        Gauge.builder("kic.import.lag.bytes", this, QueueLogFollower::lagBytes)
                .description("Bytes of the queue_log not yet committed; NaN while the position is not known").register(meters);
        Gauge.builder("kic.import.last.commit.timestamp.seconds", this, f -> f.lastCommitMillis / 1000.0)
                .description("When the last batch of lines was committed").register(meters);
    }

    private volatile long lastCommitMillis;

    /** The bytes of the file at the path past the committed position (all of it while the position is in a rotated file). */
    private double lagBytes() {
        Position at = position;
        try {
            if (at == null || at.fileKey() == null || !Files.exists(path)) {
                return Double.NaN;
            }
            long size = Files.size(path);
            return at.fileKey().equals(fileKey(path)) ? Math.max(0, size - at.offset()) : size;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The position committed last for this file, or the start of the file now at the path. */
    private Position lastCommitted() throws IOException {
        AtomicReference<Position> last = new AtomicReference<>();
        TopicReader.readToEnd(config.kafkaClientProperties(), positionsTopic(config), record -> {
            if (new String(record.key(), StandardCharsets.UTF_8).equals(positionKey)) {
                try {
                    JsonNode node = JSON.readTree(record.value());
                    last.set(new Position(node.path("fileKey").asText(), node.path("offset").asLong(), node.path("lineNumber").asLong(),
                            node.path("state")));
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable position of " + positionKey, e);
                }
            }
        });
        return last.get() != null ? last.get() : new Position(fileKey(path), 0, 0, null);
    }

    private void follow(EventProducer producer, Duration poll, BooleanSupplier stop) throws IOException, InterruptedException {
        while (!stop.getAsBoolean()) {
            String current = fileKey(path);
            if (position.fileKey() == null) {
                // No file yet when the follow began: wait for it.
                if (current != null) {
                    position = new Position(current, 0, position.lineNumber(), null);
                } else {
                    Thread.sleep(poll.toMillis());
                }
                continue;
            }
            Path reading = position.fileKey().equals(current) ? path : findByKey(position.fileKey());
            if (reading == null) {
                // The file we stood in is gone (rotated away and deleted): go on with the one at the path.
                if (current != null) {
                    position = new Position(current, 0, position.lineNumber(), null);
                    continue;
                }
                Thread.sleep(poll.toMillis());
                continue;
            }
            boolean rotated = reading != path;
            if (!rotated && Files.size(reading) < position.offset()) {
                position = new Position(position.fileKey(), 0, position.lineNumber(), null); // copied and truncated
            }
            boolean progressed = readFrom(reading, producer, rotated);
            if (rotated && !progressed && current != null) {
                // The rotated file is read to its end: on to the new one.
                commit(producer, new Position(current, 0, position.lineNumber(), null));
                continue;
            }
            if (!progressed) {
                Thread.sleep(poll.toMillis());
            }
        }
    }

    /** Reads whole lines from the position, in transactions; true when it read any. A rotated file's last line counts without its newline. */
    private boolean readFrom(Path file, EventProducer producer, boolean complete) throws IOException {
        List<String> lines = new ArrayList<>();
        long offset = position.offset();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return false;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 8 * 1024 * 1024));
            channel.read(buffer, offset);
            byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
            int start = 0;
            for (int i = 0; i < bytes.length && lines.size() < LINES_PER_TRANSACTION; i++) {
                if (bytes[i] == '\n') {
                    lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (complete && lines.size() < LINES_PER_TRANSACTION && start < bytes.length && offset + bytes.length == size) {
                lines.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
                start = bytes.length;
            }
            offset += start;
        }
        if (lines.isEmpty()) {
            return false;
        }
        long lineNumber = position.lineNumber();
        for (String line : lines) {
            importer.line(++lineNumber, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        commit(producer, new Position(position.fileKey(), offset, lineNumber, null));
        return true;
    }

    /** One transaction: the events of the lines read, and the position after them. */
    private void commit(EventProducer producer, Position next) throws IOException {
        producer.begin();
        pending.forEach(producer::send);
        ObjectNode value = JSON.createObjectNode().put("fileKey", next.fileKey()).put("offset", next.offset())
                .put("lineNumber", next.lineNumber());
        value.set("state", importer.state());
        producer.send(positionsTopic(config), positionKey, JSON.writeValueAsBytes(value));
        producer.commit();
        pending.clear();
        position = next;
        lastCommitMillis = System.currentTimeMillis();
    }

    /** The identity of the file at {@code file} (device and inode), or null when there is none. */
    public static String fileKey(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? file.toRealPath().toString() : key.toString();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A file in the followed file's directory with the given identity: where it went when it was rotated. */
    private Path findByKey(String key) throws IOException {
        try (Stream<Path> siblings = Files.list(path.getParent())) {
            for (Path sibling : siblings.toList()) {
                if (Files.isRegularFile(sibling) && key.equals(fileKey(sibling))) {
                    return sibling;
                }
            }
        }
        return null;
    }
}
