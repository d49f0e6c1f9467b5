package nl.kic.analytics.domain.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import nl.kic.analytics.app.Assembly;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.junit.jupiter.api.Test;

/**
 * Pins the shape of the topology: a change to it (a new operator, a renamed store or internal
 * topic) must be deliberate, because store and topic names are state that running instances keep.
 */
class TopologyDescriptionTest {

    private static String describe() {
        KicConfig config = KicConfig.defaults().withBootstrapServers("unused:9092").withSchemaRegistryUrl("mock://describe");
        return Assembly.blueprint(config, ApplicationClock.fixed(Instant.EPOCH)).topology().describe().toString();
    }

    @Test
    void topologyIsThePinnedOne() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/topology-description.txt")) {
            String pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(describe().strip()).isEqualTo(pinned.strip());
        }
    }

    @Test
    void everyOperatorStoreAndInternalTopicHasAnExplicitName() {
        // Generated names (KSTREAM-SOURCE-0000000001, ...) shift when the topology changes and
        // would orphan state and internal topics.
        assertThat(describe()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-").doesNotContain("STATE-STORE-");
    }
}
