package nl.kic.analytics.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A time in a query: an ISO-8601 instant ({@code 2023-03-01T09:00:00Z}, or with an offset) or a local date (its 00:00 in the zone). */
final class TimeParameter {
    private TimeParameter() {
    }

    static Instant parse(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an ISO-8601 instant (2023-03-01T09:00:00Z, "
                    + "2023-03-01T10:00+01:00) or a date (2023-03-01), not '" + value + "'");
        }
    }
}
