package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.tools.replay.CsvRows;
import nl.kic.analytics.tools.replay.Replay;
import nl.kic.analytics.tools.replay.ReplaySummaryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two {@code simulate} runs of adjacent days, replayed together: every id carries its run's prefix,
 * so no event of one run is taken for a duplicate of the other's, and every line carries the
 * simulator's marker, which the replay counts.
 */
@ExtendWith(SharedBroker.class)
class SimulatedRunsReplayIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the test counts in a simulated file by itself, line by line. */
    private record FileCounts(long contact, long email, long agent, long offered, long received) {
        long lines() {
            return contact + email + agent;
        }
    }

    @Test
    void twoRunsOfAdjacentDaysReplayedTogetherKeepEveryEventOfBoth(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path thursday = dir.resolve("thursday.jsonl");
        Path friday = dir.resolve("friday.jsonl");
        assertThat(new CommandLine(new Main()).execute("simulate", "--from", "2023-03-02", "--days", "1", "--seed", "7",
                "--output", thursday.toString())).isZero();
        assertThat(new CommandLine(new Main()).execute("simulate", "--from", "2023-03-03", "--days", "1", "--seed", "7",
                "--output", friday.toString())).isZero();
        FileCounts first = count(thursday, "s7-20230302-1-");
        FileCounts second = count(friday, "s7-20230303-1-");

        Replay.Summary summary = Replay.run(List.of(thursday, friday), dir.resolve("out"),
                kafka.config().withSchemaRegistryUrl("mock://simulated-runs-" + dir.getFileName()), null);

        assertThat(summary.contactEvents()).isEqualTo(first.contact() + second.contact());
        assertThat(summary.emailEvents()).isEqualTo(first.email() + second.email());
        assertThat(summary.agentEvents()).isEqualTo(first.agent() + second.agent());
        assertThat(summary.duplicatesDropped()).isZero();
        assertThat(summary.deadLetters()).isZero();
        assertThat(summary.simulatedEvents()).isEqualTo(first.lines() + second.lines());
        assertThat(summary.simulated()).isTrue();
        JsonNode written = JSON.readTree(dir.resolve("out").resolve(ReplaySummaryFile.NAME).toFile());
        assertThat(written.path("counts").path("simulatedEvents").asLong()).isEqualTo(first.lines() + second.lines());
        assertThat(ReplaySummaryFile.read(dir.resolve("out")).simulatedEvents()).isEqualTo(first.lines() + second.lines());

        // Every contact of both days is in the figures: the day rows of all queues sum to the OFFERED lines.
        long offered = 0;
        for (Map<String, String> row : CsvRows.read(dir.resolve("out/contact_metrics.csv"))) {
            if (row.get("queue").equals("ALL") && row.get("granularity").equals("day")) {
                offered += Long.parseLong(row.get("offered"));
            }
        }
        assertThat(offered).isEqualTo(first.offered() + second.offered());
        long received = 0;
        for (Map<String, String> row : CsvRows.read(dir.resolve("out/email_metrics.csv"))) {
            if (row.get("category").equals("ALL") && row.get("granularity").equals("day")) {
                received += Long.parseLong(row.get("received_gross"));
            }
        }
        assertThat(received).isEqualTo(first.received() + second.received());
    }

    /** Counts the file's events by kind, and checks that every line is marked and every id begins with the run's prefix. */
    private static FileCounts count(Path file, String prefix) throws Exception {
        long contact = 0;
        long email = 0;
        long agent = 0;
        long offered = 0;
        long received = 0;
        for (String line : Files.readAllLines(file)) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("simulated").isBoolean() && event.path("simulated").booleanValue()).as(line).isTrue();
            assertThat(event.path("eventId").asText()).as(line).startsWith(prefix);
            switch (event.path("kind").asText()) {
                case "contact" -> {
                    contact++;
                    assertThat(event.path("contactId").asText()).as(line).startsWith(prefix + "k");
                    offered += event.path("type").asText().equals("OFFERED") ? 1 : 0;
                }
                case "email" -> {
                    email++;
                    assertThat(event.path("emailId").asText()).as(line).startsWith(prefix + "mail-");
                    received += event.path("type").asText().equals("RECEIVED") ? 1 : 0;
                }
                default -> {
                    agent++;
                    assertThat(event.path("agentId").asText()).as(line).startsWith(prefix + "agent-");
                }
            }
        }
        // A working day: calls, chats, agents and e-mail all there.
        assertThat(contact).isPositive();
        assertThat(email).isPositive();
        assertThat(agent).isPositive();
        return new FileCounts(contact, email, agent, offered, received);
    }
}
