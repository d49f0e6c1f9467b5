package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay counts the events it refused (too late, implausibly old, in the future, an invalid name)
 * per channel and local day in {@code replay_summary.json}. The input is made by hand so that every
 * refusal is known by construction: the clock is 10 March 2023 12:00 UTC, the 15-minute rows are
 * kept 400 days (so an event before 3 February 2022 is too late), events are plausible for 3,650
 * days, and one hour ahead of the clock is tolerated.
 */
@ExtendWith(SharedBroker.class)
class RefusedEventsReplayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CLOCK = Instant.parse("2023-03-10T12:00:00Z");

    private static String contact(String id, String channel, String type, String queue, String at) {
        return "{\"kind\":\"contact\",\"eventId\":\"" + id + "\",\"contactId\":\"" + id + "\",\"channel\":\"" + channel
                + "\",\"type\":\"" + type + "\",\"queue\":\"" + queue + "\",\"occurredAt\":\"" + at + "\"}";
    }

    private static String email(String id, String at) {
        return "{\"kind\":\"email\",\"eventId\":\"" + id + "\",\"emailId\":\"" + id + "\",\"type\":\"RECEIVED\",\"occurredAt\":\"" + at + "\"}";
    }

    private static String agent(String id, String team, String at) {
        return "{\"kind\":\"agent\",\"eventId\":\"" + id + "\",\"agentId\":\"a1\",\"team\":\"" + team
                + "\",\"queues\":[\"asiel\"],\"occurredAt\":\"" + at + "\",\"state\":\"AVAILABLE\"}";
    }

    @Test
    void refusedEventsAreCountedPerChannelAndLocalDay(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.write(input, List.of(
                // Counted: not refused.
                contact("ok1", "CALL", "OFFERED", "asiel", "2023-03-09T09:00:00Z"),
                contact("ok2", "CHAT", "OFFERED", "livechat", "2023-03-09T09:00:00Z"),
                email("okm", "2023-03-09T09:00:00Z"),
                // too_late: before 2022-02-03T12:00Z.
                contact("late1", "CALL", "OFFERED", "asiel", "2022-01-15T10:00:00Z"),
                contact("late2", "CALL", "ABANDONED", "werk", "2022-01-15T22:59:00Z"),      // 23:59 in Amsterdam
                contact("late3", "CHAT", "OFFERED", "livechat", "2022-01-20T10:00:00Z"),
                email("latem", "2022-01-15T23:30:00Z"),                                      // 16 January 00:30 in Amsterdam
                // implausibly_old: more than 3,650 days before the clock.
                contact("old1", "CALL", "OFFERED", "asiel", "2010-06-01T10:00:00Z"),
                // future_time: more than an hour ahead of the clock.
                contact("future1", "CALL", "OFFERED", "asiel", "2023-03-10T14:00:00Z"),
                email("futurem", "2023-03-10T23:30:00Z"),                                    // 11 March 00:30 in Amsterdam
                // invalid_name: a queue that could be a formula, and the name of the totals.
                contact("name1", "CALL", "OFFERED", "=SUM(A1)", "2023-03-09T10:00:00Z"),
                contact("name2", "CHAT", "OFFERED", "ALL", "2023-03-09T10:00:00Z"),
                // Dead-lettered, but not refused events of a channel: an agent's, and an impossible answer.
                agent("agent1", "=team", "2023-03-09T09:00:00Z"),
                agent("agent2", "team-1", "2023-03-10T15:00:00Z"),
                contact("ok1", "CALL", "ANSWERED", "asiel", "2023-03-09T08:59:00Z").replace("\"eventId\":\"ok1\"", "\"eventId\":\"ok1-a\"")));

        Replay.Summary summary = Replay.run(List.of(input), dir.resolve("out"),
                kafka.config().withSchemaRegistryUrl("mock://refused-replay-" + dir.getFileName()), CLOCK);

        Map<String, Map<String, Long>> expected = new TreeMap<>();
        expected.put("CALL", Map.of("2010-06-01", 1L, "2022-01-15", 2L, "2023-03-09", 1L, "2023-03-10", 1L));
        expected.put("CHAT", Map.of("2022-01-20", 1L, "2023-03-09", 1L));
        expected.put("EMAIL", Map.of("2022-01-16", 1L, "2023-03-11", 1L));
        assertThat(summary.refusedByChannelAndDay()).isEqualTo(expected);
        // Every dead letter is still counted by its reason: 4 too late, 1 implausibly old, 3 in the future
        // (one an agent's), 3 invalid names (one an agent's team), 1 impossible.
        assertThat(summary.deadLettersByReason()).isEqualTo(Map.of("too_late", 4L, "implausibly_old", 1L, "future_time", 3L,
                "invalid_name", 3L, "impossible", 1L));

        JsonNode written = JSON.readTree(dir.resolve("out").resolve(ReplaySummaryFile.NAME).toFile()).path("refusedByChannelAndDay");
        assertThat(written.path("CALL").path("2022-01-15").asLong()).isEqualTo(2);
        assertThat(written.path("EMAIL").path("2023-03-11").asLong()).isEqualTo(1);
        assertThat(written.has("UNKNOWN")).isFalse();
        assertThat(ReplaySummaryFile.read(dir.resolve("out")).refusedByChannelAndDay()).isEqualTo(expected);
    }
}
