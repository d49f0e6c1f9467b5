package nl.kic.analytics.platform.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * What {@code replay} knows of its input files before it sends them: the number of events of each
 * kind (and of them those the simulator marked), the lines that cannot be read, and the replay's application clock (the latest event time of
 * the input, duplicates dropped). The events themselves are read a second time, in file order, by
 * {@link #forEachEvent}, so that a year of history need not fit in memory.
 */
public final class ReplayInput {
    /** A line that could not be read. */
    public record RejectedLine(String file, long line, String reason, String text) {
    }

    private interface LineHandler {
        void handle(Path file, long lineNumber, String line);
    }

    private static final int MAX_TEXT_IN_REPORT = 1000;

    private long contactEvents;
    private long emailEvents;
    private long agentEvents;
    private long simulatedEvents;
    private final List<RejectedLine> rejected = new ArrayList<>();
    private final Set<String> seenEvents = new HashSet<>();
    private long latestEventMillis = Long.MIN_VALUE;
    private long nextLatestEventMillis = Long.MIN_VALUE;
    private String latestEventLine = "";

    private ReplayInput() {
    }

    public static ReplayInput scan(List<Path> files) throws IOException {
        ReplayInput input = new ReplayInput();
        eachLine(files, (file, lineNumber, line) -> {
            try {
                input.count(EventJson.read(line), file + " line " + lineNumber);
            } catch (IllegalArgumentException e) {
                String text = line.length() > MAX_TEXT_IN_REPORT ? line.substring(0, MAX_TEXT_IN_REPORT) : line;
                input.rejected.add(new RejectedLine(file.toString(), lineNumber, e.getMessage(), text));
            }
        }, (file, lineNumber, reason) -> input.rejected.add(new RejectedLine(file.toString(), lineNumber, reason, "")));
        return input;
    }

    /** Every readable event of the files, with its simulator's marker, in file order. */
    public static void forEachEvent(List<Path> files, Consumer<EventJson.JsonEvent> consumer) throws IOException {
        eachLine(files, (file, lineNumber, line) -> {
            EventJson.JsonEvent event;
            try {
                event = EventJson.read(line);
            } catch (IllegalArgumentException e) {
                return; // reported by scan()
            }
            consumer.accept(event);
        }, (file, lineNumber, reason) -> {
            // reported by scan()
        });
    }

    /** Each non-blank line of the files; a line that is not UTF-8, or over 1 MiB, is rejected by number, and reading goes on. */
    private static void eachLine(List<Path> files, LineHandler handler, UnreadableHandler unreadable) throws IOException {
        for (Path file : files) {
            TextLines.read(file, StandardCharsets.UTF_8, TextLines.DEFAULT_MAX_LINE_BYTES, new TextLines.Handler() {
                @Override
                public void line(long number, String text) {
                    if (!text.isBlank()) {
                        handler.handle(file, number, text);
                    }
                }

                @Override
                public void unreadable(long number, String reason) {
                    unreadable.handle(file, number, reason);
                }
            });
        }
    }

    private interface UnreadableHandler {
        void handle(Path file, long lineNumber, String reason);
    }

    private void count(EventJson.JsonEvent read, String where) {
        SpecificRecord event = read.event();
        if (read.simulated()) {
            simulatedEvents++;
        }
        String identity;
        Instant occurredAt;
        if (event instanceof ContactEvent e) {
            contactEvents++;
            identity = "contact\n" + e.getContactId() + "\n" + e.getEventId();
            occurredAt = e.getOccurredAt();
        } else if (event instanceof EmailEvent e) {
            emailEvents++;
            identity = "email\n" + e.getEmailId() + "\n" + e.getEventId();
            occurredAt = e.getOccurredAt();
        } else {
            AgentEvent e = (AgentEvent) event;
            agentEvents++;
            identity = "agent\n" + e.getAgentId() + "\n" + e.getEventId();
            occurredAt = e.getOccurredAt();
        }
        // A duplicate may carry another time; the first one received counts, as in the topology.
        if (seenEvents.add(identity)) {
            long at = occurredAt.toEpochMilli();
            if (at > latestEventMillis) {
                nextLatestEventMillis = latestEventMillis;
                latestEventMillis = at;
                latestEventLine = where;
            } else if (at > nextLatestEventMillis) {
                nextLatestEventMillis = at;
            }
        }
    }

    /**
     * A warning when the latest event lies more than a day after the next-latest one: then it is
     * probably a mistyped time, and as the replay's clock it would make every real event look old.
     */
    public Optional<String> clockWarning() {
        if (nextLatestEventMillis == Long.MIN_VALUE || latestEventMillis - nextLatestEventMillis <= Duration.ofDays(1).toMillis()) {
            return Optional.empty();
        }
        return Optional.of("The latest event (" + latestEventLine + ", " + Instant.ofEpochMilli(latestEventMillis)
                + ") lies more than a day after the next-latest (" + Instant.ofEpochMilli(nextLatestEventMillis)
                + "). It sets the replay's clock: check that line, or set the clock with --as-of.");
    }

    /** The replay's application clock; an input without events gives the epoch. */
    public Instant clock() {
        return latestEventMillis == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(latestEventMillis);
    }

    public long contactEvents() {
        return contactEvents;
    }

    public long emailEvents() {
        return emailEvents;
    }

    public long agentEvents() {
        return agentEvents;
    }

    /** The events whose lines carry the simulator's marker, duplicates included, as the counts of each kind. */
    public long simulatedEvents() {
        return simulatedEvents;
    }

    public List<RejectedLine> rejected() {
        return rejected;
    }

    public void writeRejected(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Writer out = Files.newBufferedWriter(file)) {
            for (RejectedLine r : rejected) {
                out.write(json.createObjectNode().put("file", r.file()).put("line", r.line())
                        .put("reason", r.reason()).put("text", r.text()).toString());
                out.write('\n');
            }
        }
    }
}
