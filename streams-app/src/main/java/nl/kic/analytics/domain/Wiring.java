package nl.kic.analytics.domain;

import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import java.util.function.Supplier;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;

/**
 * What a domain's part of the topology takes from the application: the decoder of its input (through
 * the schema registry, noting simulated input), the application clock, the input checks, the
 * pipeline's metrics, and the feeds between domains.
 */
public interface Wiring {
    <T extends SpecificRecord> Serde<T> inputSerde(Schema schema);

    ApplicationClock clock();

    /** The application id: the prefix of its internal topics. */
    String applicationId();

    /** The checks every input event passes (time, names, the queue list). */
    EventChecks checks();

    PipelineMetrics metrics();

    /** Offers {@code feed} to the domains after this one; {@code stream} is built only if one takes it. */
    <T> void offer(Feed<T> feed, Supplier<KStream<String, T>> stream);

    /** The stream of {@code feed}, offered by a domain before this one; fails when none did. */
    <T> KStream<String, T> take(Feed<T> feed);
}
