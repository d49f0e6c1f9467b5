package nl.kic.analytics.registry;

/** A registry call failed; carries the registry's error code where it sent one (e.g. 40403, schema not found). */
public final class SchemaRegistryException extends RuntimeException {
    private final int errorCode;

    public SchemaRegistryException(String message, int errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = -1;
    }

    public int errorCode() {
        return errorCode;
    }
}
