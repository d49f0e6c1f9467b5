package nl.kic.analytics.app.export;

import static nl.kic.analytics.app.export.ExportColumn.count;
import static nl.kic.analytics.app.export.ExportColumn.date;
import static nl.kic.analytics.app.export.ExportColumn.decimal;
import static nl.kic.analytics.app.export.ExportColumn.flag;
import static nl.kic.analytics.app.export.ExportColumn.instant;
import static nl.kic.analytics.app.export.ExportColumn.ratio;
import static nl.kic.analytics.app.export.ExportColumn.seconds;
import static nl.kic.analytics.app.export.ExportColumn.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailFigures;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;

/**
 * The exported tables (docs/export.md), each with the columns of replay's CSV file of the same
 * name, read through the same queries as the API and the CSV. Adding a table is one more description
 * here and one more migration. The forecast's table is described here too, but written by
 * {@code forecast --export-jdbc}, not by the sweeps.
 */
public final class ExportTables {
    private ExportTables() {
    }

    public static final ExportTable CONTACT_METRICS = new ExportTable("contact_metrics",
            List.of(text("channel"), text("queue"), text(ExportTable.GRANULARITY), instant(ExportTable.INTERVAL_START)),
            List.of(count("offered"), count("answered"), count("abandoned"), count("short_abandoned"), count("rejected"),
                    count("open"), count("lost"), ratio("reachability"), ratio("service_level"), seconds("asa_seconds"),
                    seconds("wait_p50_seconds"), seconds("wait_p90_seconds"), seconds("max_wait_seconds"),
                    seconds("avg_abandon_wait_seconds"), seconds("aht_seconds")),
            (queries, granularity, from, to) -> {
                List<List<Object>> rows = new ArrayList<>();
                for (ContactMetricsRow row : queries.contactMetrics().rows(granularity, from, to, null, null)) {
                    ContactFigures f = row.figures();
                    rows.add(Arrays.asList(row.channel().name(), row.queue(), row.granularity().label(), row.intervalStart(),
                            f.offered(), f.answered(), f.abandoned(), f.shortAbandoned(), f.rejected(), f.open(), f.lost(),
                            f.reachability(), f.serviceLevel(), f.asaSeconds(), f.waitP50Seconds(), f.waitP90Seconds(),
                            f.maxWaitSeconds(), f.avgAbandonWaitSeconds(), f.ahtSeconds()));
                }
                return rows;
            });

    public static final ExportTable EMAIL_METRICS = new ExportTable("email_metrics",
            List.of(text("category"), text(ExportTable.GRANULARITY), instant(ExportTable.INTERVAL_START)),
            List.of(count("received_gross"), count("spam"), count("received_net"), count("answered"), count("closed_without_answer"),
                    count("open"), ratio("answered_share"), count("acknowledged_on_time"), count("answered_on_time"),
                    count("must_answer_violations")),
            (queries, granularity, from, to) -> {
                List<List<Object>> rows = new ArrayList<>();
                for (EmailMetricsRow row : queries.emailMetrics().rows(granularity, from, to, null)) {
                    EmailFigures f = row.figures();
                    rows.add(Arrays.asList(row.category(), row.granularity().label(), row.intervalStart(),
                            f.receivedGross(), f.spam(), f.receivedNet(), f.answered(), f.closedWithoutAnswer(), f.open(),
                            f.answeredShare(), f.acknowledgedOnTime(), f.answeredOnTime(), f.mustAnswerViolations()));
                }
                return rows;
            });

    /**
     * The caller figures as they leave the product, small cells hidden (NULL): written whole at every
     * sweep of the recent intervals, since which cells are hidden is chosen over the whole table.
     */
    public static final ExportTable CALLER_METRICS = ExportTable.whole("caller_metrics",
            List.of(text("channel"), text("queue"), text(ExportTable.GRANULARITY), instant(ExportTable.INTERVAL_START)),
            List.of(count("callers"), count("reached"), count("reached_first_attempt"), count("reached_within_1_working_day"),
                    count("still_open"), count("never_reached"), count("attempts"), count("attempts_1"), count("attempts_2"),
                    count("attempts_3"), count("attempts_4"), count("attempts_5_9"), count("attempts_10_plus"),
                    count("repeat_after_answer"), count("unidentified_contacts"), flag("spans_key_months"), flag("final"),
                    flag("repeat_window_truncated"), text("suppressed_cells")),
            (queries, granularity, from, to) -> queries.protectedCallers().stream().map(r -> exported(r.values())).toList());

