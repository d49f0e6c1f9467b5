package nl.kic.analytics.platform.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The marker of events the simulator made ({@code simulate}, {@code simulate --live}, {@code demo}),
 * so that figures of made-up contacts are never taken for real ones: a top-level
 * {@code "simulated": true} in the event's JSON line, and the header {@code kic.simulated: true} on
 * its Kafka record. The Avro events themselves stay as they are: the marker says where an event
 * came from, not what happened.
 */
public final class SimulatedMarker {
    /** The top-level field of a JSON line; {@code true} or {@code false}, absent meaning false. */
    public static final String JSON_FIELD = "simulated";
    /** The Kafka record header of a simulated event. */
    public static final String HEADER = "kic.simulated";
    private static final byte[] HEADER_VALUE = "true".getBytes(StandardCharsets.UTF_8);

    private SimulatedMarker() {
    }

    /** The header's value on a simulated event's record. */
    static byte[] headerValue() {
        return HEADER_VALUE.clone();
    }

    /** Whether a record's headers carry the marker. */
    public static boolean isMarked(Headers headers) {
        if (headers == null) {
            return false;
        }
        Header header = headers.lastHeader(HEADER);
        return header != null && Arrays.equals(header.value(), HEADER_VALUE);
    }
}
