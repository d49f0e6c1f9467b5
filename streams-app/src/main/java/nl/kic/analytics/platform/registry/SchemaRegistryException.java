package nl.kic.analytics.platform.registry;

/**
 * A registry call failed; carries the registry's error code where it sent one (e.g. 40403, schema
 * not found). Only a definite answer about the schema ({@link #isDefinite()}) may make a record
 * unreadable for good; anything else (not reachable, a timeout, a 5xx) is a registry fault that
 * passes.
 */
public final class SchemaRegistryException extends RuntimeException {
    /** Confluent's error code for a schema id the registry does not have. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** The registry has the schema, but it is not an Avro schema: it can never be read as Avro. */
    public static final int NOT_AVRO = -2;

    private final int errorCode;
    private final int httpStatus;

    public SchemaRegistryException(String message, int errorCode) {
        this(message, errorCode, -1);
    }

    /** An answer of the registry: its HTTP status and its error code (the status when it sent none). */
    public SchemaRegistryException(String message, int errorCode, int httpStatus) {
        super(message);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    /** No answer at all: not reachable, a timeout. */
    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = -1;
        this.httpStatus = -1;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry said the schema does not exist or is not Avro: asking again gives the same answer. */
    public boolean isDefinite() {
        return errorCode == SCHEMA_NOT_FOUND || errorCode == NOT_AVRO;
    }

    /** The registry could not be reached or failed on its side (no answer, a timeout, 408, 429 or 5xx): worth asking again. */
    public boolean isTransient() {
        boolean noAnswer = errorCode == -1 && httpStatus == -1;
        boolean serverSide = httpStatus >= 500 || (errorCode >= 50000 && errorCode < 60000); // Confluent's 5xxxx codes
        return noAnswer || serverSide || httpStatus == 408 || httpStatus == 429;
    }
}
