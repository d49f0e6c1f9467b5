package nl.kic.analytics.tools.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.tools.report.ReportDocument.Block;
import nl.kic.analytics.tools.report.ReportDocument.Chart;
import nl.kic.analytics.tools.report.ReportDocument.Fact;
import nl.kic.analytics.tools.report.ReportDocument.Figure;
import nl.kic.analytics.tools.report.ReportDocument.FigureGrid;
import nl.kic.analytics.tools.report.ReportDocument.Heading;
import nl.kic.analytics.tools.report.ReportDocument.Notes;
import nl.kic.analytics.tools.report.ReportDocument.Paragraph;
import nl.kic.analytics.tools.report.ReportDocument.Table;
import nl.kic.analytics.tools.report.ReportDocument.TableStyle;

/**
 * The report's "Bellers en herhaalcontact" (docs/metrics.md, "Callers and repeat contact"): people,
 * not calls. Per month, telephone, all queues together: the callers, the shares reached, reached at
 * the first attempt, reached within one working day and never reached, and the share of reached
 * callers who called again within 7 days; per queue the same for the period; the callers by their
 * number of attempts as a chart and a table; the contacts of withheld numbers; and the top reasons
 * with their repeat rates.
 *
 * <p>The rows come with small cells already hidden (null). A hidden count is shown as a dash and
 * never enters a share: a share is shown only when its numerator and denominator are both shown. As
 * a second line of defence a count of 1 to {@code minCell − 1} people is treated as hidden too, so
 * that this section never prints one, whatever the source did.
 */
final class CallerSection {
    static final String HIDDEN = "—";
    private static final int TOP_REASONS = 5;
    private static final String ALL = ReportBuilder.ALL;
    private static final List<String> BUCKETS = List.of("1", "2", "3", "4", "5–9", "10+");

    private final ReportData data;
    private final ReportPeriod period;
    private final ReportText text;
    private final int minCell;
    private final UnaryOperator<String> tableCaption;
    private final UnaryOperator<String> figureCaption;
    private final Consumer<Fact> facts;
    private final String incompleteMark;
    /** Whether a dash has been shown since the last note that explains it: the note comes only where one is. */
    private boolean hiddenShown;

    /** {@code incompleteMark} follows the title of every table and figure: " (onvolledig)" when telephone's period is incomplete. */
    CallerSection(ReportData data, ReportPeriod period, int minCell, ReportText text, UnaryOperator<String> tableCaption,
                  UnaryOperator<String> figureCaption, Consumer<Fact> facts, String incompleteMark) {
        this.incompleteMark = incompleteMark;
        this.data = data;
        this.period = period;
        this.minCell = minCell;
        this.text = text;
        this.tableCaption = tableCaption;
        this.figureCaption = figureCaption;
        this.facts = facts;
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        String periodName = text.periodName(period);
        List<ProtectedCallerRow> months = monthRows(ALL);
        ProtectedCallerRow whole = wholeRow(ALL);
        if (!hasCallers(months)) {
            blocks.add(new Paragraph(text.t("callers.none")));
        } else {
            blocks.add(new Paragraph(text.t(period.isYear() ? "callers.intro.year" : "callers.intro.month")));
            String missing = monthsWithout(months);
            if (missing != null) {
                blocks.add(new Paragraph(text.t("callers.months.missing", missing)));
            }
            Table queues = queueTable();
            // A month's own row is the last row of its queue table: a table of that one month would repeat it.
            if (period.isYear() || queues == null) {
                blocks.add(monthTable(months, whole));
            }
            if (queues != null) {
                blocks.add(queues);
            }
            ProtectedCallerRow shown = whole != null ? whole : months.get(months.size() - 1);
            // The table is numbered first, so that the chart's description can name the table of its figures.
            Table attempts = attemptsTable(months, whole);
            blocks.add(attemptsFigure(shown, attempts.caption().substring(0, attempts.caption().indexOf('.')).toLowerCase(text.locale())));
            blocks.add(attempts);
            blocks.add(new Paragraph(text.t(shown.unidentifiedContacts() == 1 ? "callers.unidentified.one" : "callers.unidentified",
                    text.periodName(period), text.count(shown.unidentifiedContacts()))));
            List<String> notes = new ArrayList<>();
            if (hiddenShown) {
                notes.add(text.t("callers.note.hidden", HIDDEN, text.count(minCell - 1L)));
            }
            notes.add(text.t("callers.note.shares"));
            List<String> open = months.stream().filter(r -> !r.finalRow()).map(r -> text.monthName(r.intervalStart().toLocalDate())).toList();
            if (!open.isEmpty()) {
                notes.add(text.t("callers.note.not-final", String.join(", ", open)));
            }
            blocks.add(new Notes(notes, false));
            record(months);
        }
        blocks.addAll(reasons(periodName));
        return blocks;
    }

