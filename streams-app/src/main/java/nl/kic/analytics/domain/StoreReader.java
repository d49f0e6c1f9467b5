package nl.kic.analytics.domain;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a store wherever it is: over every partition of every instance of the running application,
 * or in a test's topology driver. A read throws InvalidStateStoreException while some partition
 * cannot be read.
 */
@FunctionalInterface
public interface StoreReader {
    <K, V> ReadOnlyKeyValueStore<K, V> store(StoreHandle<K, V> handle);
}
