package nl.kic.analytics.tools.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/**
 * The caller and reason figures of a running instance for the report's period, telephone only:
 * /api/callers/metrics per month (and the year, for a year) and /api/reasons/metrics of the period as
 * a whole. Their small cells are hidden by the instance (null fields). An instance of an earlier
 * version has neither route: then there are no caller figures (null).
 */
final class CallerFigureAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CallerFigureAnswers() {
    }

    static List<ProtectedCallerRow> callers(HttpClient http, String root, String token, ReportPeriod period)
            throws IOException, InterruptedException {
        List<ProtectedCallerRow> rows = new ArrayList<>();
        List<Granularity> granularities = period.isYear() ? List.of(Granularity.MONTH, Granularity.YEAR) : List.of(Granularity.MONTH);
        for (Granularity granularity : granularities) {
            JsonNode body = body(http, root + "/api/callers/metrics" + query(granularity, period), token);
            if (body == null) {
                return null;
            }
            for (JsonNode r : body.path("rows")) {
                rows.add(new ProtectedCallerRow(Channel.valueOf(r.path("channel").asText()), r.path("queue").asText(), granularity,
                        OffsetDateTime.parse(r.path("interval_start").asText()), count(r, "callers"), count(r, "reached"),
                        count(r, "reached_first_attempt"), count(r, "reached_within_1_working_day"), count(r, "still_open"),
                        count(r, "never_reached"), count(r, "attempts"), count(r, "attempts_1"), count(r, "attempts_2"), count(r, "attempts_3"),
                        count(r, "attempts_4"), count(r, "attempts_5_9"), count(r, "attempts_10_plus"), count(r, "repeat_after_answer"),
                        r.path("unidentified_contacts").asLong(), r.path("spans_key_months").asBoolean(), r.path("final").asBoolean(),
                        r.path("repeat_window_truncated").asBoolean(), r.path("suppressed_cells").asText("")));
            }
        }
        return rows;
    }

    static List<ProtectedReasonRow> reasons(HttpClient http, String root, String token, ReportPeriod period)
            throws IOException, InterruptedException {
        JsonNode body = body(http, root + "/api/reasons/metrics" + query(period.whole(), period), token);
        if (body == null) {
            return null;
        }
        List<ProtectedReasonRow> rows = new ArrayList<>();
        for (JsonNode r : body.path("rows")) {
            rows.add(new ProtectedReasonRow(Channel.valueOf(r.path("channel").asText()), r.path("queue").asText(), period.whole(),
                    OffsetDateTime.parse(r.path("interval_start").asText()), r.path("reason").asText(), count(r, "contacts"),
                    count(r, "answered"), number(r, "answered_share"), count(r, "repeat_after_answer"), number(r, "repeat_after_answer_rate"),
                    number(r, "aht_seconds"), r.path("suppressed_cells").asText("")));
        }
        return rows;
    }

    private static String query(Granularity granularity, ReportPeriod period) {
        return "?granularity=" + granularity.label() + "&from=" + period.start() + "&to=" + period.end() + "&channel=CALL";
    }

    /** The answer's body; null when the instance does not know the route (404: a version without caller figures). */
    private static JsonNode body(HttpClient http, String url, String token) throws IOException, InterruptedException {
        try {
            return JSON.readTree(ReportSources.get(http, url, token, TIMEOUT));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(" answered 404")) {
                return null;
            }
            throw e;
        }
    }

    private static Long count(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isIntegralNumber() ? value.asLong() : null;
    }

    private static Double number(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }
}