    // ---- callers ----

    /** The month rows of the period, telephone, of {@code queue}, in order. */
    private List<ProtectedCallerRow> monthRows(String queue) {
        if (data.callers() == null) {
            return List.of();
        }
        return data.callers().stream()
                .filter(r -> r.channel() == Channel.CALL && r.queue().equals(queue) && r.granularity() == Granularity.MONTH && inPeriod(r.intervalStart().toLocalDate()))
                .sorted(Comparator.comparing(ProtectedCallerRow::intervalStart)).toList();
    }

    /** The row of the period as a whole (the year's, a month's own); null when the source has none. */
    private ProtectedCallerRow wholeRow(String queue) {
        if (data.callers() == null) {
            return null;
        }
        return data.callers().stream().filter(r -> r.channel() == Channel.CALL && r.queue().equals(queue) && r.granularity() == period.whole()
                && r.intervalStart().toLocalDate().equals(period.start())).findFirst().orElse(null);
    }

    private boolean inPeriod(LocalDate day) {
        return !day.isBefore(period.start()) && day.isBefore(period.end());
    }

    /**
     * The months of a year, up to the clock, that have no caller row, in words ("januari tot en met
     * maart, juni"); null when none lacks one. A month with no row is not a month of zero callers.
     */
    private String monthsWithout(List<ProtectedCallerRow> months) {
        if (!period.isYear()) {
            return null;
        }
        LocalDate clockDay = data.clock().atOffset(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> present = months.stream().map(r -> r.intervalStart().toLocalDate()).toList();
        List<String> runs = new ArrayList<>();
        LocalDate runStart = null;
        LocalDate previous = null;
        for (LocalDate month : period.partStarts()) {
            boolean lacking = month.isBefore(clockDay) && !present.contains(month);
            if (lacking && runStart == null) {
                runStart = month;
            }
            if (!lacking && runStart != null) {
                runs.add(run(runStart, previous));
                runStart = null;
            }
            previous = month;
        }
        if (runStart != null) {
            runs.add(run(runStart, previous));
        }
        return runs.isEmpty() ? null : String.join(", ", runs) + " " + period.year();
    }

    private String run(LocalDate first, LocalDate last) {
        return first.equals(last) ? text.monthName(first) : text.t("callers.months.run", text.monthName(first), text.monthName(last));
    }

    /** Whether any person called: a row with callers shown above 0, or hidden (hidden is never 0). Withheld numbers alone are no callers. */
    private static boolean hasCallers(List<ProtectedCallerRow> rows) {
        return rows.stream().anyMatch(r -> r.callers() == null || r.callers() > 0);
    }

    private List<String> callerHeaders(String first) {
        return List.of(first, text.t("callers.callers"), text.t("callers.reached"), text.t("callers.first-attempt"), text.t("callers.within-day"),
                text.t("callers.never"), text.t("callers.repeat"), text.t("callers.unidentified.header"));
    }

    private List<String> callerCells(String header, ProtectedCallerRow r) {
        Long callers = shown(r.callers());
        return List.of(header, count(callers), share(shown(r.reached()), callers), share(shown(r.reachedFirstAttempt()), callers),
                share(shown(r.reachedWithin1WorkingDay()), callers), share(shown(r.neverReached()), callers),
                share(shown(r.repeatAfterAnswer()), shown(r.reached())), text.count(r.unidentifiedContacts()));
    }

    private Table monthTable(List<ProtectedCallerRow> months, ProtectedCallerRow whole) {
        List<List<String>> rows = new ArrayList<>();
        months.forEach(r -> rows.add(callerCells(text.partName(r.intervalStart().toLocalDate(), false), r)));
        boolean total = period.isYear() && whole != null;
        if (total) {
            rows.add(callerCells(text.t("callers.total.year", text.periodName(period)), whole));
        }
        return new Table("caller-months", tableCaption.apply(text.t("table.callers.months", text.periodName(period)) + incompleteMark),
                callerHeaders(text.t("month")), rows, TableStyle.FIGURES, total);
    }

    /** Per queue, the period as a whole; none when the source has no queue rows. */
    private Table queueTable() {
        if (data.callers() == null) {
            return null;
        }
        List<String> queues = data.callers().stream().filter(r -> r.channel() == Channel.CALL && !r.queue().equals(ALL)
                && r.granularity() == period.whole() && r.intervalStart().toLocalDate().equals(period.start()))
                .map(ProtectedCallerRow::queue).distinct().sorted().toList();
        ProtectedCallerRow all = wholeRow(ALL);
        if (queues.isEmpty() || all == null) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        queues.forEach(q -> rows.add(callerCells(q, wholeRow(q))));
        rows.add(callerCells(text.t("all-queues"), all));
        return new Table("caller-queues", tableCaption.apply(text.t(period.isYear() ? "table.callers.queues.year" : "table.callers.queues",
                text.periodName(period)) + incompleteMark), callerHeaders(text.t("queue")), rows, TableStyle.FIGURES, true);
    }

    private static List<Long> buckets(ProtectedCallerRow r) {
        return Arrays.asList(r.attempts1(), r.attempts2(), r.attempts3(), r.attempts4(), r.attempts5to9(), r.attempts10plus());
    }

    private FigureGrid attemptsFigure(ProtectedCallerRow row, String dataTable) {
        String caption = figureCaption.apply(text.t(period.isYear() ? "figure.callers.attempts.year" : "figure.callers.attempts",
                text.periodName(period)) + incompleteMark);
        List<Double> values = new ArrayList<>();
        List<Boolean> hidden = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < BUCKETS.size(); i++) {
            Long value = shown(buckets(row).get(i));
            values.add(value == null ? null : value.doubleValue());
            hidden.add(value == null);
            hiddenShown |= value == null;
            parts.add(text.t("callers.bucket.described", BUCKETS.get(i), value == null ? text.t("callers.hidden.word") : text.count(value)));
        }
        String description = text.t("chart.description.callers.attempts", caption.replaceFirst("^[^.]+\\. ", ""), String.join("; ", parts),
                dataTable);
        Chart chart = new Chart(caption, description, Unit.COUNT, BUCKETS, values, text.t("callers.callers.legend"), null, null, null, null,
                hidden, text.t("callers.hidden.legend"));
        return new FigureGrid("caller-figures", List.of(new Figure("caller-attempts-chart", caption, chart)), List.of());
    }

