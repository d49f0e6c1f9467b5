package nl.kic.analytics.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A domain made up for the tests, to show that adding one is local: words in (plain strings on a
 * topic of its own), a count per word, {@code /api/words/counts}, a {@code kic_words_counted} gauge
 * per word. This class and its registration are all it takes.
 */
public final class WordCounts implements Domain {
    public static final StoreHandle<String, Long> COUNTS = new StoreHandle<>("word-count-store", Serdes.String(), Serdes.Long(), true);

    private final String topic;

    public WordCounts(String topic) {
        this.topic = topic;
    }

    @Override
    public String name() {
        return "words";
    }

    @Override
    public String inputTopic() {
        return topic;
    }

    @Override
    public void addTo(StreamsBuilder builder, Wiring wiring) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTS.name()), COUNTS.keySerde(),
                COUNTS.valueSerde()));
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()).withName("word-events"))
                .process(Counter::new, Named.as("word-count"), COUNTS.name());
    }

    /** Counts each word it is given. */
    private static final class Counter implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            counts = context.getStateStore(COUNTS.name());
        }

        @Override
        public void process(Record<String, String> record) {
            Long before = counts.get(record.value());
            counts.put(record.value(), before == null ? 1 : before + 1);
        }
    }

    @Override
    public List<StoreHandle<?, ?>> stores() {
        return List.of(COUNTS);
    }

    @Override
    public Map<String, Integer> storedFormats() {
        return Map.of("word-count", 1);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("/api/words/counts", (parameters, stores) -> {
            ObjectNode body = QueryParameters.JSON.createObjectNode();
            ObjectNode counts = body.putObject("counts");
            try (KeyValueIterator<String, Long> all = stores.store(COUNTS).all()) {
                all.forEachRemaining(kv -> counts.put(kv.key, kv.value));
            }
            return new Endpoint.Answer(body, counts.size());
        }));
    }

    @Override
    public void figures(StoreReader stores, Instant now, FigureSink sink) {
        try (KeyValueIterator<String, Long> all = stores.store(COUNTS).all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> kv = all.next();
                sink.set("kic.words.counted", kv.value, "word", kv.key);
            }
        }
    }
}
