package nl.kic.analytics.domain;

/**
 * A stream that one domain offers and another takes, by name and type, wired by the application: the
 * contacts offer their attempts, the caller figures take them. The type is a shared one, so that the
 * two domains never name each other.
 */
public record Feed<T>(String name) {
}
