package nl.kic.analytics.emails;

import java.time.OffsetDateTime;
import nl.kic.analytics.time.Granularity;

/** One row of e-mail interval figures: a category (or {@code ALL}), an interval of RECEIVED and its figures. */
public record EmailMetricsRow(String category, Granularity granularity, OffsetDateTime intervalStart, EmailFigures figures) {
    public static final String ALL_CATEGORIES = "ALL";
}
