package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code replay} writes agent_metrics.csv: agents present per channel, 15 minutes and day, worked out by hand. */
@ExtendWith(SharedBroker.class)
class AgentPresenceReplayIT {

    private static String agent(String id, String agentId, String queues, String state, String at) {
        return "{\"kind\":\"agent\",\"eventId\":\"" + id + "\",\"agentId\":\"" + agentId + "\",\"team\":\"t\",\"queues\":[" + queues
                + "],\"occurredAt\":\"" + at + "\",\"state\":\"" + state + "\"}";
    }

    @Test
    void agentsPresentPerChannelWithALateEventJudgedAgain(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.write(input, List.of(
                "{\"kind\":\"contact\",\"eventId\":\"k1\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T08:01:00Z\"}",
                // a1 (asiel): present 09:00-09:30 local.
                agent("1", "a1", "\"asiel\"", "LOGGED_IN", "2023-03-01T08:00:00Z"),
                agent("2", "a1", "\"asiel\"", "LOGGED_OUT", "2023-03-01T08:30:00Z"),
                // a2 (asiel and werk): available 09:10-09:20 local ...
                agent("3", "a2", "\"asiel\",\"werk\"", "AVAILABLE", "2023-03-01T08:10:00Z"),
                agent("4", "a2", "\"asiel\",\"werk\"", "LOGGED_OUT", "2023-03-01T08:20:00Z"),
                // ... until the late news that a2 was away from 09:12: present 09:10-09:12 only.
                agent("5", "a2", "\"asiel\",\"werk\"", "AWAY", "2023-03-01T08:12:00Z")));

        int exit = new CommandLine(new Main()).execute("replay", "--input", input.toString(), "--output", dir.resolve("out").toString(),
                "--config", TestKafka.settingsFile(kafka.config(), dir.resolve("replay.properties")).toString());

        assertThat(exit).isZero();
        // 09:00 quarter: a1 15 min + a2 2 min = 17/15; 09:15: a1 15 min; the day: 32 of 1,440 minutes.
        assertThat(Files.readAllLines(dir.resolve("out/agent_metrics.csv"))).containsExactly(
                "channel,granularity,interval_start,agents_present",
                "CALL,15m,2023-03-01T09:00+01:00,1.133333",
                "CALL,15m,2023-03-01T09:15+01:00,1.000000",
                "CALL,day,2023-03-01T00:00+01:00,0.022222");
    }

    @Test
    void withoutAgentEventsOnlyTheHeader(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.write(input, List.of(
                "{\"kind\":\"contact\",\"eventId\":\"k1\",\"contactId\":\"c1\",\"channel\":\"CALL\",\"type\":\"OFFERED\",\"queue\":\"asiel\",\"occurredAt\":\"2023-03-01T08:01:00Z\"}"));

        int exit = new CommandLine(new Main()).execute("replay", "--input", input.toString(), "--output", dir.resolve("out").toString(),
                "--config", TestKafka.settingsFile(kafka.config(), dir.resolve("replay.properties")).toString());

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/agent_metrics.csv"))).containsExactly("channel,granularity,interval_start,agents_present");
    }
}
