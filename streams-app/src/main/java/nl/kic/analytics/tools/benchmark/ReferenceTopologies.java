package nl.kic.analytics.tools.benchmark;

import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.time.EventTimeExtractor;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Topologies that do less than the product, run with the product's settings (exactly-once, threads,
 * partitions) on the same input: what Kafka Streams itself costs on this machine. They bound from
 * above what any topology with per-contact state can reach, and so tell how much of the distance
 * between the pipeline and the ceiling is the product's own work.
 */
final class ReferenceTopologies {
    /** Bytes kept per key by {@link #keyedState}: about a contact's state. */
    static final int STATE_BYTES = 64;

    private ReferenceTopologies() {
    }

    /** Reads and decodes every input record, in event time, and does nothing with it. */
    static Topology decodeOnly(KicConfig config, SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        inputs(builder, config, registry);
        return builder.build();
    }

    /**
     * As {@link #decodeOnly}, and per record one read and one write of a {@value #STATE_BYTES}-byte
     * value under the record's key (the contact, e-mail or agent) in a cached, logged RocksDB store:
     * the least any exactly-once per-contact state costs.
     */
    static Topology keyedState(KicConfig config, SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("reference-state-store"),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        inputs(builder, config, registry).process(() -> new Processor<String, Object, Void, Void>() {
            private KeyValueStore<String, byte[]> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore("reference-state-store");
            }

            @Override
            public void process(Record<String, Object> record) {
                byte[] state = store.get(record.key());
                store.put(record.key(), state == null ? new byte[STATE_BYTES] : state);
            }
        }, Named.as("reference-state"), "reference-state-store");
        return builder.build();
    }

    private static KStream<String, Object> inputs(StreamsBuilder builder, KicConfig config, SchemaRegistryClient registry) {
        return input(builder, config.contactEventsTopic(), registry, ContactEvent.getClassSchema())
                .merge(input(builder, config.emailEventsTopic(), registry, EmailEvent.getClassSchema()))
                .merge(input(builder, config.agentEventsTopic(), registry, AgentEvent.getClassSchema()));
    }

    private static KStream<String, Object> input(StreamsBuilder builder, String topic, SchemaRegistryClient registry, Schema schema) {
        return builder.stream(topic, Consumed.with(Serdes.String(), ConfluentAvroSerde.<SpecificRecord>forValues(registry, schema))
                        .withTimestampExtractor(new EventTimeExtractor()).withName("reference-" + topic))
                .mapValues(v -> (Object) v);
    }
}
