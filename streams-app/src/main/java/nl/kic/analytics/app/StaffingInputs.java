package nl.kic.analytics.app;

import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.staffing.PatienceEstimate;

/** The queue models' inputs measured from the product's own interval figures (docs/staffing.md). */
public final class StaffingInputs {
    private StaffingInputs() {
    }

    /**
     * The waiting time of all callers of a row who were answered or abandoned, in seconds. The rows
     * keep it as two sums (answered and abandoned waits) behind their means, so it is
     * asaSeconds × answered + avgAbandonWaitSeconds × abandoned, exact but for rounding. Open and
     * lost callers are left out: their wait is not over.
     */
    public static double waitSecondsTotal(ContactFigures figures) {
        double answered = figures.asaSeconds() == null ? 0 : figures.asaSeconds() * figures.answered();
        double abandoned = figures.avgAbandonWaitSeconds() == null ? 0 : figures.avgAbandonWaitSeconds() * figures.abandoned();
        return answered + abandoned;
    }

    /** The patience estimate of one row: its abandonments (short ones included) over its callers' waiting time. */
    public static PatienceEstimate patience(ContactFigures figures) {
        return PatienceEstimate.of(figures.abandoned(), waitSecondsTotal(figures));
    }

    /** The patience estimate of several rows together (a day of quarter hours, a month of days). */
    public static PatienceEstimate patience(Iterable<ContactFigures> rows) {
        long abandonments = 0;
        double waitSeconds = 0;
        for (ContactFigures figures : rows) {
            abandonments += figures.abandoned();
            waitSeconds += waitSecondsTotal(figures);
        }
        return PatienceEstimate.of(abandonments, waitSeconds);
    }
}
