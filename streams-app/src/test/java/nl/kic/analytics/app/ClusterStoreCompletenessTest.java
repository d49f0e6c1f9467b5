package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

/** A query over the cluster answers for every partition of the store's topic or fails (503), never with a part. */
class ClusterStoreCompletenessTest {

    @Test
    void anUnassignedTopPartitionFailsTheQuery() {
        // Six partitions by the topic's metadata; the instances report 0 to 4 only.
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, Set.of(0, 1, 2, 3, 4), Set.of()))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 5");
    }

    @Test
    void anUnassignedMiddlePartitionFailsTheQuery() {
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, Set.of(0, 1, 3, 4, 5), Set.of()))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 2");
    }

    @Test
    void aPartitionWithOnlyAStandbyCanBeRead() {
        assertThatCode(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, Set.of(0, 1, 2, 3, 4), Set.of(5)))
                .doesNotThrowAnyException();
    }

    @Test
    void noInstanceYetFailsTheQuery() {
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, Set.of(), Set.of()))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 0");
    }
}
