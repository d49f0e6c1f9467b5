package nl.kic.analytics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.tools.benchmark.Benchmark;
import nl.kic.analytics.tools.benchmark.FailoverBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the pipeline against what Kafka allows on this machine (see docs/benchmarks.md): for each traffic "
                + "density, a simulated period is written to the broker, read and decoded by a plain consumer (the ceiling) and "
                + "processed by the full topology; then state size, peak heap and freshness. Prints a table and writes it as JSON."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    SharedOptions.SimulatedDays period;

    @Option(names = "--densities", split = ",", defaultValue = "0.25,0.5,1",
            description = "Fractions of the KiC's traffic to run, each over the same days (N/4, N/2, N). Default: ${DEFAULT-VALUE}.")
    List<Double> densities;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--freshness-probes", defaultValue = "100", description = "Probe events for the freshness figures. Default: ${DEFAULT-VALUE}.")
    int probes;

    @Option(names = "--output", defaultValue = "bench.json", description = "JSON file for the results. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--failover", description = "Measures instead how long the figures are away when one of three run instances "
            + "(separate JVMs, one standby replica) is killed with SIGKILL, and whether a survivor ever answers partial figures.")
    boolean failover;

    @Option(names = "--failover-runs", defaultValue = "3", description = "Kills to measure with --failover, each with a new application "
            + "id and new topics. Default: ${DEFAULT-VALUE}.")
    int failoverRuns;

    @Option(names = "--instance-setting", paramLabel = "KEY=VALUE", description = "With --failover: a setting of the instances "
            + "beyond the defaults, which start as docs/operations.md advises for failover (kic.standby-replicas=1, "
            + "kic.kafka.session.timeout.ms=4000, kic.kafka.heartbeat.interval.ms=1000, kic.kafka.transaction.timeout.ms=5000); "
            + "e.g. kic.stream-threads=1 or kic.kafka.session.timeout.ms=6000. Repeatable.")
    Map<String, String> instanceSettings = new LinkedHashMap<>();

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        if (!failover && !instanceSettings.isEmpty()) {
            System.err.println("--instance-setting sets the instances of --failover; without --failover there are none.");
            return 2;
        }
        if (failover && failoverRuns < 1) {
            System.err.println("--failover-runs must be at least 1.");
            return 2;
        }
        KicConfig config = configOptions.load();
        Path workDir = Files.createTempDirectory("kic-bench-");
        EmbeddedKafkaBroker broker = config.usesEmbeddedBroker() ? EmbeddedKafkaBroker.start() : null;
        try {
            if (broker != null) {
                config = config.withBootstrapServers(broker.bootstrapServers());
            }
            if (failover) {
                FailoverBenchmark.Result result = new FailoverBenchmark(config, workDir, Main.class.getName(), failoverLogs(),
                        instanceSettings).run(failoverRuns, seed.seed);
                print(result);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), result);
                System.out.println("Written to " + output + "; the instances' logs in " + failoverLogs());
                return result.sound() ? 0 : 1;
            }
            Benchmark.Result result = new Benchmark(config.withSchemaRegistryUrl("mock://bench"), workDir)
                    .run(period.from, period.days(365), densities, seed.seed, probes);
            print(result);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), result);
            System.out.println("Written to " + output);
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
            Directories.deleteRecursively(workDir);
        }
    }

    /** The instances' logs go beside the output: {@code bench-failover-logs/run-N/instance-N.log}. */
    private Path failoverLogs() {
        Path file = output.toAbsolutePath();
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return file.resolveSibling(name + "-failover-logs");
    }

    private static void print(FailoverBenchmark.Result r) {
        System.out.printf(Locale.ROOT, "%nOne of three instances killed with SIGKILL; a survivor asked for the daily figures ten times a "
                + "second; instance settings beyond the defaults: %s%n", String.join(", ", r.instanceSettings()));
        System.out.printf(Locale.ROOT, "%-4s %8s %9s %8s %8s %7s %16s %16s %10s%n", "run", "answers", "complete", "refused", "partial",
                "failed", "longest gap ms", "last refusal ms", "recovered");
        int number = 1;
        for (FailoverBenchmark.Run run : r.runs()) {
            System.out.printf(Locale.ROOT, "%-4d %8d %9d %8d %8d %7d %16d %16d %10s%n", number++, run.answers(), run.complete(),
                    run.refused(), run.partial(), run.failed(), run.longestGapMillis(), run.lastRefusalAfterKillMillis(),
                    run.completeAtTheEnd() ? "yes" : "no");
        }
        System.out.println("complete: 200 with the figures from before the kill; refused: 503 (retry later) or no answer; partial: 200 "
                + "with other figures and failed: any other status (neither ever allowed); longest gap: between two complete answers; "
                + "last refusal: after the kill (-1: none); recovered: the last answer, 30 s after the kill, was complete.");
    }

    private static void print(Benchmark.Result r) {
        System.out.printf(Locale.ROOT, "%n%d days from %s, %d cores, max heap %d MB%n", r.days(), r.from(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%-8s %10s %13s %13s %13s %13s %7s %7s %8s %8s %9s %8s%n", "density", "events", "ceiling ev/s",
                "decode ev/s", "keyed ev/s", "pipeline ev/s", "ratio", "÷keyed", "seconds", "disk MB", "memory MB", "heap MB");
        for (Benchmark.Run run : r.runs()) {
            System.out.printf(Locale.ROOT, "%-8.2f %10d %13.0f %13.0f %13.0f %13.0f %7.3f %7.3f %8.1f %8.1f %9.1f %8.0f%n", run.density(),
                    run.events(), run.ceilingEventsPerSecond(), run.decodeOnlyEventsPerSecond(), run.keyedStateEventsPerSecond(),
                    run.pipelineEventsPerSecond(), run.ratio(), run.pipelineToKeyed(), run.pipelineSeconds(), run.stateBytesOnDisk() / 1e6,
                    run.memTableBytes() / 1e6, run.peakHeapBytes() / 1e6);
        }
        System.out.println("decode: Kafka Streams, exactly-once, decoding only; keyed: that plus one store read and write per event;");
        System.out.println("ratio: pipeline to ceiling (a plain consumer reading and decoding); ÷keyed: pipeline to the keyed rung.");
        System.out.println("State of all stores, from RocksDB:");
        System.out.println("disk: SST files; memory: memtables; both hold overwritten values until RocksDB compacts them.");
        System.out.printf(Locale.ROOT, "freshness (event produced to visible in the API), %d probes: p50 %.0f ms, p99 %.0f ms%n",
                r.freshnessProbes(), r.freshnessP50Millis(), r.freshnessP99Millis());
        System.out.println("records written to the broker per input event (changelogs, repartition topics, dead letters):");
        for (Benchmark.Run run : r.runs()) {
            System.out.printf(Locale.ROOT, "  density %.2f: %.2f%n", run.density(), run.brokerRecordsPerEvent());
        }
        System.out.println("store operations per input event, counted in a separate pass where the processors call them (above the "
                + "record cache), with the entries read by ranges and scans:");
        for (Benchmark.Run run : r.runs()) {
            if (!run.storeOperationsPerEvent().isEmpty()) {
                System.out.printf(Locale.ROOT, "  density %.2f: %.2f in all; %s%n", run.density(), run.storeOperationsPerEventTotal(),
                        run.storeOperationsPerEvent().entrySet().stream()
                                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList());
            }
        }
        System.out.println("entries per store:");
        for (Benchmark.Run run : r.runs()) {
            System.out.printf(Locale.ROOT, "  density %.2f: %s%n", run.density(), run.storeEntries());
        }
        System.out.println("bytes per compact record (key and value, as stored):");
        for (Benchmark.Run run : r.runs()) {
            System.out.printf(Locale.ROOT, "  density %.2f: %s%n", run.density(), run.compactRecordBytes().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s=%.1f", e.getKey(), e.getValue())).toList());
        }
        System.out.println("MB per store, disk and memory:");
        for (Benchmark.Run run : r.runs()) {
            System.out.printf(Locale.ROOT, "  density %.2f: %s%n", run.density(), run.storeBytes().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey(), e.getValue() / 1e6)).toList());
        }
    }
}
