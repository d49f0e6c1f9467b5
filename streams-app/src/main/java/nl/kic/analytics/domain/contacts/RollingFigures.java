package nl.kic.analytics.domain.contacts;


/**
 * Figures over the contacts whose outcome (or rejection) fell in a rolling window. Reachability =
 * answered / (answered + abandoned − shortAbandoned + rejected); service level likewise with the
 * answers within the channel's target; null when nothing counts.
 */
public record RollingFigures(
        long answered,
        long abandoned,
        long shortAbandoned,
        long rejected,
        Double reachability,
        Double serviceLevel,
        Double asaSeconds,
        Double maxWaitSeconds) {

    static RollingFigures of(ContactFigures f) {
        return new RollingFigures(f.answered(), f.abandoned(), f.shortAbandoned(), f.rejected(),
                f.reachability(), f.serviceLevel(), f.asaSeconds(), f.maxWaitSeconds());
    }
}
