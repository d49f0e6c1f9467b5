package nl.kic.analytics.tools.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import nl.kic.analytics.app.StaffingQuery;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.tools.replay.ReplaySummaryFile.InputFile;

/**
 * The figures a report is made from, wherever they came from (a replay, an earlier replay's output,
 * a running instance): the interval rows, the clock of the figures, the settings that decided them,
 * what was dropped on the way, and the input files with their hashes (none for an instance).
 *
 * @param origin     how the figures were obtained: recomputed from input files, or asked of a running instance
 * @param quality    what did not count, over the whole input ({@code scope} "input") or since the
 *                   instance started ({@code scope} "instance")
 * @param refused    events refused per channel and local day (too late, implausibly old, in the future,
 *                   an invalid name); null where unknown (an instance's API keeps no such count)
 * @param imports    what the import skipped, for input files that came through {@code import}
 * @param simulated  whether any of the events came from the simulator
 * @param staffing   staffing on the past (docs/staffing.md) per channel and quarter hour; null without agents present
 * @param presence   agents present per channel and quarter hour (a replay's agent_metrics.csv); null where the source has none of its own
 * @param callers    caller rows, small cells hidden (caller_metrics.csv, /api/callers/metrics); null where the source has none
 * @param reasons    reason rows, small cells hidden (reason_metrics.csv, /api/reasons/metrics); null where the source has none
 */
record ReportData(List<ContactMetricsRow> contacts, List<EmailMetricsRow> emails, Instant clock,
                  SortedMap<String, String> settings, Quality quality, List<InputFile> inputs, String version, Origin origin,
                  Map<ReportChannel, Map<LocalDate, Long>> refused, List<ImportCounts> imports, boolean simulated,
                  StaffingQuery.Answer staffing, List<AgentPresenceQuery.Row> presence,
                  List<ProtectedCallerRow> callers, List<ProtectedReasonRow> reasons) {

    enum Origin {
        REPLAY,
        API
    }

    record Quality(String scope, SortedMap<String, Long> deadLettersByReason, long duplicatesDropped, long unreadableLines) {
    }

    /** What the import of one input file left out, by reason ({@code never_queued_calls}, {@code phantom_records}, …). */
    record ImportCounts(String inputFileName, String format, SortedMap<String, Long> countsByReason) {
    }

    boolean setting(String key, boolean fallback) {
        String value = settings.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }
}
