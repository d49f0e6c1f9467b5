package nl.kic.analytics.app;

import java.nio.ByteBuffer;
import java.util.Map;
import nl.kic.analytics.platform.input.SimulatedMarker;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Whether this instance works on simulated data: it runs the demo's simulator, or it has read an
 * input record with the simulator's header ({@link SimulatedMarker}) since it started. It is not
 * remembered across a restart, and a real event read later does not undo it: once made-up contacts
 * may be in the figures, the figures say so.
 *
 * <p>The input records are looked at where they are decoded, before any processor: a header lookup
 * per record until the first marked one, and nothing at all after it.
 */
public final class SimulatedInput {
    private volatile boolean simulated;

    /** The demo runs its simulator in this instance. */
    public void runsSimulator() {
        simulated = true;
    }

    public boolean simulated() {
        return simulated;
    }

    /** {@code serde}, whose deserializer notes a record with the marker. */
    public <T> Serde<T> noticing(Serde<T> serde) {
        Deserializer<T> decoder = serde.deserializer();
        Deserializer<T> noticing = new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                decoder.configure(configs, isKey);
            }

            @Override
            public T deserialize(String topic, byte[] data) {
                return decoder.deserialize(topic, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                notice(headers);
                return decoder.deserialize(topic, headers, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, ByteBuffer data) {
                notice(headers);
                return decoder.deserialize(topic, headers, data);
            }

            @Override
            public void close() {
                decoder.close();
            }
        };
        Serializer<T> encoder = serde.serializer();
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return encoder;
            }

            @Override
            public Deserializer<T> deserializer() {
                return noticing;
            }
        };
    }

    private void notice(Headers headers) {
        if (!simulated && SimulatedMarker.isMarked(headers)) {
            simulated = true;
        }
    }
}
