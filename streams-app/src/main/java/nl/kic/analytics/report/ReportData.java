package nl.kic.analytics.report;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import nl.kic.analytics.contacts.ContactMetricsRow;
import nl.kic.analytics.emails.EmailMetricsRow;
import nl.kic.analytics.replay.ReplaySummaryFile.InputFile;

/**
 * The figures a report is made from, wherever they came from (a replay, an earlier replay's output,
 * a running instance): the interval rows, the clock of the figures, the settings that decided them,
 * what was dropped on the way, and the input files with their hashes (none for an instance).
 *
 * @param source   how the figures were obtained, for the footnotes ("replay of 2 files", an API URL)
 * @param quality  what did not count, over the whole input ({@code scope} "input") or since the
 *                 instance started ({@code scope} "instance")
 */
record ReportData(List<ContactMetricsRow> contacts, List<EmailMetricsRow> emails, Instant clock,
                  SortedMap<String, String> settings, Quality quality, List<InputFile> inputs, String version, String source) {

    record Quality(String scope, SortedMap<String, Long> deadLettersByReason, long duplicatesDropped, long unreadableLines) {
    }

    boolean setting(String key, boolean fallback) {
        String value = settings.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }
}
