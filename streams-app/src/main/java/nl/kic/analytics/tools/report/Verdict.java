package nl.kic.analytics.tools.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Whether a figure meets its norm, judged on the value as the report displays it (67,96% shows as
 * 68,0% and meets a norm of 68%; a wait of 479,6 s shows as 8:00 and meets a norm of 8 minutes), so
 * that a reader who compares the printed figure with the printed norm never finds a contradiction.
 */
enum Verdict {
    MET,
    NOT_MET,
    /** The indicator has no norm. */
    NO_NORM,
    /** The figure is undefined (nothing to divide by). */
    UNDEFINED;

    /** {@code atMost}: the norm is a ceiling (waits, violations); otherwise a floor (shares). */
    static Verdict of(Unit unit, Double value, Double norm, boolean atMost) {
        if (norm == null) {
            return NO_NORM;
        }
        if (value == null) {
            return UNDEFINED;
        }
        BigDecimal shown = displayed(unit, value);
        BigDecimal limit = displayed(unit, norm);
        int comparison = shown.compareTo(limit);
        return (atMost ? comparison <= 0 : comparison >= 0) ? MET : NOT_MET;
    }

    /** The value as printed: a share as a percentage with one decimal, seconds and counts whole; halves up, as {@link ReportText} writes them. */
    private static BigDecimal displayed(Unit unit, double value) {
        return switch (unit) {
            case SHARE -> BigDecimal.valueOf(value).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
            case SECONDS, COUNT -> BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP);
        };
    }
}