    /** The reason figures as they leave the product, small cells hidden: written whole, as the caller figures. */
    public static final ExportTable REASON_METRICS = ExportTable.whole("reason_metrics",
            List.of(text("channel"), text("queue"), text(ExportTable.GRANULARITY), instant(ExportTable.INTERVAL_START), text("reason")),
            List.of(count("contacts"), count("answered"), ratio("answered_share"), count("repeat_after_answer"),
                    ratio("repeat_after_answer_rate"), seconds("aht_seconds"), text("suppressed_cells")),
            (queries, granularity, from, to) -> queries.protectedReasons().stream().map(r -> exported(r.values())).toList());

    /** The norm beside each figure, from the kic.norm.* settings the report uses too. */
    public static final ExportTable NORMS = new ExportTable("norms",
            List.of(text("indicator"), text("channel")),
            List.of(new ExportColumn("norm", ExportColumn.Type.NUMERIC, 6), text("direction"), text("source")),
            (queries, granularity, from, to) -> norms(queries.config().norms()));

    /** The forecast table's column of the forecast's first day. */
    public static final String ORIGIN = "origin";

    /**
     * The forecast (forecast.csv) of one origin, the forecast's first day: written by
     * {@code forecast --export-jdbc} through {@link FigureWriter#writeForecast}, not by the sweeps of
     * the running export, which is why it is not in {@link #ALL}.
     */
    public static final ExportTable FORECAST = new ExportTable("forecast",
            List.of(text("channel"), text("queue"), instant(ExportTable.INTERVAL_START), date(ORIGIN)),
            List.of(decimal("offered_forecast", 3), count("lower80"), count("upper80"), count("agents_needed"),
                    decimal("agents_planned", 2), decimal("shortfall", 2)),
            (queries, granularity, from, to) -> {
                throw new IllegalStateException("the forecast is written by forecast --export-jdbc, not read by the export's sweeps");
            });

    /** Every table the export writes, in the order it writes them. */
    public static final List<ExportTable> ALL = List.of(CONTACT_METRICS, EMAIL_METRICS, NORMS, CALLER_METRICS, REASON_METRICS);

    /** The rows of the forecast table for the forecast from {@code origin}: forecast.csv's columns, keys first. */
    public static List<List<Object>> forecastRows(LocalDate origin, List<ForecastQuery.Row> forecast) {
        List<List<Object>> rows = new ArrayList<>(forecast.size());
        for (ForecastQuery.Row row : forecast) {
            rows.add(Arrays.asList(row.channel(), row.queue(), row.intervalStart(), origin, row.offeredForecast(), row.lower80(),
                    row.upper80(), row.agentsNeeded(), row.agentsPlanned(), row.shortfall()));
        }
        return rows;
    }

    /** A protected row's values as the columns take them: the channel and granularity by name. */
    private static List<Object> exported(List<Object> values) {
        List<Object> row = new ArrayList<>(values);
        row.set(0, ((Channel) values.get(0)).name());
        row.set(2, ((Granularity) values.get(2)).label());
        return row;
    }

    static List<List<Object>> norms(KicConfig.Norms norms) {
        KicConfig.Norms.Sources s = norms.sources();
        double averageWaitSeconds = norms.averageWait().toMillis() / 1000.0;
        return List.of(
                List.of("reachability", "CALL", norms.reachability(), "at_least", s.reachability()),
                List.of("reachability", "CHAT", norms.reachability(), "at_least", s.reachability()),
                List.of("asa_seconds", "CALL", averageWaitSeconds, "at_most", s.averageWait()),
                List.of("asa_seconds", "CHAT", averageWaitSeconds, "at_most", s.averageWait()),
                List.of("service_level", "CALL", norms.callServiceLevel(), "at_least", s.callServiceLevel()),
                List.of("service_level", "CHAT", norms.chatServiceLevel(), "at_least", s.chatServiceLevel()),
                List.of("acknowledged_on_time", "EMAIL", norms.emailAcknowledgedOnTime(), "at_least", s.emailAcknowledgedOnTime()),
                List.of("answered_on_time", "EMAIL", norms.emailAnsweredOnTime(), "at_least", s.emailAnsweredOnTime()),
                List.of("must_answer_violations", "EMAIL", 0.0, "at_most", s.mustAnswerViolations()));
    }
}
