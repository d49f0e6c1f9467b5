package nl.kic.analytics.domain.contacts;

import nl.kic.analytics.platform.config.KicConfig;

/**
 * The contact figures of one row, derived from its {@link ContactIntervalStats} as docs/metrics.md defines
 * them. Ratios and averages are null where they are undefined (nothing to divide by).
 *
 * <p>Denominator D = offered − open − shortAbandoned + rejected: open contacts are not judged yet,
 * lost ones count as not reached; short abandons and rejected contacts can be switched out and in.
 */
public record ContactFigures(
        long offered,
        long answered,
        long abandoned,
        long shortAbandoned,
        long rejected,
        long open,
        long lost,
        Double reachability,
        Double serviceLevel,
        Double asaSeconds,
        Double waitP50Seconds,
        Double waitP90Seconds,
        Double maxWaitSeconds,
        Double avgAbandonWaitSeconds,
        Double ahtSeconds) {

    /** How the reachability denominator treats short abandons and rejected contacts. */
    public record Definitions(boolean excludeShortAbandoned, boolean rejectedCountsAsNotReached) {
        public static Definitions from(KicConfig config) {
            return new Definitions(config.excludeShortAbandoned(), config.rejectedCountsAsNotReached());
        }
    }

    public static ContactFigures of(ContactIntervalStats s, Definitions definitions) {
        long denominator = s.offered - s.open
                - (definitions.excludeShortAbandoned() ? s.shortAbandoned : 0)
                + (definitions.rejectedCountsAsNotReached() ? s.rejected : 0);
        return new ContactFigures(
                s.offered, s.answered, s.abandoned, s.shortAbandoned, s.rejected, s.open, s.lost,
                ratio(s.answered, denominator),
                ratio(s.answeredWithinServiceLevel, denominator),
                meanSeconds(s.answeredWaitMillisSum, s.answered),
                s.answered == 0 ? null : s.answeredWaits.percentileMillis(0.5) / 1000.0,
                s.answered == 0 ? null : s.answeredWaits.percentileMillis(0.9) / 1000.0,
                s.maxWaitMillis < 0 ? null : s.maxWaitMillis / 1000.0,
                meanSeconds(s.abandonedWaitMillisSum, s.abandoned),
                meanSeconds(s.talkMillisSum, s.talkCount));
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator <= 0 ? null : (double) numerator / denominator;
    }

    private static Double meanSeconds(long sumMillis, long count) {
        return count <= 0 ? null : sumMillis / 1000.0 / count;
    }
}
