package nl.kic.analytics.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.Tls;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One state store over every partition of the application, wherever its partitions live: each
 * partition is read once, from its active instance (here, or over HTTP from the other instance's
 * local-only endpoint, which never forwards), and only once that instance has restored it, so that
 * every answer holds all committed data of every partition. When the active instance cannot answer
 * (killed, rebalancing, restoring), a standby may answer instead only where
 * {@code kic.query.standby-max-lag-records} allows it and only when it is at most that many records
 * behind; the answer's {@link Staleness} says so. Otherwise the query fails with
 * {@link InvalidStateStoreException} (the API answers 503 with Retry-After): a partial sum is never
 * served as the whole. Results come back in the order of their serialized keys.
 */
public final class ClusterStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The header with the instances' shared secret on calls to another instance's internal endpoint. */
    public static final String SECRET_HEADER = "X-Kic-Internal-Secret";

    private final KafkaStreams streams;
    private final String storeName;
    private final Set<String> sourceTopics;
    private final HostInfo self;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final IntSupplier partitionCount;
    private final Instances instances;
    private final OptionalLong standbyMaxLagRecords;
    private final Staleness staleness;

    /** Entries of some partitions of one instance's store, serialized, and how far behind (records) the furthest of them was. */
    public record Part(List<KeyValue<byte[], byte[]>> entries, long lagRecords) {
    }

    /** How this instance calls the others: over HTTP or HTTPS, with the shared secret. */
    record Instances(HttpClient http, String scheme, String secret) {
        static Instances of(KicConfig.Access access) {
            HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
            if (access.https()) {
                http.sslContext(Tls.client(access));
            }
            return new Instances(http.build(), access.https() ? "https" : "http", access.internalSecret());
        }
    }

    /** {@code partitionCount} gives the number of partitions of the store: that of its source topics, from their metadata. */
    ClusterStore(KafkaStreams streams, String storeName, Set<String> sourceTopics, IntSupplier partitionCount, HostInfo self,
                 Instances instances, OptionalLong standbyMaxLagRecords, Staleness staleness, Serde<K> keySerde, Serde<V> valueSerde) {
        this.instances = instances;
        this.standbyMaxLagRecords = standbyMaxLagRecords;
        this.staleness = staleness;
        this.streams = streams;
        this.partitionCount = partitionCount;
        this.storeName = storeName;
        this.sourceTopics = sourceTopics;
        this.self = self;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * The value under {@code key} in the first partition that has it. Not for stores whose rows have a
     * part in every partition (the interval, presence, caller and reason rows): read those by range,
     * and add the parts.
     */
    @Override
    public V get(K key) {
        byte[] wanted = keySerde.serializer().serialize(null, key);
        for (KeyValue<K, V> kv : fetch(key, key)) {
            if (Arrays.equals(keySerde.serializer().serialize(null, kv.key), wanted)) {
                return kv.value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return iterator(fetch(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return iterator(fetch(null, null));
    }

    @Override
    public long approximateNumEntries() {
        return fetch(null, null).size();
    }

    /** Reads [from, to] (null: open) of every partition once, and decodes the entries in key order. */
    private List<KeyValue<K, V>> fetch(K from, K to) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new InvalidStateStoreException("the application is " + state);
        }
        byte[] fromBytes = from == null ? null : keySerde.serializer().serialize(null, from);
        byte[] toBytes = to == null ? null : keySerde.serializer().serialize(null, to);
        Map<Integer, HostInfo> active = new TreeMap<>();
        Map<Integer, List<HostInfo>> standbys = new HashMap<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(storeName)) {
            metadata.topicPartitions().stream().filter(tp -> sourceTopics.contains(tp.topic()))
                    .forEach(tp -> active.put(tp.partition(), metadata.hostInfo()));
            metadata.standbyTopicPartitions().stream().filter(tp -> sourceTopics.contains(tp.topic()))
                    .forEach(tp -> standbys.computeIfAbsent(tp.partition(), p -> new ArrayList<>()).add(metadata.hostInfo()));
        }
        int partitions = partitionCount.getAsInt();
        requireEveryPartition(storeName, partitions, readable(active.keySet(), standbys.keySet(), standbyMaxLagRecords));
        List<KeyValue<byte[], byte[]>> entries = new ArrayList<>();
        Map<HostInfo, List<Integer>> byHost = active.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        List<Integer> unserved = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (!active.containsKey(p)) {
                unserved.add(p);
            }
        }
        for (Map.Entry<HostInfo, List<Integer>> host : byHost.entrySet()) {
            try {
                entries.addAll(read(host.getKey(), host.getValue(), OptionalLong.empty(), fromBytes, toBytes).entries());
            } catch (IOException | InvalidStateStoreException e) {
                unserved.addAll(host.getValue());
            }
        }
        for (int p : unserved) {
            entries.addAll(fromStandby(p, standbys.getOrDefault(p, List.of()), fromBytes, toBytes));
        }
        entries.sort(Comparator.comparing(kv -> Bytes.wrap(kv.key)));
        List<KeyValue<K, V>> decoded = new ArrayList<>(entries.size());
        for (KeyValue<byte[], byte[]> kv : entries) {
            decoded.add(KeyValue.pair(keySerde.deserializer().deserialize(null, kv.key), valueSerde.deserializer().deserialize(null, kv.value)));
        }
        return decoded;
    }

    /** The partitions a query may read: those with an active instance, and those with a standby where standbys may be read. */
    static Set<Integer> readable(Set<Integer> active, Set<Integer> standbys, OptionalLong standbyMaxLagRecords) {
        Set<Integer> readable = new HashSet<>(active);
        if (standbyMaxLagRecords.isPresent()) {
            readable.addAll(standbys);
        }
        return readable;
    }

    /**
     * A query answers for every partition or not at all: a partition that no instance may answer for
     * (unassigned during a rebalance, its instance gone, only a standby where standbys may not be
     * read) fails it, so that a partial sum is never served as the whole.
     */
    static void requireEveryPartition(String storeName, int partitions, Set<Integer> readable) {
        for (int p = 0; p < partitions; p++) {
            if (!readable.contains(p)) {
                throw new InvalidStateStoreException("partition " + p + " of " + storeName + " (" + partitions
                        + " partitions) has no instance that may answer for it now");
            }
        }
    }

    /** Partition {@code partition} from a standby close enough behind, where that is allowed; else the query fails. */
    private List<KeyValue<byte[], byte[]>> fromStandby(int partition, List<HostInfo> hosts, byte[] from, byte[] to) {
        if (standbyMaxLagRecords.isEmpty()) {
            throw new InvalidStateStoreException("partition " + partition + " of " + storeName + " has no active instance that answers");
        }
        for (HostInfo host : hosts) {
            try {
                Part part = read(host, List.of(partition), standbyMaxLagRecords, from, to);
                staleness.standbyRead(partition, part.lagRecords());
                return part.entries();
            } catch (IOException | InvalidStateStoreException e) {
                // try the next standby
            }
        }
        throw new InvalidStateStoreException("partition " + partition + " of " + storeName + " is not available on any instance");
    }

    /** Reads partitions of one instance: its active tasks when {@code maxLagRecords} is empty, else any replica at most that far behind. */
    private Part read(HostInfo host, List<Integer> partitions, OptionalLong maxLagRecords, byte[] from, byte[] to) throws IOException {
        if (host.equals(self)) {
            return readLocal(partitions, maxLagRecords, from, to);
        }
        Base64.Encoder base64 = Base64.getUrlEncoder();
        String url = instances.scheme() + "://" + host.host() + ":" + host.port() + "/api/internal/store?name=" + storeName
                + "&partitions=" + partitions.stream().map(String::valueOf).collect(Collectors.joining(","))
                + (maxLagRecords.isEmpty() ? "" : "&maxLagRecords=" + maxLagRecords.getAsLong())
                + (from == null ? "" : "&from=" + base64.encodeToString(from))
                + (to == null ? "" : "&to=" + base64.encodeToString(to));
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (!instances.secret().isBlank()) {
                request.header(SECRET_HEADER, instances.secret());
            }
            response = instances.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        List<KeyValue<byte[], byte[]>> entries = new ArrayList<>();
        Base64.Decoder decoder = Base64.getUrlDecoder();
        JsonNode body = JSON.readTree(response.body());
        for (JsonNode entry : body.path("entries")) {
            entries.add(KeyValue.pair(decoder.decode(entry.get(0).asText()), decoder.decode(entry.get(1).asText())));
        }
        return new Part(entries, body.path("lagRecords").asLong());
    }

    /**
     * The entries of the given partitions of this instance's store, serialized; what the internal
     * endpoint serves. With {@code maxLagRecords} empty only from active tasks that have finished
     * restoring (Kafka Streams serves no other without stale stores enabled); else from any replica
     * here, standby or restoring, that is at most that many records behind its changelog.
     */
    public Part readLocal(List<Integer> partitions, OptionalLong maxLagRecords, byte[] from, byte[] to) {
        K fromKey = from == null ? null : keySerde.deserializer().deserialize(null, from);
        K toKey = to == null ? null : keySerde.deserializer().deserialize(null, to);
        List<KeyValue<byte[], byte[]>> entries = new ArrayList<>();
        long lagRecords = 0;
        Map<Integer, LagInfo> lags = maxLagRecords.isEmpty() ? Map.of()
                : streams.allLocalStorePartitionLags().getOrDefault(storeName, Map.of());
        for (int partition : partitions) {
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters = StoreQueryParameters
                    .fromNameAndType(storeName, QueryableStoreTypes.<K, V>keyValueStore()).withPartition(partition);
            if (maxLagRecords.isPresent()) {
                LagInfo lag = lags.get(partition);
                if (lag == null || lag.offsetLag() > maxLagRecords.getAsLong()) {
                    throw new InvalidStateStoreException("partition " + partition + " of " + storeName + " is "
                            + (lag == null ? "not here" : lag.offsetLag() + " records behind") + " on this instance");
                }
                lagRecords = Math.max(lagRecords, lag.offsetLag());
                parameters = parameters.enableStaleStores();
            }
            ReadOnlyKeyValueStore<K, V> store = streams.store(parameters);
            try (KeyValueIterator<K, V> it = fromKey == null && toKey == null ? store.all() : store.range(fromKey, toKey)) {
                it.forEachRemaining(kv -> entries.add(KeyValue.pair(keySerde.serializer().serialize(null, kv.key),
                        valueSerde.serializer().serialize(null, kv.value))));
            }
        }
        return new Part(entries, lagRecords);
    }

    private static <K, V> KeyValueIterator<K, V> iterator(List<KeyValue<K, V>> entries) {
        Iterator<KeyValue<K, V>> it = entries.iterator();
        return new KeyValueIterator<>() {
            private KeyValue<K, V> next;

            @Override
            public boolean hasNext() {
                return next != null || it.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                if (next != null) {
                    KeyValue<K, V> result = next;
                    next = null;
                    return result;
                }
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public K peekNextKey() {
                if (next == null) {
                    next = next();
                }
                return next.key;
            }

            @Override
            public void close() {
            }
        };
    }
}
