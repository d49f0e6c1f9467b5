package nl.kic.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import nl.kic.analytics.Await;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.app.Assembly;
import nl.kic.analytics.app.Domains;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.serving.Service;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain made up for the test, registered beside the product's own, on the shared broker: its topic
 * is created, its words are counted, and the API and /metrics serve its figures, with no edit
 * anywhere else.
 */
@ExtendWith(SharedBroker.class)
class NewDomainIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRegisteredDomainIsServedByTheApiAndOnMetrics(TestKafka kafka, @TempDir Path dir) throws Exception {
        KicConfig config = kafka.config().withStateDir(dir).withSchemaRegistryUrl("mock://new-domain-it").withHttpPort(0);
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T10:00:00Z"));
        String topic = "kic.words." + kafka.token();
        Domains domains = Domains.standard(config, clock).with(new WordCounts(topic));
        try (Service service = Service.start(Assembly.blueprint(config, clock, domains, streams -> { }), true)) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                for (String word : new String[] {"asiel", "werk", "asiel"}) {
                    producer.send(new ProducerRecord<>(topic, word, word));
                }
            }
            String base = "http://localhost:" + service.api.port();
            // The words land on different partitions, processed by tasks of their own: wait for the
            // whole answer, since one word can be counted before the other. A double count never equals it.
            String expected = "{\"counts\":{\"asiel\":2,\"werk\":1}}";
            assertThat(Await.until("the words counted", Duration.ofSeconds(60), () -> get(base + "/api/words/counts"),
                    expected::equals)).isEqualTo(expected);
            Await.until("the words on /metrics", Duration.ofSeconds(30), () -> get(base + "/metrics"),
                    body -> body.contains("kic_words_counted{word=\"asiel\"} 2.0") && body.contains("kic_words_counted{word=\"werk\"} 1.0"));
        }
    }

    private static String get(String address) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
