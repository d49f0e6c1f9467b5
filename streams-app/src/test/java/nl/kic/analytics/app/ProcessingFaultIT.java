package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kic.analytics.AsielDay;
import nl.kic.analytics.ContactEvents;
import nl.kic.analytics.DeadLetterRecords;
import nl.kic.analytics.ManualClock;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the product itself on a real broker, injected after a processor has done its work for a
 * record (forwarded, written its stores): once in the contact state after a forward, once in the
 * interval aggregation after it wrote its row, and every time for one contact. The figures equal
 * those worked out by hand for the events without the fault; the contact that always fails is
 * dead-lettered as {@code processing_error} with its original bytes, and nothing else is.
 */
@ExtendWith(SharedBroker.class)
class ProcessingFaultIT {
    private static final Instant NINE = Instant.parse("2023-03-01T09:00:00Z");

    @Test
    void aFailedAttemptLeavesNothingBehindAndAPoisonRecordIsSetAside(TestKafka kafka, @TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T17:00:00Z"));
        AtomicBoolean stateFaultDone = new AtomicBoolean();
        AtomicInteger aggregated = new AtomicInteger();
        AtomicBoolean aggregationFaultDone = new AtomicBoolean();
        ProcessorFault fault = (processor, key, value) -> {
            if (processor.equals("contact-state") && "poison".equals(key)) {
                throw new IllegalStateException("injected: fails every time");
            }
            if (processor.equals("contact-state") && "c10".equals(key) && ((ContactEvent) value).getType() == ContactEventType.ANSWERED
                    && stateFaultDone.compareAndSet(false, true)) {
                throw new IllegalStateException("injected: fails once after its forward");
            }
            if (processor.equals("contact-interval-aggregation") && aggregated.incrementAndGet() == 40
                    && aggregationFaultDone.compareAndSet(false, true)) {
                throw new IllegalStateException("injected: fails once after writing its row");
            }
        };
        KicConfig config = kafka.config().withStateDir(dir)
                .withSchemaRegistryUrl("mock://processing-fault-it");
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        try (Service service = Service.start(Assembly.blueprint(config, clock, Domains.standard(config, clock), fault.injected()), false);
             KafkaProducer<String, byte[]> producer = ContactEvents.producer(kafka.bootstrapServers())) {
            KicApplication app = service.app;
            PipelineMetrics metrics = service.metrics;
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            ConfluentAvroSerde<ContactEvent> serde = ConfluentAvroSerde.forValues(registry, ContactEvent.getClassSchema());
            List<byte[]> poisonBytes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                // 60 contacts, even ones answered and odd ones abandoned, both after 30 s.
                String id = "c" + i;
                long offered = NINE.toEpochMilli() + i * 60_000L;
                send(producer, config.contactEventsTopic(), serde, ContactEvents.call(id, "1", ContactEventType.OFFERED, offered));
                send(producer, config.contactEventsTopic(), serde, ContactEvents.call(id, "2", i % 2 == 0 ? ContactEventType.ANSWERED : ContactEventType.ABANDONED, offered + 30_000));
                if (i == 30) {
                    poisonBytes.add(send(producer, config.contactEventsTopic(), serde, ContactEvents.call("poison", "1", ContactEventType.OFFERED, offered)));
                    poisonBytes.add(send(producer, config.contactEventsTopic(), serde, ContactEvents.call("poison", "2", ContactEventType.ANSWERED, offered + 10_000)));
                }
            }
            producer.flush();

            ContactFigures day = AsielDay.await(app, 60, 60, Duration.ofSeconds(90));
            assertThat(day.offered()).isEqualTo(60);
            assertThat(day.answered()).isEqualTo(30);
            assertThat(day.abandoned()).isEqualTo(30);
            assertThat(day.asaSeconds()).isEqualTo(30.0);
            assertThat(day.maxWaitSeconds()).isEqualTo(30.0);
            List<ConsumerRecord<byte[], byte[]>> dead = DeadLetterRecords.read(config, 2);
            for (ConsumerRecord<byte[], byte[]> record : dead) {
                assertThat(DeadLetterRecords.header(record, DeadLetterHandler.REASON_HEADER)).isEqualTo("processing_error");
                assertThat(DeadLetterRecords.header(record, DeadLetterHandler.ERROR_HEADER)).contains("fails every time");
            }
            assertThat(dead).extracting(ConsumerRecord::value).usingElementComparator(Arrays::compare)
                    .containsExactlyInAnyOrderElementsOf(poisonBytes);

            assertThat(stateFaultDone).isTrue();
            assertThat(aggregationFaultDone).isTrue();
            // Two single faults, and each poison event failing twice before it is set aside.
            assertThat(metrics.processingFailureCount()).isEqualTo(2 + 2 * 2);
            assertThat(metrics.threadsReplacedCount()).isEqualTo(2 + 2 * 2);
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }


    private static byte[] send(KafkaProducer<String, byte[]> producer, String topic, ConfluentAvroSerde<ContactEvent> serde, ContactEvent event) {
        byte[] bytes = serde.serialize(topic, event);
        producer.send(new ProducerRecord<>(topic, event.getContactId(), bytes));
        return bytes;
    }

}
