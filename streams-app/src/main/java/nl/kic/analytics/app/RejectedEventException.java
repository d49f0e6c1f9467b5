package nl.kic.analytics.app;

/**
 * Thrown by a processor for a readable event it will not count, after it has updated its state as
 * it should; the {@link DeadLetterHandler} sends the event's original bytes to the dead-letter topic
 * with {@code reason} and counts it. Reasons: {@code impossible}, {@code too_late},
 * {@code future_time}, {@code before_2000}, {@code unknown_queue}.
 */
public final class RejectedEventException extends RuntimeException {
    private final String reason;

    public RejectedEventException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
