package nl.kic.analytics.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * The parameters every figure answer reads the same way. A time is an ISO-8601 instant
 * ({@code 2023-03-01T09:00:00Z}, or with an offset) or a local date (its 00:00 in the zone), between
 * the years 1970 and 9999; a granularity one of the labels of {@link Granularity}.
 */
public final class QueryParameters {
    /** The API's JSON: records as objects, empty ones too. */
    public static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private QueryParameters() {
    }

    public static Instant time(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            if (value.length() == 10) {
                instant = LocalDate.parse(value).atStartOfDay(zone).toInstant();
            } else {
                // A '+' written literally in an address arrives as a space, as in a form: in a time it
                // can only have been the offset's sign.
                instant = OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an ISO-8601 instant (2023-03-01T09:00:00Z, "
                    + "2023-03-01T10:00+01:00) or a date (2023-03-01)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("parameter '" + name + "' must lie between the years 1970 and 9999");
        }
        return instant;
    }

    /** Refuses a range whose start lies after its end. */
    public static void checkOrder(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("parameter 'from' must not lie after 'to'");
        }
    }

    /** The range [from, to) of a query's {@code from} and {@code to} (either may be absent: open). */
    public record Range(Instant from, Instant to) {
    }

    public static Range range(Map<String, String> parameters, ZoneId zone) {
        Instant from = time("from", parameters.get("from"), zone);
        Instant to = time("to", parameters.get("to"), zone);
        checkOrder(from, to);
        return new Range(from, to);
    }

    public static Granularity granularity(Map<String, String> parameters) {
        String label = parameters.get("granularity");
        if (label == null) {
            throw new IllegalArgumentException("parameter 'granularity' is required: 15m, hour, day, week, month or year");
        }
        return Granularity.fromLabel(label);
    }

    /** A query's {@code channel}: CALL or CHAT, or absent for both. */
    public static Channel channel(Map<String, String> parameters) {
        String value = parameters.get("channel");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'channel' must be CALL or CHAT");
        }
    }
}
