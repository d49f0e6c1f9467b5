package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.input.EventProducer;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running application on a real broker receives January and March, and then, with its clock 60
 * days on, the February that was found late: every month's figures equal an independent count of
 * the simulated contacts, and nothing is dead-lettered.
 */
@ExtendWith(SharedBroker.class)
class LateMonthIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Test
    void aMonthArrivingSixtyDaysAfterTheRestIsCountedExactly(TestKafka kafka, @TempDir Path dir) throws Exception {
        List<ContactEvent> events = new ArrayList<>();
        new KicSimulator(SimulationConfig.kicDefaults(3).scaled(0.02), KicConfig.defaults().calendar(), ZONE,
                LocalDate.of(2023, 1, 2), e -> {
                    if (e instanceof ContactEvent c) {
                        events.add(c);
                    }
                }).runDaysUntil(LocalDate.of(2023, 4, 1));
        Map<String, long[]> expected = independentCount(events);
        List<ContactEvent> february = events.stream().filter(e -> month(e).equals("2023-02")).toList();
        List<ContactEvent> rest = events.stream().filter(e -> !month(e).equals("2023-02")).toList();
        assertThat(february).hasSizeGreaterThan(1_000);

        ManualClock clock = new ManualClock(Instant.parse("2023-04-01T06:00:00Z"));
        KicConfig config = kafka.config().withStateDir(dir)
                .withSchemaRegistryUrl("mock://late-month-it").withHttpPort(0);
        try (Service service = Service.start(config, clock);
             EventProducer producer = new EventProducer(config, SchemaRegistryClient.forUrl(config.schemaRegistryUrl()))) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            rest.forEach(producer::send);
            producer.flush();
            service.app.awaitProcessed(Duration.ofMinutes(2));

            clock.advance(Duration.ofDays(60));
            february.forEach(producer::send);
            producer.flush();
            service.app.awaitProcessed(Duration.ofMinutes(2));

            Map<String, long[]> counted = new TreeMap<>();
            // Read as the product does: a partition that is restoring or being moved answers only once it is active again.
            for (ContactMetricsRow row : service.app.whenQueryable(Duration.ofMinutes(2),
                    () -> service.app.queries().contactMetrics().rows(Granularity.MONTH, null, null, null, null))) {
                if (!row.queue().equals("ALL")) {
                    counted.put(row.channel() + "|" + row.queue() + "|" + row.intervalStart().toLocalDate().toString().substring(0, 7),
                            new long[] {row.figures().offered(), row.figures().answered(), row.figures().abandoned(), row.figures().rejected()});
                }
            }
            assertThat(counted.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, value) -> assertThat(counted.get(key)).as(key).containsExactly(value));
            assertThat(deadLetters(config)).isZero();
        }
    }

    private static long deadLetters(KicConfig config) {
        Properties props = new Properties();
        props.put("bootstrap.servers", config.bootstrapServers());
        try (var consumer = new KafkaConsumer<byte[], byte[]>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(config.deadLetterTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String month(ContactEvent e) {
        return e.getOccurredAt().atZone(ZONE).toLocalDate().toString().substring(0, 7);
    }

    /** Offered, answered, abandoned and rejected per channel, queue and month of the OFFERED (or REJECTED). */
    private static Map<String, long[]> independentCount(List<ContactEvent> events) {
        Map<String, List<ContactEvent>> byContact = new HashMap<>();
        events.forEach(e -> byContact.computeIfAbsent(e.getContactId(), k -> new ArrayList<>()).add(e));
        Map<String, long[]> counts = new TreeMap<>();
        for (List<ContactEvent> contact : byContact.values()) {
            ContactEvent first = contact.stream().filter(e -> e.getType() == ContactEventType.OFFERED).findFirst()
                    .orElse(contact.stream().filter(e -> e.getType() == ContactEventType.REJECTED).findFirst().orElse(null));
            if (first == null) {
                continue;
            }
            long[] c = counts.computeIfAbsent(first.getChannel() + "|" + first.getQueue() + "|" + month(first), k -> new long[4]);
            if (first.getType() == ContactEventType.REJECTED) {
                c[3]++;
                continue;
            }
            c[0]++;
            if (contact.stream().anyMatch(e -> e.getType() == ContactEventType.ANSWERED)) {
                c[1]++;
            } else if (contact.stream().anyMatch(e -> e.getType() == ContactEventType.ABANDONED)) {
                c[2]++;
            }
        }
        return counts;
    }
}
