package nl.kic.analytics.domain;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * A state store as its domain declares it: its name (which an upgrade relies on: never renamed), the
 * serdes of its keys and values, and whether queries read it (only those may be asked of other
 * instances). The stores of interval rows and live indexes hold bytes whose order is their key's
 * order; their codec is the domain's.
 */
public record StoreHandle<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean queried) {

    /** A store of bytes in key order, read by a query. */
    public static StoreHandle<Bytes, byte[]> queriedBytes(String name) {
        return new StoreHandle<>(name, Serdes.Bytes(), Serdes.ByteArray(), true);
    }

    /** A store of bytes in key order that only its processor reads. */
    public static StoreHandle<Bytes, byte[]> internalBytes(String name) {
        return new StoreHandle<>(name, Serdes.Bytes(), Serdes.ByteArray(), false);
    }
}
