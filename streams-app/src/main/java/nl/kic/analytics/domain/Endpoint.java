package nl.kic.analytics.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An answer of the API as a domain gives it: a path and what it answers for the query's parameters.
 * Who may ask, and HTTP itself (tokens, errors, the row limit, staleness), is the serving layer's.
 * A parameter that cannot be read is an IllegalArgumentException (400, with its message, which never
 * repeats the value); a name that is not in the data an {@link UnknownName} (404, with the names that are).
 */
public record Endpoint(String path, Answerer answerer) {

    @FunctionalInterface
    public interface Answerer {
        Answer answer(Map<String, String> parameters, StoreReader stores);
    }

    /** The body, and how many rows it holds (0 for an answer without rows), which the row limit bounds. */
    public record Answer(ObjectNode body, int rows) {
    }

    /** A queue or category that is not in the data: a typo must never read as "no data". */
    public static final class UnknownName extends RuntimeException {
        private final String parameter;
        private final SortedSet<String> known;

        public UnknownName(String parameter, Set<String> known) {
            super("no such " + parameter, null, false, false);
            this.parameter = parameter;
            this.known = Collections.unmodifiableSortedSet(new TreeSet<>(known));
        }

        public String parameter() {
            return parameter;
        }

        /** The names that are, in order. */
        public SortedSet<String> known() {
            return known;
        }
    }
}
