package nl.kic.analytics.platform.serde;

/**
 * Stored state in a format this build cannot read: written by a newer kic-analytics, or damaged.
 * Processing cannot go on without losing that state, so the application stops with this message
 * instead of dead-lettering or resetting anything.
 */
public final class StoredFormatException extends RuntimeException {
    public StoredFormatException(String message) {
        super(message);
    }

    public static StoredFormatException newer(String what, int version, int newestKnown) {
        return new StoredFormatException("Stored " + what + " is in format version " + version + ", written by a newer kic-analytics; "
                + "this build reads versions up to " + newestKnown + ". Run the newer version (see \"Stored formats\" in docs/operations.md).");
    }
}
