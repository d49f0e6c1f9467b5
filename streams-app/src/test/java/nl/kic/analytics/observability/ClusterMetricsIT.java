package nl.kic.analytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances.Instance;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.kafka.Topics;
import nl.kic.analytics.platform.registry.FakeConfluentRegistryServer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances ({@code run}, each in its own JVM) scraped by one real Prometheus, and the
 * exporting instance alone scraped by a second one, as a single-instance deployment would be. Every
 * cluster-wide figure exists once per cluster; every dashboard query and rule over those figures
 * gives the same values in both; an alert fires once, not once per instance; and when the exporting
 * instance is killed, another takes over within a minute.
 */
@ExtendWith(SharedBroker.class)
class ClusterMetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The figures of the whole cluster, as opposed to each instance's pipeline counters. */
    private static final Pattern CLUSTER_FIGURE = Pattern.compile("kic_(contacts|email|agents|contact_centre)[a-z_]*|kic:[a-z_:]+");
    private static final Map<String, String> VARIABLES = Map.of("$channel", "CALL", "$queue", ".+", "$target", "0.80", "$floor", "0.65");
    private static final String OFFERED_TODAY = "kic_contacts_interval_offered{channel=\"CALL\", queue=\"ALL\", period=\"today\"}";

    @Test
    void eachFigureExistsOncePerClusterAndAnotherInstanceTakesOverWhenTheExporterIsKilled(TestKafka kafka, @TempDir Path dir) throws Exception {
        Programs.require("prometheus", "prometheus"); // skips, with a message, where Prometheus is not installed
        try (FakeConfluentRegistryServer registry = new FakeConfluentRegistryServer(1)) {
            KicConfig config = kafka.config().withSchemaRegistryUrl(registry.url());
            Topics.create(config.kafkaClientProperties(), List.of(config.contactEventsTopic(), config.emailEventsTopic(),
                    config.agentEventsTopic(), config.deadLetterTopic()), 6, 1);
            List<Instance> instances = RunningInstances.instances(dir, 3);
            List<Process> processes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    processes.add(RunningInstances.start(instances.get(i), kafka, registry.url()));
                }
                for (Instance instance : instances) {
                    RunningInstances.awaitRunning(instance);
                }
                try (EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(registry.url()))) {
                    sendToday(producer);
                }
                Path testRules = Files.writeString(dir.resolve("once.yml"), String.join("\n",
                        "groups:",
                        "  - name: once per cluster",
                        "    rules:",
                        "      - alert: KicTestCallsOfferedToday",
                        "        expr: " + OFFERED_TODAY + " > 0", ""));
                List<Path> rules = List.of(Programs.DASHBOARDS.resolve("prometheus/rules.yml"), testRules);
                List<String> targets = instances.stream().map(Instance::address).toList();
                // Each scrape of the exporter reads every partition, most of them from the other instances:
                // on a busy build machine that can take more than a second.
                Duration interval = Duration.ofSeconds(2);
                try (PrometheusServer cluster = PrometheusServer.start(dir.resolve("cluster"), rules, targets, interval)) {
                    // 40 calls today, worked out by hand: one series with 40, whichever instance has it.
                    JsonNode offered = cluster.await(OFFERED_TODAY, r -> r.size() == 1 && value(r.get(0)) == 40, Duration.ofSeconds(90));
                    String exporter = offered.get(0).path("metric").path("instance").asText();
                    assertThat(cluster.await("kic_cluster_figures_exported", r -> r.size() == 3, Duration.ofSeconds(30)))
                            .filteredOn(series -> value(series) == 1).extracting(series -> series.path("metric").path("instance").asText())
                            .containsExactly(exporter);
                    assertThat(cluster.result("count by (instance) ({__name__=~\"kic_contacts_.*|kic_agents|kic_email_.*|kic_contact_centre_open\"})"))
                            .as("instances that export cluster-wide figures").hasSize(1);
                    assertThat(cluster.result("count by (__name__, channel, queue, category, window, period, state) "
                            + "({__name__=~\"kic_contacts_.*|kic_agents|kic_email_.*|kic_contact_centre_open\"}) > 1"))
                            .as("figures with more than one series").isEmpty();
                    JsonNode alerts = cluster.await("ALERTS{alertname=\"KicTestCallsOfferedToday\", alertstate=\"firing\"}",
                            r -> !r.isEmpty(), Duration.ofSeconds(30));
                    assertThat(alerts).as("the alert fires once, not once per instance").hasSize(1);

                    try (PrometheusServer single = PrometheusServer.start(dir.resolve("single"), rules, List.of(exporter), interval)) {
                        single.await(OFFERED_TODAY, r -> r.size() == 1, Duration.ofSeconds(60));
                        single.await("kic:email_must_answer_violations_month:sum", r -> r.size() == 1, Duration.ofSeconds(30));
                        Thread.sleep(6000); // rates need a few samples
                        Instant at = instantBothScrapedTheExporter(cluster, single, exporter);
                        List<String> compared = new ArrayList<>();
                        for (String expr : clusterFigureQueries()) {
                            assertThat(values(cluster.result(expr, at))).as(expr).isEqualTo(values(single.result(expr, at)));
                            compared.add(expr);
                        }
                        assertThat(compared).as("queries compared").hasSizeGreaterThan(10);
                    }

                    // Kill the exporter hard; another instance takes partition 0 over, and with it the figures.
                    int killed = instances.stream().map(Instance::address).toList().indexOf(exporter);
                    long killedAt = System.nanoTime();
                    processes.get(killed).destroyForcibly().waitFor();
                    JsonNode after = cluster.await(OFFERED_TODAY, r -> r.size() == 1 && value(r.get(0)) == 40
                            && !r.get(0).path("metric").path("instance").asText().equals(exporter), Duration.ofSeconds(60));
                    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofMinutes(1));
                    assertThat(after.get(0).path("metric").path("instance").asText()).isNotEqualTo(exporter);
                    assertThat(cluster.result("count by (__name__, channel, queue, category, window, period, state) "
                            + "({__name__=~\"kic_contacts_.*|kic_agents|kic_email_.*|kic_contact_centre_open\"}) > 1")).isEmpty();
                }
            } finally {
                processes.forEach(Process::destroy);
                for (Process process : processes) {
                    process.waitFor();
                }
            }
        }
    }

    /**
     * An instant at which both servers evaluate on complete scrapes of the exporter: every scrape of
     * it in the 10 s before succeeded in both, and it exported the figures in each. A scrape that timed out on the loaded machine leaves
     * a gap in one server only, which is about the monitoring, not about the figures.
     */
    private static Instant instantBothScrapedTheExporter(PrometheusServer cluster, PrometheusServer single, String exporter)
            throws Exception {
        String complete = "min_over_time(up{instance=\"" + exporter + "\"}[10s]) * min_over_time(kic_cluster_figures_exported{instance=\""
                + exporter + "\"}[10s])";
        return Await.until("both servers to have scraped the exporter for 10 s on end", Duration.ofSeconds(60), () -> {
            Instant at = Instant.now().minusSeconds(3);
            JsonNode inCluster = cluster.result(complete, at);
            JsonNode inSingle = single.result(complete, at);
            boolean both = inCluster.size() == 1 && inSingle.size() == 1 && value(inCluster.get(0)) == 1 && value(inSingle.get(0)) == 1;
            return both ? at : null;
        }, at -> at != null);
    }

    /**
     * 40 calls to asiel today, Amsterdam time: from two hours ago, or from midnight when that was
     * later (so never more than minutes ahead of the clock); even ones answered, odd ones abandoned,
     * both after 30 s; two urgent e-mails; and three available agents.
     */
    private static void sendToday(EventProducer producer) {
        Instant today = LocalDate.now(AMSTERDAM).atStartOfDay(AMSTERDAM).toInstant();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Instant midnight = twoHoursAgo.isAfter(today) ? twoHoursAgo : today;
        for (int i = 0; i < 40; i++) {
            Instant offered = midnight.plusSeconds(5L * i);
            String id = "c" + i;
            producer.send(contact(id, "1", ContactEventType.OFFERED, offered));
            producer.send(contact(id, "2", i % 2 == 0 ? ContactEventType.ANSWERED : ContactEventType.ABANDONED, offered.plusSeconds(30)));
        }
        for (int i = 0; i < 2; i++) {
            producer.send(EmailEvent.newBuilder().setEventId("m" + i + "-1").setEmailId("m" + i).setType(EmailEventType.RECEIVED)
                    .setCategory(EmailCategory.URGENT).setOccurredAt(midnight.plusSeconds(i)).build());
        }
        for (int i = 0; i < 3; i++) {
            producer.send(AgentEvent.newBuilder().setEventId("a" + i + "-1").setAgentId("a" + i).setTeam("team-1")
                    .setQueues(List.of("asiel")).setState(AgentState.AVAILABLE).setOccurredAt(midnight).build());
        }
        producer.flush();
    }

    private static ContactEvent contact(String id, String sequence, ContactEventType type, Instant at) {
        return ContactEvent.newBuilder().setEventId(id + "-" + sequence).setContactId(id).setChannel(Channel.CALL).setType(type)
                .setQueue("asiel").setOccurredAt(at).build();
    }

    /** Every dashboard query and rule expression that reads cluster-wide figures only. */
    private static List<String> clusterFigureQueries() throws Exception {
        List<String> queries = new ArrayList<>();
        for (Path file : DashboardFilesTest.prometheusDashboards()) {
            for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(substitute(target.path("expr").asText()));
                }
            }
        }
        Matcher rule = Pattern.compile("^\\s+expr: (.+)$", Pattern.MULTILINE)
                .matcher(Files.readString(Programs.DASHBOARDS.resolve("prometheus/rules.yml")));
        while (rule.find()) {
            queries.add(rule.group(1));
        }
        return queries.stream().filter(ClusterMetricsIT::readsClusterFiguresOnly).toList();
    }

    private static boolean readsClusterFiguresOnly(String expr) {
        Matcher metric = Pattern.compile("(kic[_:][a-z_:]*|kafka_[a-z_]+)").matcher(expr);
        boolean any = false;
        while (metric.find()) {
            if (!CLUSTER_FIGURE.matcher(metric.group(1)).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static String substitute(String expr) {
        String result = expr;
        for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        return result;
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }

    /** Each series' value by its labels other than the scraped instance and job. */
    private static Map<String, String> values(JsonNode result) {
        Map<String, String> values = new TreeMap<>();
        for (JsonNode series : result) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            labels.remove("instance");
            labels.remove("job");
            values.put(labels.toString(), series.path("value").get(1).asText());
        }
        return values;
    }
}
