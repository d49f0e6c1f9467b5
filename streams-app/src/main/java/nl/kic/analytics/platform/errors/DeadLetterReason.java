package nl.kic.analytics.platform.errors;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a record was dead-lettered: the value of its {@code kic.dlq.reason} header, of the
 * {@code reason} label of {@code kic_events_dead_lettered_total}, and of the reason in
 * {@code dead_letters.jsonl}.
 */
public enum DeadLetterReason {
    /** Not in the Confluent wire format, or its Avro cannot be read. */
    UNDECODABLE("undecodable", "cannot be decoded"),
    /** Its schema id is not known to the schema registry, which answered. */
    UNKNOWN_SCHEMA("unknown_schema", "schema unknown to the registry"),
    /** Timed before the event it must follow (an outcome before its OFFERED). */
    IMPOSSIBLE("impossible", "timed before the event it must follow"),
    /** Older than the retention of the 15-minute rows, whose figures it would change. */
    TOO_LATE("too_late", "older than the retention of the 15-minute rows"),
    /** More than the tolerance ahead of the clock. */
    FUTURE_TIME("future_time", "ahead of the clock"),
    /** Outside the plausibility window before the clock (a clock at zero, seconds taken for milliseconds). */
    IMPLAUSIBLY_OLD("implausibly_old", "before the plausibility window"),
    /** A queue not in the configured queue list. */
    UNKNOWN_QUEUE("unknown_queue", "queue not in the queue list"),
    /** A name not of the allowed shape. */
    INVALID_NAME("invalid_name", "name not of the allowed shape"),
    /** A record that failed processing again after its task was recovered. */
    PROCESSING_ERROR("processing_error", "failed again after recovery");

    private final String header;
    private final String description;

    DeadLetterReason(String header, String description) {
        this.header = header;
        this.description = description;
    }

    /** The value written in headers, labels and files. */
    public String header() {
        return header;
    }

    public String description() {
        return description;
    }

    public static Optional<DeadLetterReason> fromHeader(String header) {
        return Arrays.stream(values()).filter(r -> r.header.equals(header)).findFirst();
    }

    @Override
    public String toString() {
        return header;
    }
}
