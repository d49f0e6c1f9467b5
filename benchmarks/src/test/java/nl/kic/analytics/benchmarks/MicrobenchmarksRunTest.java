package nl.kic.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Every microbenchmark runs (one short iteration, in this JVM); what it measures is not judged here. */
class MicrobenchmarksRunTest {

    @Test
    void everyMicrobenchmarkRunsAndReportsATime() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("nl\\.kic\\.analytics\\.benchmarks\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .build()).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.benchmarks\\.", ""))
                .containsExactlyInAnyOrder(
                        "EventDecodingBenchmark.decodeContactEvent",
                        "EventDecodingBenchmark.encodeContactEvent",
                        "ContactStateBenchmark.offeredOfANewContact",
                        "ContactStateBenchmark.answeredOfAWaitingContact",
                        "ContactStateBenchmark.endedOfATalkingContact",
                        "IntervalAggregationBenchmark.applyOneChange");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive().isFinite());
    }
}
