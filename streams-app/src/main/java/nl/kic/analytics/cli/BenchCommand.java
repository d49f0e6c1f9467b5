package nl.kic.analytics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.embedded.EmbeddedKafkaBroker;
import nl.kic.analytics.platform.system.Directories;
import nl.kic.analytics.tools.benchmark.Benchmark;
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

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        KicConfig config = configOptions.load();
        Path workDir = Files.createTempDirectory("kic-bench-");
        EmbeddedKafkaBroker broker = config.usesEmbeddedBroker() ? EmbeddedKafkaBroker.start() : null;
        try {
            if (broker != null) {
                config = config.withBootstrapServers(broker.bootstrapServers());
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
