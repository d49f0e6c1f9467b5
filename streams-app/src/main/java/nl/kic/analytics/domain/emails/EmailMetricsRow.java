package nl.kic.analytics.domain.emails;

import java.time.OffsetDateTime;
import nl.kic.analytics.platform.time.Granularity;

/** One row of e-mail interval figures: a category (or {@code ALL}), an interval of RECEIVED and its figures. */
public record EmailMetricsRow(String category, Granularity granularity, OffsetDateTime intervalStart, EmailFigures figures) {
    public static final String ALL_CATEGORIES = "ALL";
}
