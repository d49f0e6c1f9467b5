package nl.kic.analytics.domain.emails;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads e-mail interval rows and adds the ALL rows by merging the categories of each interval.
 * Never-classified e-mails have no row of their own; they count in ALL only.
 */
public final class EmailMetricsQuery {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final ZoneId zone;

    public EmailMetricsQuery(ReadOnlyKeyValueStore<Bytes, byte[]> store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** Rows of one granularity with an interval start in [from, to); a null category means every category and ALL. */
    public List<EmailMetricsRow> rows(Granularity granularity, Instant from, Instant to, String category) {
        List<EmailMetricsRow> result = new ArrayList<>();
        Map<Long, EmailIntervalStats> totals = new LinkedHashMap<>();
        for (KeyValue<IntervalKey, EmailIntervalStats> kv : IntervalRows.scan(store, EmailIntervalStats.CODEC, zone, granularity, from, to)) {
            EmailIntervalStats stats = kv.value;
            String rowCategory = kv.key.series();
            if (!rowCategory.equals(EmailContribution.UNCLASSIFIED) && (category == null || category.equals(rowCategory))) {
                result.add(row(rowCategory, granularity, kv.key.intervalStartMillis(), stats));
            }
            if (category == null || category.equals(EmailMetricsRow.ALL_CATEGORIES)) {
                totals.computeIfAbsent(kv.key.intervalStartMillis(), k -> new EmailIntervalStats()).merge(stats);
            }
        }
        totals.forEach((start, stats) -> result.add(row(EmailMetricsRow.ALL_CATEGORIES, granularity, start, stats)));
        result.sort(Comparator.comparing((EmailMetricsRow r) -> r.intervalStart().toInstant()).thenComparing(EmailMetricsRow::category));
        return result;
    }

    public List<EmailMetricsRow> allRows() {
        List<EmailMetricsRow> result = new ArrayList<>();
        for (Granularity granularity : Granularity.values()) {
            result.addAll(rows(granularity, null, null, null));
        }
        return result;
    }

    private EmailMetricsRow row(String category, Granularity granularity, long startMillis, EmailIntervalStats stats) {
        return new EmailMetricsRow(category, granularity, Instant.ofEpochMilli(startMillis).atZone(zone).toOffsetDateTime(),
                EmailFigures.of(stats));
    }
}
