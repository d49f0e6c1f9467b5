package nl.kic.analytics.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A time in a query: an ISO-8601 instant ({@code 2023-03-01T09:00:00Z}, or with an offset) or a local
 * date (its 00:00 in the zone), between the years 1970 and 9999.
 */
final class TimeParameter {
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private TimeParameter() {
    }

    static Instant parse(String name, String value, ZoneId zone) {
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
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an ISO-8601 instant (2023-03-01T09:00:00Z, "
                    + "2023-03-01T10:00+01:00) or a date (2023-03-01)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("parameter '" + name + "' must lie between the years 1970 and 9999");
        }
        return instant;
    }

    /** Refuses a range whose start lies after its end. */
    static void checkOrder(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("parameter 'from' must not lie after 'to'");
        }
    }
}
