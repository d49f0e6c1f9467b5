package nl.kic.analytics.domain.entity;

import nl.kic.analytics.platform.serde.HeldSource;

/**
 * An event as an entity's state keeps it: its type and time, whether it was reported impossible,
 * and, while its possibility is not known yet, where it was read (so that it can be dead-lettered).
 */
public interface Kept<K extends Kept<K>> {
    Enum<?> type();

    long occurredAtMillis();

    boolean reportedImpossible();

    HeldSource heldSource();

    /** This event with other flags: reported impossible or not, held with a source or not. */
    K with(boolean reportedImpossible, HeldSource heldSource);

    default K asReported() {
        return with(true, null);
    }

    default K released() {
        return with(reportedImpossible(), null);
    }

    /** The flag bits of a stored full-state event: reported impossible, held with its source. */
    int REPORTED = 0x80;
    int HELD = 0x40;

    default int flags() {
        return (reportedImpossible() ? REPORTED : 0) | (heldSource() != null ? HELD : 0);
    }
}
