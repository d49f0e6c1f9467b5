package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report asks a running instance for the telephone caller figures of its period, per month and
 * for the year, and the reasons of the period; a hidden cell (null) stays hidden, and an instance
 * without the routes (404) has no caller figures rather than failing the report.
 */
class CallerFigureAnswersTest {
    private HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private boolean routes = true;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            asked.add(exchange.getRequestURI().getPath() + "?" + query);
            String body;
            if (!routes) {
                body = "{\"error\":\"not found\"}";
            } else if (exchange.getRequestURI().getPath().equals("/api/callers/metrics")) {
                String granularity = query.contains("granularity=year") ? "year" : "month";
                body = """
                        {"granularity": "%s", "rows": [{"channel": "CALL", "queue": "ALL", "granularity": "%s",
                         "interval_start": "2024-01-01T00:00+01:00", "callers": 120, "reached": 96, "reached_first_attempt": 60,
                         "reached_within_1_working_day": 84, "still_open": 0, "never_reached": 24, "attempts": 250, "attempts_1": 70,
                         "attempts_2": 30, "attempts_3": null, "attempts_4": null, "attempts_5_9": 10, "attempts_10_plus": 0,
                         "repeat_after_answer": null, "unidentified_contacts": 3, "spans_key_months": false, "final": true,
                         "repeat_window_truncated": true, "suppressed_cells": "attempts_3;attempts_4;repeat_after_answer"}]}
                        """.formatted(granularity, granularity);
            } else {
                body = """
                        {"granularity": "year", "rows": [{"channel": "CALL", "queue": "ALL", "granularity": "year",
                         "interval_start": "2024-01-01T00:00+01:00", "reason": "Naturalisatie", "contacts": 250, "answered": 200,
                         "answered_share": 0.2, "repeat_after_answer": null, "repeat_after_answer_rate": null, "aht_seconds": 301.0,
                         "suppressed_cells": "repeat_after_answer;repeat_after_answer_rate"}]}
                        """;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(routes ? 200 : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aYearAsksTelephoneMonthsAndTheYearAndKeepsHiddenCellsHidden() throws Exception {
        ReportPeriod year = ReportPeriod.parse("2024");
        HttpClient http = HttpClient.newHttpClient();

        List<ProtectedCallerRow> callers = CallerFigureAnswers.callers(http, root(), null, year);
        List<ProtectedReasonRow> reasons = CallerFigureAnswers.reasons(http, root(), null, year);

        assertThat(asked).containsExactly(
                "/api/callers/metrics?granularity=month&from=2024-01-01&to=2025-01-01&channel=CALL",
                "/api/callers/metrics?granularity=year&from=2024-01-01&to=2025-01-01&channel=CALL",
                "/api/reasons/metrics?granularity=year&from=2024-01-01&to=2025-01-01&channel=CALL");
        assertThat(callers).extracting(ProtectedCallerRow::granularity).containsExactly(Granularity.MONTH, Granularity.YEAR);
        ProtectedCallerRow month = callers.get(0);
        assertThat(month.callers()).isEqualTo(120);
        assertThat(month.attempts2()).isEqualTo(30);
        assertThat(month.attempts3()).isNull();
        assertThat(month.repeatAfterAnswer()).isNull();
        assertThat(month.attempts10plus()).isZero();
        assertThat(month.unidentifiedContacts()).isEqualTo(3);
        assertThat(month.finalRow()).isTrue();
        assertThat(reasons).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("Naturalisatie");
            assertThat(r.contacts()).isEqualTo(250);
            assertThat(r.answeredShare()).isEqualTo(0.2);
            assertThat(r.repeatAfterAnswer()).isNull();
            assertThat(r.repeatAfterAnswerRate()).isNull();
        });
    }

    @Test
    void anInstanceWithoutTheRoutesHasNoCallerFigures() throws Exception {
        routes = false;
        ReportPeriod month = ReportPeriod.parse("2024-03");
        HttpClient http = HttpClient.newHttpClient();

        assertThat(CallerFigureAnswers.callers(http, root(), null, month)).isNull();
        assertThat(CallerFigureAnswers.reasons(http, root(), null, month)).isNull();
    }
}
