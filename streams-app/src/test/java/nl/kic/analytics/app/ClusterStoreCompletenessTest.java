package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

/** A query over the cluster answers for every partition of the store's topic or fails (503), never with a part. */
class ClusterStoreCompletenessTest {
    private static final Set<Integer> ALL_BUT_FIVE = Set.of(0, 1, 2, 3, 4);

    @Test
    void anUnassignedTopPartitionFailsTheQuery() {
        // Six partitions by the topic's metadata; the instances report 0 to 4 only.
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, ALL_BUT_FIVE))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 5");
    }

    @Test
    void anUnassignedMiddlePartitionFailsTheQuery() {
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, Set.of(0, 1, 3, 4, 5)))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 2");
    }

    @Test
    void aPartitionWithOnlyAStandbyFailsTheQueryByDefault() {
        Set<Integer> readable = ClusterStore.readable(ALL_BUT_FIVE, Set.of(5), OptionalLong.empty());
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, readable))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 5");
    }

    @Test
    void aPartitionWithOnlyAStandbyCanBeReadWhereStandbysMayAnswer() {
        Set<Integer> readable = ClusterStore.readable(ALL_BUT_FIVE, Set.of(5), OptionalLong.of(100));
        assertThatCode(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, readable)).doesNotThrowAnyException();
    }

    @Test
    void noInstanceYetFailsTheQuery() {
        assertThatThrownBy(() -> ClusterStore.requireEveryPartition("contact-interval-store", 6, Set.of()))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("partition 0");
    }
}
