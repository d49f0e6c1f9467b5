package nl.kic.analytics.domain.emails;

/**
 * The live e-mail figures of one category (or ALL) at the application clock's now: open net
 * e-mails, those past their deadline without an on-time answer (or interim reply), and the age of
 * the oldest open one in whole working days since its deadline clock started (0 when none is open).
 */
public record EmailBacklog(String category, long backlog, long overdueNow, int oldestOpenWorkingDays) {
}
