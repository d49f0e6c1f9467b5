package nl.kic.analytics.platform.registry;

import nl.kic.analytics.platform.errors.DeadLetterReason;
import org.apache.kafka.common.errors.SerializationException;

/** A record that cannot be read, and why: {@link DeadLetterReason#UNDECODABLE} or {@link DeadLetterReason#UNKNOWN_SCHEMA}. */
public final class UndecodableRecordException extends SerializationException {
    private final DeadLetterReason reason;

    public UndecodableRecordException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
