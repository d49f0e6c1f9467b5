package nl.kic.analytics.platform.checks;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.errors.RejectedEventException;

/**
 * What a name from the input must look like (a queue, an agent's team and queues): once trimmed,
 * it matches {@code kic.name-pattern} (by default a letter or digit first, so that no name can be a
 * spreadsheet formula or markup) and is not ALL, the name of the totals, in any case. The application
 * checks every event with it, and {@code import} every line, before anything is written.
 */
public record NameRule(Pattern pattern) {
    /** The name of the totals over all queues (and categories), which no queue may have. */
    public static final String RESERVED_NAME = "ALL";

    /** The rule of {@code kic.name-pattern}. */
    public static NameRule of(String regex) {
        try {
            return new NameRule(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("kic.name-pattern is not a regular expression: " + e.getDescription());
        }
    }

    /** The trimmed name; refused ({@code invalid_name}) with a reason that names the field and the rule, never the value. */
    public String check(String field, String name) {
        String trimmed = name.strip();
        if (trimmed.equalsIgnoreCase(RESERVED_NAME)) {
            throw new RejectedEventException(DeadLetterReason.INVALID_NAME, "field '" + field + "' is " + RESERVED_NAME
                    + ", the reserved name of the totals");
        }
        if (!pattern.matcher(trimmed).matches()) {
            throw new RejectedEventException(DeadLetterReason.INVALID_NAME, "field '" + field + "' does not match kic.name-pattern");
        }
        return trimmed;
    }
}
