package nl.kic.analytics.platform.errors;

import java.util.List;
import nl.kic.analytics.platform.serde.HeldSource;

/**
 * Thrown by a processor for a readable event it will not count, after it has updated its state as
 * it should; the {@link DeadLetterHandler} sends the event's original bytes to the dead-letter topic
 * with its {@link DeadLetterReason} and counts it.
 *
 * <p>It also carries held events that turned out impossible while this record was processed
 * ({@link #heldImpossible()}): they are dead-lettered beside it in the same format. When only those
 * are to be dead-lettered, the record itself has been counted ({@link #rejectsRecord()} is false).
 */
public final class RejectedEventException extends RuntimeException {
    /** A held event to dead-letter: why, and where it was read. */
    public record HeldEvent(DeadLetterReason reason, String message, String key, HeldSource source) {
    }

    private final DeadLetterReason reason;
    private final List<HeldEvent> heldImpossible;

    public RejectedEventException(DeadLetterReason reason, String message) {
        this(reason, message, List.of());
    }

    public RejectedEventException(DeadLetterReason reason, String message, List<HeldEvent> heldImpossible) {
        super(message, null, false, false);
        this.reason = reason;
        this.heldImpossible = List.copyOf(heldImpossible);
    }

    /** Only held events are dead-lettered; the record being processed counts. */
    public static RejectedEventException heldOnly(List<HeldEvent> heldImpossible) {
        return new RejectedEventException(null, heldImpossible.size() + " held events turned out impossible", heldImpossible);
    }

    public DeadLetterReason reason() {
        return reason;
    }

    public boolean rejectsRecord() {
        return reason != null;
    }

    public List<HeldEvent> heldImpossible() {
        return heldImpossible;
    }
}
