package nl.kic.analytics.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.InMemorySchemaRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Avro in the Confluent wire format: the first work on every input record, and all of the ceiling's. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventDecodingBenchmark {
    private ConfluentAvroSerde<ContactEvent> serde;
    private ContactEvent event;
    private byte[] bytes;

    @Setup
    public void setUp() {
        serde = ConfluentAvroSerde.forValues(InMemorySchemaRegistry.scope("jmh-decoding"), ContactEvent.getClassSchema());
        event = ContactEvent.newBuilder().setEventId("5f0c6b2e-0b4e-4c39-9d7a-1f1a2b3c4d5e").setContactId("c-000123456")
                .setChannel(Channel.CALL).setType(ContactEventType.ANSWERED).setQueue("verblijf")
                .setOccurredAt(Instant.parse("2023-06-05T09:12:34.567Z")).setAgentId("a-042").build();
        bytes = serde.serialize("kic.contact-events", event);
    }

    @Benchmark
    public ContactEvent decodeContactEvent() {
        return serde.deserializer().deserialize("kic.contact-events", bytes);
    }

    @Benchmark
    public byte[] encodeContactEvent() {
        return serde.serialize("kic.contact-events", event);
    }
}
