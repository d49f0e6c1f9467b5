package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** What bench counts per event: each call a processor makes on a store, and each entry a range returns. */
class StoreOperationsTest {

    /** Per record: one read, one write, and a range over every key so far; a punctuation would count alike. */
    private static final class Counter implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore("counts");
        }

        @Override
        public void process(Record<String, String> record) {
            Long seen = store.get(record.key());
            store.put(record.key(), seen == null ? 1 : seen + 1);
            try (KeyValueIterator<String, Long> all = store.range("a", "z")) {
                all.forEachRemaining(entry -> { });
            }
        }
    }

    @Test
    void everyCallOnAStoreAndEveryEntryARangeReturnsIsCounted() {
        StoreOperations operations = new StoreOperations();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-operations");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, RecordGuard.class);
        props.put(RecordGuard.STORE_OPERATIONS_CONFIG, operations);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"), Serdes.String(), Serdes.Long()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(Counter::new, "counts");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeInput("b", "x");
            in.pipeInput("c", "x");
            in.pipeInput("b", "x");
        }
        // Three records: three reads and three writes; the ranges return the keys stored so far: 1, 2 and 2.
        assertThat(operations.byStoreAndOperation()).isEqualTo(Map.of("counts get", 3L, "counts put", 3L, "counts range", 3L,
                "counts entries read by ranges and scans", 5L));
    }

    @Test
    void withoutACounterTheProcessorsGetTheirStoresAsTheyAre() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-operations");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, RecordGuard.class);
        Class<?>[] seen = new Class<?>[1];
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"), Serdes.String(), Serdes.Long()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
            @Override
            public void init(ProcessorContext<Void, Void> context) {
                seen[0] = context.getStateStore("counts").getClass();
            }

            @Override
            public void process(Record<String, String> record) {
            }
        }, "counts");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("b", "x");
        }
        assertThat(java.lang.reflect.Proxy.isProxyClass(seen[0])).isFalse();
    }
}
