package nl.kic.analytics.serving;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import nl.kic.analytics.app.ForecastQuery;

/** The parameters of /api/forecast; a bad one is refused by its name and rule, never its value. */
final class ForecastParameters {
    private ForecastParameters() {
    }

    static LocalDate from(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("parameter 'from' is required: the forecast's first day, such as 2023-03-06");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter 'from' must be a date such as 2023-03-06");
        }
    }

    static int weeks(String value) {
        try {
            int weeks = Integer.parseInt(value == null ? "" : value.trim());
            if (weeks >= 1 && weeks <= ForecastQuery.MAX_WEEKS) {
                return weeks;
            }
        } catch (NumberFormatException e) {
            // answered below, without the value
        }
        throw new IllegalArgumentException("parameter 'weeks' must be a whole number from 1 to " + ForecastQuery.MAX_WEEKS);
    }
}
