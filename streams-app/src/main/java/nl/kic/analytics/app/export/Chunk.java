package nl.kic.analytics.app.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nl.kic.analytics.app.Queries;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.platform.time.Granularity;

/**
 * One part of a sweep, written in one transaction: the rows of one granularity with an interval start
 * in [from, to) (null bounds open) of every table by interval, or (granularity null) the tables that
 * are not by interval. Stored rows of the range that the read does not have are deleted from
 * {@code deleteFrom} on: older 15-minute and hour rows than the product keeps stay in the database.
 */
record Chunk(Granularity granularity, Instant from, Instant to, Instant deleteFrom) {

    static final Chunk WHOLE_TABLES = new Chunk(null, null, null, null);

    /** The recent intervals: of every granularity, those that start at or after the one containing {@code since}. */
    static List<Chunk> recent(Instant since, ZoneId zone) {
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(WHOLE_TABLES);
        for (Granularity granularity : Granularity.values()) {
            Instant from = granularity.intervalStart(since, zone).toInstant();
            chunks.add(new Chunk(granularity, from, null, from));
        }
        return chunks;
    }

    /**
     * Every interval: the coarse granularities whole, the day and finer ones a calendar month at a
     * time (the months the figures have), so that no read holds a year of quarter hours at once.
     */
    static List<Chunk> everything(Queries queries, Instant fineRetainedFrom) {
        ZoneId zone = queries.config().zone();
        TreeSet<Instant> months = new TreeSet<>();
        for (ContactMetricsRow row : queries.contactMetrics().rows(Granularity.MONTH, null, null, null, ContactMetricsRow.ALL_QUEUES)) {
            months.add(row.intervalStart().toInstant());
        }
        for (EmailMetricsRow row : queries.emailMetrics().rows(Granularity.MONTH, null, null, EmailMetricsRow.ALL_CATEGORIES)) {
            months.add(row.intervalStart().toInstant());
        }
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(WHOLE_TABLES);
        for (Granularity granularity : List.of(Granularity.YEAR, Granularity.MONTH, Granularity.WEEK)) {
            chunks.add(new Chunk(granularity, null, null, null));
        }
        for (Instant month : months) {
            ZonedDateTime start = month.atZone(zone);
            Instant end = Granularity.MONTH.next(start).toInstant();
            for (Granularity granularity : List.of(Granularity.DAY, Granularity.HOUR, Granularity.FIFTEEN_MINUTES)) {
                chunks.add(new Chunk(granularity, month, end, granularity.isFine() ? fineRetainedFrom : null));
            }
        }
        return chunks;
    }
}