    private Table attemptsTable(List<ProtectedCallerRow> months, ProtectedCallerRow whole) {
        List<String> headers = new ArrayList<>(List.of(text.t("month")));
        BUCKETS.forEach(b -> headers.add(text.t("callers.bucket.header", b)));
        headers.add(text.t("callers.callers"));
        headers.add(text.t("callers.attempts"));
        List<List<String>> rows = new ArrayList<>();
        months.forEach(r -> rows.add(attemptsCells(text.partName(r.intervalStart().toLocalDate(), false), r)));
        boolean total = period.isYear() && whole != null;
        if (total) {
            rows.add(attemptsCells(text.t("callers.total.year", text.periodName(period)), whole));
        }
        String caption = tableCaption.apply(text.t("table.callers.attempts", text.periodName(period)) + incompleteMark);
        return new Table("caller-attempts", caption, headers, rows, TableStyle.FIGURES, total);
    }

    private List<String> attemptsCells(String header, ProtectedCallerRow r) {
        List<String> cells = new ArrayList<>(List.of(header));
        buckets(r).forEach(b -> cells.add(count(shown(b))));
        Long callers = shown(r.callers());
        cells.add(count(callers));
        // attempts counts contacts, but it is hidden with callers: with callers it would tell the attempts of a handful of people.
        cells.add(callers == null ? HIDDEN : count(r.attempts()));
        return cells;
    }

    private void record(List<ProtectedCallerRow> months) {
        for (ProtectedCallerRow r : months) {
            String month = period.partKey(r.intervalStart().toLocalDate());
            Long callers = shown(r.callers());
            fact("callers", Unit.COUNT, month, ALL, callers == null ? null : callers.doubleValue());
            fact("reached_share", Unit.SHARE, month, ALL, ratio(shown(r.reached()), callers));
            fact("reached_first_attempt_share", Unit.SHARE, month, ALL, ratio(shown(r.reachedFirstAttempt()), callers));
            fact("reached_within_1_working_day_share", Unit.SHARE, month, ALL, ratio(shown(r.reachedWithin1WorkingDay()), callers));
            fact("never_reached_share", Unit.SHARE, month, ALL, ratio(shown(r.neverReached()), callers));
            fact("repeat_after_answer_share", Unit.SHARE, month, ALL, ratio(shown(r.repeatAfterAnswer()), shown(r.reached())));
            fact("unidentified_contacts", Unit.COUNT, month, ALL, (double) r.unidentifiedContacts());
        }
    }

    private void fact(String indicator, Unit unit, String when, String group, Double value) {
        facts.accept(new Fact("callers", indicator, unit, when, "CALL", group, value, null, null));
    }

