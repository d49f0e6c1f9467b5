package nl.kic.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.cli.Main;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.system.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/** Instances of the application started with {@code run}, each in its own JVM, as an operator starts them. */
public final class RunningInstances {
    public static final String INTERNAL_SECRET = "instances-test-secret";

    /** One instance: its HTTP port, state directory and log file. */
    public record Instance(int port, Path stateDir, Path log) {
        public String address() {
            return "localhost:" + port;
        }
    }

    /** How the instances serve HTTP: in clear and open (as the test's Prometheus scrapes them), or over HTTPS with a viewer token. */
    public record Http(HttpClient client, String scheme, Map<String, String> environment, String viewerToken) {
        public static Http plain() {
            return new Http(HttpClient.newHttpClient(), "http", Map.of(), null);
        }

        /** HTTPS with the key store, which each instance also trusts for its calls to the others. */
        public static Http secured(Path keyStore, String viewerToken) throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                trust.load(in, TestKeyStore.PASSWORD.toCharArray());
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustManagers.getTrustManagers(), null);
            return new Http(HttpClient.newBuilder().sslContext(tls).build(), "https", Map.of(
                    "KIC_HTTP_KEY_STORE", keyStore.toString(), "KIC_HTTP_KEY_STORE_PASSWORD", TestKeyStore.PASSWORD,
                    "KIC_HTTP_TRUST_STORE", keyStore.toString(), "KIC_HTTP_TRUST_STORE_PASSWORD", TestKeyStore.PASSWORD,
                    "KIC_HTTP_VIEWER_TOKENS", viewerToken), viewerToken);
        }

        public HttpRequest.Builder request(Instance instance, String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + instance.address() + path));
            return viewerToken == null ? request : request.header("Authorization", "Bearer " + viewerToken);
        }
    }

    private RunningInstances() {
    }

    /** {@code count} instances, each with a port of its own, numbered from 0. */
    public static List<Instance> instances(Path dir, int count) throws IOException {
        int[] ports = FreePorts.take(count);
        List<Instance> instances = new ArrayList<>();
        for (int number = 0; number < count; number++) {
            instances.add(new Instance(ports[number], dir.resolve("state-" + number), dir.resolve("instance-" + number + ".log")));
        }
        return instances;
    }

    /**
     * Starts {@code run} with one stream thread, one standby replica, a session timeout of four
     * seconds (the embedded broker allows less than six) and a transaction timeout of five, so that a
     * killed instance is noticed, and its open transaction aborted, within seconds
     * (docs/operations.md, "Several instances").
     */
    public static Process start(Instance instance, TestKafka kafka, String registryUrl) throws IOException {
        return start(instance, kafka, registryUrl, Http.plain());
    }

    /** Starts {@code run} on the test's part of the shared broker: its application id and topics. */
    public static Process start(Instance instance, TestKafka kafka, String registryUrl, Http http) throws IOException {
        return start(instance, kafka, registryUrl, http, Map.of());
    }

    /** As above, with more settings in the environment ({@code KIC_QUEUES}, …). */
    public static Process start(Instance instance, TestKafka kafka, String registryUrl, Http http, Map<String, String> settings)
            throws IOException {
        return start(System.getProperty("java.class.path"), instance, kafka, registryUrl, http, settings);
    }

    /** As above, from the classes of {@code classPath} (another version's jar). */
    public static Process start(String classPath, Instance instance, TestKafka kafka, String registryUrl, Http http,
                                Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath, Main.class.getName(), "run");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("KIC_"));
        env.putAll(kafka.environment());
        env.put("KIC_SCHEMA_REGISTRY_URL", registryUrl);
        env.put("KIC_HTTP_INTERNAL_SECRET", INTERNAL_SECRET);
        env.put("KIC_HTTP_PORT", Integer.toString(instance.port()));
        env.put("KIC_ADVERTISED_HTTP", instance.address());
        env.put("KIC_STATE_DIR", instance.stateDir().toString());
        env.put("KIC_STREAM_THREADS", "1");
        env.put("KIC_STANDBY_REPLICAS", "1");
        env.put("KIC_REPLICATION_FACTOR", "1");
        env.put("KIC_KAFKA_SESSION_TIMEOUT_MS", "4000");
        env.put("KIC_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        // A transaction left open by a killed instance holds the offsets of its partitions until the
        // broker aborts it (the new owner waits for them): five seconds, not Kafka Streams' ten.
        env.put("KIC_KAFKA_TRANSACTION_TIMEOUT_MS", "5000");
        env.putAll(http.environment());
        env.putAll(settings);
        return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(instance.log().toFile())).start();
    }

    public static void awaitRunning(Instance instance) throws Exception {
        awaitRunning(instance, Http.plain());
    }

    public static void awaitRunning(Instance instance, Http http) throws Exception {
        Await.until("the instance at port " + instance.port() + " to run; see " + instance.log(), Duration.ofSeconds(90),
                () -> http.client().send(http.request(instance, "/api/health").build(), HttpResponse.BodyHandlers.ofString()).body()
                        .contains("RUNNING"));
    }

    /** The Kafka Streams process id of an instance, from the client ids of its producers in /metrics. */
    public static String processId(Http http, String applicationId, Instance instance) throws Exception {
        String metrics = http.client().send(http.request(instance, "/metrics").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher id = Pattern.compile("client_id=\"" + java.util.regex.Pattern.quote(applicationId)
                + "-([0-9a-f-]{36})-StreamThread-1-producer\"").matcher(metrics);
        if (!id.find()) {
            throw new AssertionError("no producer of instance at port " + instance.port() + " in its /metrics");
        }
        return id.group(1);
    }

    /**
     * Waits until the instance has a transaction open on the broker (records written, not yet
     * committed); its transactions are named after its Kafka Streams process id.
     */
    public static void awaitOpenTransaction(Http http, KicConfig config, Instance instance) throws Exception {
        String open = config.applicationId() + "-" + processId(http, config.applicationId(), instance) + "-";
        try (Admin admin = Admin.create(config.kafkaClientProperties())) {
            Await.until("a transaction of the instance at port " + instance.port() + " open on the broker", Duration.ofSeconds(60),
                    () -> admin.listTransactions(new ListTransactionsOptions()
                                    .filterStates(List.of(TransactionState.ONGOING)))
                            .all().get().stream().map(TransactionListing::transactionalId).toList(),
                    ids -> ids.stream().anyMatch(id -> id.startsWith(open)));
        }
    }

    /** A port nothing listens on now, for a process or server the test starts. */
    public static int freePort() throws IOException {
        return FreePorts.take(1)[0];
    }
}
