package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code erlang} command: its JSON, its search for the smallest staff, and its refusals. */
class ErlangCommandTest {
    private static final String[] DOMAIN_LOAD = {"erlang", "--arrivals-per-hour", "200", "--handle-seconds", "180",
            "--patience-seconds", "300", "--target-seconds", "20", "--short-abandon-seconds", "0"};

    private record Run(int exit, String out) {
    }

    private static Run run(String... extra) {
        String[] args = new String[DOMAIN_LOAD.length + extra.length];
        System.arraycopy(DOMAIN_LOAD, 0, args, 0, DOMAIN_LOAD.length);
        System.arraycopy(extra, 0, args, DOMAIN_LOAD.length, extra.length);
        return runExactly(args);
    }

    private static Run runExactly(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void jsonListsTheAgentsInAscendingOrderWithErlangCBeside() throws Exception {
        Run run = run("--agents", "11-14", "--json");

        assertThat(run.exit()).isZero();
        JsonNode array = new ObjectMapper().readTree(run.out());
        assertThat(array).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(array.get(i).get("agents").asInt()).isEqualTo(11 + i);
        }
        JsonNode twelve = array.get(1);
        // DOMAIN.md's table (12 agents) and its Erlang C values (12 agents: P(wait) 0.4494, 0.6402 within 20 s).
        assertThat(twelve.get("waitProbability").asDouble()).isCloseTo(0.331802, within(5e-7));
        assertThat(twelve.get("serviceLevel").asDouble()).isCloseTo(0.772279, within(5e-7));
        assertThat(twelve.get("erlangC").get("waitProbability").asDouble()).isCloseTo(0.4494, within(5e-5));
        assertThat(twelve.get("erlangC").get("serviceLevel").asDouble()).isCloseTo(0.6402, within(5e-5));
        assertThat(twelve.fieldNames()).toIterable().containsExactly("agents", "waitProbability", "abandonProbability",
                "reachability", "serviceLevel", "asaSeconds", "meanWaitSeconds", "occupancy", "erlangC");
    }

    @Test
    void erlangCIsNullWithoutASteadyState() throws Exception {
        // 10 Erlang on 10 agents: the queue of Erlang C grows without end.
        JsonNode ten = new ObjectMapper().readTree(run("--agents", "10", "--json").out()).get(0);
        assertThat(ten.get("erlangC").get("waitProbability").isNull()).isTrue();
        assertThat(ten.get("waitProbability").isNull()).isFalse();
    }

    @Test
    void theSmallestStaffForAServiceLevelIsPrinted() {
        // DOMAIN.md: 12 agents answer 0.772279 within 20 s, 13 agents 0.858178.
        Run run = run("--for-service-level", "0.8");
        assertThat(run.exit()).isZero();
        assertThat(run.out().trim()).isEqualTo("13");
    }

    @Test
    void noStaffMeetingTheTargetExitsOne() {
        // 2,000,000 calls an hour of 180 s: 1,000 agents answer at most 1000 × 3600 / 180 = 20,000 an hour, 1%.
        Run run = runExactly("erlang", "--arrivals-per-hour", "2000000", "--handle-seconds", "180", "--patience-seconds", "300",
                "--target-seconds", "20", "--for-reachability", "0.8");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("No number of agents");
    }

    @Test
    void aBadRangeOfAgentsIsRefused() {
        assertThat(run("--agents", "14-12").exit()).isEqualTo(2);
        assertThat(run("--agents", "1001").exit()).isEqualTo(2);
    }
}