    // ---- reasons ----

    private List<Block> reasons(String periodName) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading("caller-reasons-heading", text.t("callers.reasons.heading")));
        List<ProtectedReasonRow> rows = data.reasons() == null ? List.of() : data.reasons().stream()
                .filter(r -> r.channel() == Channel.CALL && r.queue().equals(ALL) && r.granularity() == period.whole()
                        && r.intervalStart().toLocalDate().equals(period.start()))
                .toList();
        if (rows.isEmpty()) {
            blocks.add(new Paragraph(text.t("callers.reasons.none", periodName)));
            return blocks;
        }
        // By contacts, most first; a hidden count is small (or hides one), so it goes after those shown; ties by name.
        List<ProtectedReasonRow> top = rows.stream()
                .sorted(Comparator.comparing((ProtectedReasonRow r) -> shown(r.contacts()) == null ? -1L : shown(r.contacts())).reversed()
                        .thenComparing(ProtectedReasonRow::reason))
                .limit(TOP_REASONS).toList();
        blocks.add(new Paragraph(text.t(rows.size() <= TOP_REASONS ? "callers.reasons.intro.all" : "callers.reasons.intro",
                text.count(top.size()), periodName, text.count(rows.size()))));
        List<List<String>> table = new ArrayList<>();
        hiddenShown = false;
        for (ProtectedReasonRow r : top) {
            table.add(List.of(r.reason(), count(shown(r.contacts())), count(shown(r.answered())),
                    ratioCell(r.answeredShare(), r, "answered_share", r.answered()),
                    count(shown(r.repeatAfterAnswer())),
                    ratioCell(r.repeatAfterAnswerRate(), r, "repeat_after_answer_rate", r.repeatAfterAnswer())));
            fact("reasons", "contacts", Unit.COUNT, r.reason(), shown(r.contacts()) == null ? null : shown(r.contacts()).doubleValue());
            fact("reasons", "answered_share", Unit.SHARE, r.reason(), hiddenRatio(r, "answered_share", r.answered()) ? null : r.answeredShare());
            fact("reasons", "repeat_after_answer_rate", Unit.SHARE, r.reason(),
                    hiddenRatio(r, "repeat_after_answer_rate", r.repeatAfterAnswer()) ? null : r.repeatAfterAnswerRate());
        }
        blocks.add(new Table("caller-reasons", tableCaption.apply(text.t("table.callers.reasons", text.count(top.size()), periodName) + incompleteMark),
                List.of(text.t("callers.reason"), text.t("callers.contacts"), text.t("callers.answered"), text.t("callers.answered-share"),
                        text.t("callers.repeat.count"), text.t("callers.repeat.rate")), table, TableStyle.FIGURES, false));
        List<String> notes = new ArrayList<>();
        if (hiddenShown) {
            notes.add(text.t("callers.reasons.note.hidden", HIDDEN));
        }
        notes.add(text.t("callers.reasons.note"));
        blocks.add(new Notes(notes, false));
        return blocks;
    }

    private void fact(String section, String indicator, Unit unit, String reason, Double value) {
        facts.accept(new Fact(section, indicator, unit, period.key(), "CALL", reason, value, null, null));
    }

    /** A reason's ratio is hidden when the source hid it, or when a count it is made of is hidden here. */
    private boolean hiddenRatio(ProtectedReasonRow r, String column, Long numerator) {
        List<String> suppressed = List.of(r.suppressedCells().split(";"));
        return suppressed.contains(column) || shown(numerator) == null || shown(r.answered()) == null;
    }

    private String ratioCell(Double value, ProtectedReasonRow r, String column, Long numerator) {
        if (hiddenRatio(r, column, numerator)) {
            hiddenShown = true;
            return HIDDEN;
        }
        return value == null ? text.notApplicable() : text.share(value);
    }

    // ---- cells ----

    /** A count of people as it may be shown: null when hidden, or when it is a small number the source did not hide. */
    private Long shown(Long count) {
        return count == null || count > 0 && count < minCell ? null : count;
    }

    private String count(Long shown) {
        hiddenShown |= shown == null;
        return shown == null ? HIDDEN : text.count(shown);
    }

    /** A share of two counts as shown: the dash when either is hidden, "n.v.t." when there is nothing to divide by. */
    private String share(Long part, Long whole) {
        if (part == null || whole == null) {
            hiddenShown = true;
            return HIDDEN;
        }
        return whole == 0 ? text.notApplicable() : text.share((double) part / whole);
    }

    private static Double ratio(Long part, Long whole) {
        return part == null || whole == null || whole == 0 ? null : (double) part / whole;
    }
}
