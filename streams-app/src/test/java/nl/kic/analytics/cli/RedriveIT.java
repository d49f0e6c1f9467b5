package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.serving.Service;
import nl.kic.analytics.tools.redrive.Redrive;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Events written with a schema the registry does not know yet are dead-lettered as
 * {@code unknown_schema}; once the schema is registered, {@code redrive} sends them back and they are
 * counted. A second redrive sends nothing; dead letters of another reason stay where they are.
 */
@ExtendWith(SharedBroker.class)
class RedriveIT {
    private static final Instant NINE = Instant.parse("2023-03-01T09:00:00Z");

    @Test
    void deadLettersOfAnUnknownSchemaCountOnceAfterTheSchemaIsRegisteredHoweverOftenRedriveRuns(TestKafka kafka, @TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2023-03-01T17:00:00Z"));
        KicConfig config = kafka.config().withStateDir(dir)
                .withSchemaRegistryUrl("mock://redrive-it").withHttpPort(0);
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(config.schemaRegistryUrl());
        ConfluentAvroSerde<ContactEvent> serde = ConfluentAvroSerde.forValues(registry, ContactEvent.getClassSchema());
        // A newer producer's schema: the same fields (so the same bytes), but a schema of its own, with its own id.
        Schema newer = new Schema.Parser().parse(ContactEvent.getClassSchema().toString().replaceFirst("\\{", "{\"kic.producer\":\"2\","));
        int newerId = 2; // the next id of the registry after ContactEvent's
        try (Service service = Service.start(config, clock);
             KafkaProducer<String, byte[]> producer = ContactEvents.producer(kafka.bootstrapServers())) {
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            // 10 contacts the registry can read, 5 of the newer producer (10 events), and 3 undecodable records.
            for (int i = 0; i < 15; i++) {
                String id = "c" + i;
                long offered = NINE.toEpochMilli() + i * 60_000L;
                for (ContactEvent event : List.of(ContactEvents.call(id, "1", ContactEventType.OFFERED, offered),
                        ContactEvents.call(id, "2", i % 2 == 0 ? ContactEventType.ANSWERED : ContactEventType.ABANDONED, offered + 20_000))) {
                    byte[] bytes = serde.serialize(config.contactEventsTopic(), event);
                    if (i >= 10) {
                        bytes[4] = (byte) newerId;
                    }
                    producer.send(new ProducerRecord<>(config.contactEventsTopic(), id, bytes));
                }
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(config.contactEventsTopic(), "noise" + i, "not avro".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            DeadLetterRecords.read(config, 10 + 3);
            ContactFigures before = AsielDay.await(service.app, 10, 10, Duration.ofSeconds(60));
            assertThat(before.offered()).isEqualTo(10);

            assertThat(registry.register(config.contactEventsTopic() + "-value", newer)).isEqualTo(newerId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = execute(out, "redrive", "--reason", "unknown_schema", "--config",
                    TestKafka.settingsFile(config, dir.resolve("redrive.properties")).toString());
            assertThat(exit).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("re-sent 10 records ({" + config.contactEventsTopic() + "=10})")
                    .contains("reasons unknown_schema").contains("0 re-sent before");

            ContactFigures after = AsielDay.await(service.app, 15, 15, Duration.ofSeconds(60));
            assertThat(after.offered()).isEqualTo(15);
            assertThat(after.answered()).isEqualTo(8); // c0, c2, ..., c14
            assertThat(after.abandoned()).isEqualTo(7);

            List<String> audit = new ArrayList<>();
            Redrive.Result again = Redrive.run(config, new Redrive.Selection(Set.of("unknown_schema"), null, null), false, audit::add);
            assertThat(again.resent()).isZero();
            assertThat(again.alreadyResent()).isEqualTo(10);
            Redrive.Result undecodable = Redrive.run(config, new Redrive.Selection(Set.of("undecodable"), null, null), true, audit::add);
            assertThat(undecodable.resent()).as("a dry run counts, and sends nothing").isEqualTo(3);
            Redrive.Result outOfRange = Redrive.run(config, new Redrive.Selection(Set.of("undecodable"), null, Instant.EPOCH), true,
                    audit::add);
            assertThat(outOfRange.resent()).isZero();

            // Nothing more arrives: the application has read all input and still counts 15.
            service.app.awaitProcessed(Duration.ofSeconds(30));
            assertThat(AsielDay.await(service.app, 15, 15, Duration.ofSeconds(60)).offered()).isEqualTo(15);
            DeadLetterRecords.read(config, 10 + 3);
        }
    }

    private static int execute(ByteArrayOutputStream out, String... args) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(original);
        }
    }

}
