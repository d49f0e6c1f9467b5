package nl.kic.analytics.domain;

import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.ApplicationClock;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * What a domain's part of the topology takes from the application: the decoder of its input (through
 * the schema registry, noting simulated input), the application clock, the input checks and the
 * pipeline's metrics.
 */
public interface Wiring {
    <T extends SpecificRecord> Serde<T> inputSerde(Schema schema);

    ApplicationClock clock();

    /** The checks every input event passes (time, names, the queue list). */
    EventChecks checks();

    PipelineMetrics metrics();
}
