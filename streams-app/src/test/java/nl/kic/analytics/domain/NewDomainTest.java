package nl.kic.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.app.Domains;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/** A domain is added by its class and its registration: the harness runs it alone, with nothing else of the product. */
class NewDomainTest {

    @Test
    void aDomainMadeUpForTheTestRunsAloneInTheHarness() {
        try (TopologyHarness h = new TopologyHarness("2023-03-01T10:00:00+01:00", p -> p,
                (config, clock) -> Domains.of(new WordCounts("words-in")))) {
            for (String word : new String[] {"asiel", "werk", "asiel", "asiel"}) {
                h.sendRaw("words-in", "k", word.getBytes(StandardCharsets.UTF_8));
            }
            Map<String, Long> counts = new TreeMap<>();
            try (KeyValueIterator<String, Long> all = h.reader().store(WordCounts.COUNTS).all()) {
                all.forEachRemaining(kv -> counts.put(kv.key, kv.value));
            }
            assertThat(counts).isEqualTo(Map.of("asiel", 3L, "werk", 1L));
            Endpoint.Answer answer = new WordCounts("words-in").endpoints().get(0).answerer().answer(Map.of(), h.reader());
            assertThat(answer.body().toString()).isEqualTo("{\"counts\":{\"asiel\":3,\"werk\":1}}");
            assertThat(answer.rows()).isEqualTo(2);
        }
    }
}
