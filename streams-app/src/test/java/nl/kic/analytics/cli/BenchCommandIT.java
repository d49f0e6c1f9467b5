package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A smoke run of `bench` on two simulated days: it works end to end. No timing is asserted. */
@ExtendWith(SharedBroker.class)
class BenchCommandIT {

    @Test
    void benchRunsEveryPhaseAndWritesItsTable(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path output = dir.resolve("bench.json");
        int exit = new CommandLine(new Main()).execute("bench", "--from", "2023-03-06", "--days", "2", "--densities", "0.5,1",
                "--freshness-probes", "5", "--output", output.toString(),
                "--config", TestKafka.settingsFile(kafka.config(), dir.resolve("bench.properties")).toString());
        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(output.toFile());
        assertThat(result.path("runs")).hasSize(2);
        JsonNode half = result.path("runs").get(0);
        JsonNode full = result.path("runs").get(1);
        assertThat(half.path("density").asDouble()).isEqualTo(0.5);
        assertThat(full.path("events").asLong()).isGreaterThan(half.path("events").asLong());
        for (JsonNode run : result.path("runs")) {
            assertThat(run.path("ceilingEventsPerSecond").asDouble()).isPositive();
            assertThat(run.path("decodeOnlyEventsPerSecond").asDouble()).isPositive();
            assertThat(run.path("keyedStateEventsPerSecond").asDouble()).isPositive();
            assertThat(run.path("pipelineEventsPerSecond").asDouble()).isPositive();
            assertThat(run.path("storeBytes").path("contact-interval-store").asLong()).isPositive();
            assertThat(run.path("memTableBytes").asLong()).isPositive();
            assertThat(run.path("peakHeapBytes").asLong()).isPositive();
            // Read from the producers' metrics: zero would mean none were found.
            assertThat(run.path("brokerRecordsPerEvent").asDouble()).isPositive();
        }
        assertThat(result.path("freshnessP99Millis").asDouble()).isPositive();
        // Counted in a pass of their own, for the last density only: every event reads and writes a store.
        assertThat(half.path("storeOperationsPerEvent").isEmpty()).isTrue();
        assertThat(full.path("storeOperationsPerEvent").path("get").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(full.path("storeOperationsPerEvent").path("put").asDouble()).isGreaterThanOrEqualTo(1);
    }

    /**
     * One kill of bench --failover on the test's broker: the survivor answered complete figures before
     * and after the kill and refused while the killed instance's partitions had no owner, and never
     * answered partial figures. How long the gap lasted is measured by bench, not asserted here.
     */
    @Test
    void benchFailoverKillsAnInstanceAndCountsTheSurvivorsAnswers(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path output = dir.resolve("failover.json");
        int exit = new CommandLine(new Main()).execute("bench", "--failover", "--failover-runs", "1", "--output", output.toString(),
                "--config", TestKafka.settingsFile(kafka.config(), dir.resolve("bench.properties")).toString());
        assertThat(exit).isZero();
        JsonNode run = new ObjectMapper().readTree(output.toFile()).path("runs").get(0);
        assertThat(run.path("partial").asInt()).isZero();
        // Ten questions a second for 3 s before and 30 s after the kill, each answered within a second or so.
        assertThat(run.path("answers").asInt()).isGreaterThan(100);
        assertThat(run.path("complete").asInt()).as("complete answers before and after the kill").isGreaterThan(30);
        assertThat(run.path("completeAtTheEnd").asBoolean()).as("the last answer, 30 s after the kill, complete").isTrue();
        // The killed instance's partitions have no owner until the group notices, seconds later.
        assertThat(run.path("refused").asInt()).isPositive();
        assertThat(run.path("failed").asInt()).as("answers other than 200 and 503").isZero();
        // Two weeks at the KiC's traffic: about 7,000 events a day.
        assertThat(run.path("historyEvents").asLong()).isBetween(50_000L, 200_000L);
        assertThat(run.path("feedEventsBeforeKill").asLong()).as("events of the live feed sent before the kill").isPositive();
        assertThat(dir.resolve("failover-failover-logs/run-1/instance-0.log")).isNotEmptyFile();
    }
}
