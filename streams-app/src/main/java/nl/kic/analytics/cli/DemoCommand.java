package nl.kic.analytics.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.tools.demo.Demo;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a real Kafka broker in-process, the topology, the simulated KiC (calls, chats, agents, e-mail) "
                + "on an accelerated clock and the HTTP server: wallboard at /, JSON API under /api/, Prometheus at /metrics.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port. Default: kic.http-port (KIC_HTTP_PORT), else 8080.")
    Integer port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "The address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}, this machine only "
                    + "(the demo has no tokens and its internal endpoint is open).")
    String bind;

    @Option(names = "--speed", defaultValue = "10", description = "How many times faster than real time the simulated clock runs. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--call-queues", split = ",", paramLabel = "NAME",
            description = "The simulated call queues, comma-separated; the calls and agents are spread evenly over them. "
                    + "Default: the KiC's six queues with their own shares.")
    List<String> callQueues;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--redials", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Callers call again after a lost or an answered call (docs/simulation.md); --no-redials: never. Default: on.")
    boolean redials;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        KicConfig loaded = configOptions.load();
        KicConfig config = loaded.withHttpPort(port != null ? port : loaded.httpPort()).withHttpBindAddress(bind);
        SimulationConfig traffic = SimulationConfig.kicDefaults(seed.seed).withRedials(redials);
        if (callQueues != null) {
            if (callQueues.stream().anyMatch(String::isBlank) || callQueues.stream().distinct().count() != callQueues.size()) {
                System.err.println("--call-queues takes distinct, non-empty names separated by commas.");
                return 2;
            }
            traffic = traffic.withCallQueues(callQueues);
        }
        Demo demo = Demo.start(config, traffic, speed);
        ZoneId zone = config.zone();
        System.out.printf("Simulated KiC from %s (%s) at %s× real time; Ctrl+C stops.%n",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(demo.clockStart()), zone,
                speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed));
        System.out.printf("API http://localhost:%d/api/contacts/live   metrics http://localhost:%d/metrics%n", demo.port(), demo.port());
        System.out.printf("Wallboard: http://localhost:%d/%n", demo.port());
        Shutdown.await(demo);
        return 0;
    }
}
