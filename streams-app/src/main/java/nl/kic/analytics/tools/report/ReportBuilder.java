package nl.kic.analytics.tools.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kic.analytics.app.StaffingQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailFigures;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import nl.kic.analytics.tools.report.ReportDocument.Alert;
import nl.kic.analytics.tools.report.ReportDocument.Block;
import nl.kic.analytics.tools.report.ReportDocument.Chart;
import nl.kic.analytics.tools.report.ReportDocument.Fact;
import nl.kic.analytics.tools.report.ReportDocument.Figure;
import nl.kic.analytics.tools.report.ReportDocument.FigureGrid;
import nl.kic.analytics.tools.report.ReportDocument.Heading;
import nl.kic.analytics.tools.report.ReportDocument.Notes;
import nl.kic.analytics.tools.report.ReportDocument.Paragraph;
import nl.kic.analytics.tools.report.ReportDocument.ReaderNote;
import nl.kic.analytics.tools.report.ReportDocument.Section;
import nl.kic.analytics.tools.report.ReportDocument.Sparkline;
import nl.kic.analytics.tools.report.ReportDocument.Table;
import nl.kic.analytics.tools.report.ReportDocument.TableStyle;

/**
 * Makes the report of one period from its figures: the key figures and the verdict against the
 * norms, telephone and chat, e-mail and the e-mailgedragslijn, data quality with the coverage of
 * every period shown, definitions, norms and their sources, and the data tables in an appendix.
 * Every figure shown is taken from an interval row as it stands (the period's own row for a total,
 * never a sum of parts, so that medians and the 90th percentile stay exact), and recorded once as a
 * {@link Fact}. A comparison period is used only when its coverage is complete.
 */
final class ReportBuilder {
    static final String ALL = ContactMetricsRow.ALL_QUEUES;
    private static final List<String> CATEGORIES = List.of("URGENT", "OTHER_DEPARTMENT", "NOT_ON_WEBSITE", "GENERAL", "DOSSIER", "SPAM");
    private static final String DASH = "—";

    /** The figures of a call or chat row in the report, in the order of its tables. */
    enum ContactIndicator {
        OFFERED("offered", Unit.COUNT),
        ANSWERED("answered", Unit.COUNT),
        ABANDONED("abandoned", Unit.COUNT),
        NOT_REACHED("not_reached", Unit.COUNT),
        REACHABILITY("reachability", Unit.SHARE),
        AVERAGE_WAIT("asa_seconds", Unit.SECONDS),
        MEDIAN_WAIT("wait_p50_seconds", Unit.SECONDS),
        WAIT_P90("wait_p90_seconds", Unit.SECONDS),
        SERVICE_LEVEL("service_level", Unit.SHARE);

        final String id;
        final Unit unit;

        ContactIndicator(String id, Unit unit) {
            this.id = id;
            this.unit = unit;
        }
    }

    /** The figures of an e-mail row in the report, in the order of its tables. */
    enum EmailIndicator {
        RECEIVED_GROSS("received_gross", Unit.COUNT),
        SPAM("spam", Unit.COUNT),
        RECEIVED_NET("received_net", Unit.COUNT),
        ANSWERED_SHARE("answered_share", Unit.SHARE),
        ACKNOWLEDGED_ON_TIME("acknowledged_on_time_share", Unit.SHARE),
        ANSWERED_ON_TIME("answered_on_time_share", Unit.SHARE),
        MUST_ANSWER_VIOLATIONS("must_answer_violations", Unit.COUNT);

        final String id;
        final Unit unit;

        EmailIndicator(String id, Unit unit) {
            this.id = id;
            this.unit = unit;
        }
    }

    /** An indicator of a channel as the summary, the key figures and the charts use it. */
    private record Measure(String id, Unit unit, Double norm, boolean atMost) {
    }

    private record ContactKey(Channel channel, String queue, Granularity granularity, LocalDate start) {
    }

    private record EmailKey(String category, Granularity granularity, LocalDate start) {
    }

    private final ReportData data;
    private final ReportPeriod period;
    private final KicConfig.Norms norms;
    private final KicConfig.ExpectedDays expectedDays;
    private final ReportText text;
    private final boolean comparePrevious;
    private final ZoneId zone;
    private final boolean finalReport;
    private final String note;
    private final WorkingDayCalendar calendar;
    private final Map<ContactKey, ContactFigures> contacts = new HashMap<>();
    private final List<ContactMetricsRow> hourRows = new ArrayList<>();
    private final Map<EmailKey, EmailFigures> emails = new HashMap<>();
    private final Map<ReportChannel, Set<LocalDate>> daysWithData = new EnumMap<>(ReportChannel.class);
    private final Map<String, Coverage> coverages = new HashMap<>();
    private final List<Fact> facts = new ArrayList<>();
    private int tables;
    private int appendixTables;
    private int figures;
    private final KicConfig config;

    ReportBuilder(ReportData data, ReportPeriod period, KicConfig config, ReportText text, boolean comparePrevious, boolean finalReport,
                  String note) {
        this.data = data;
        this.period = period;
        this.config = config;
        this.norms = config.norms();
        this.expectedDays = config.expectedDays();
        this.text = text;
        this.comparePrevious = comparePrevious;
        this.zone = config.zone();
        this.finalReport = finalReport;
        this.note = note;
        Properties settings = new Properties();
        settings.putAll(data.settings());
        this.calendar = KicConfig.fromProperties(settings).calendar();
        for (ReportChannel channel : ReportChannel.values()) {
            daysWithData.put(channel, new HashSet<>());
        }
        for (ContactMetricsRow row : data.contacts()) {
            LocalDate start = row.intervalStart().toLocalDate();
            if (row.granularity() == Granularity.HOUR) {
                if (row.queue().equals(ALL)) {
                    hourRows.add(row);
                }
                continue;
            }
            if (row.granularity() == Granularity.FIFTEEN_MINUTES) {
                continue;
            }
            contacts.put(new ContactKey(row.channel(), row.queue(), row.granularity(), start), row.figures());
            if (row.granularity() == Granularity.DAY) {
                daysWithData.get(row.channel() == Channel.CALL ? ReportChannel.CALL : ReportChannel.CHAT).add(start);
            }
        }
        for (EmailMetricsRow row : data.emails()) {
            LocalDate start = row.intervalStart().toLocalDate();
            emails.put(new EmailKey(row.category(), row.granularity(), start), row.figures());
            if (row.granularity() == Granularity.DAY) {
                daysWithData.get(ReportChannel.EMAIL).add(start);
            }
        }
    }

    /** Thrown when the period has no figures at all: a report that would look real but say nothing. */
    static final class NoDataException extends Exception {
        NoDataException(String message) {
            super(message);
        }
    }

    ReportDocument build() throws NoDataException {
        if (List.of(ReportChannel.values()).stream().noneMatch(c -> coverage(c, period).hasData())) {
            throw new NoDataException("no figures for " + period.key() + availableRange());
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("summary", "1. " + text.t("section.summary"), false, summary()));
        sections.add(new Section("telephone-chat", "2. " + text.t("section.contacts"), true, contactSection()));
        sections.add(new Section("callers", "3. " + text.t("section.callers"), false,
                new CallerSection(data, period, config.privacyMinCell(), text, this::tableCaption, this::figureCaption, facts::add,
                        incompleteMark(ReportChannel.CALL, period)).blocks()));
        sections.add(new Section("email", "4. " + text.t("section.email"), false, emailSection()));
        sections.add(new Section("staffing", "5. " + text.t("section.staffing"), false, staffingSection()));
        sections.add(new Section("outlook", "6. " + text.t("section.outlook"), false,
                new OutlookSection(data, period, config, text, this::tableCaption).blocks()));
        sections.add(new Section("data-quality", "7. " + text.t("section.quality"), false, qualitySection()));
        sections.add(new Section("definitions", "8. " + text.t("section.definitions"), false, definitionsSection()));
        sections.add(new Section("appendix", text.t("section.appendix", partsWord()), true, appendix()));
        String title = text.t("title", text.periodName(period)) + (data.simulated() ? " — " + text.t("simulated.title") : "");
        String status = text.t(finalReport ? "status.final" : "status.provisional");
        String subtitle = text.t("subtitle", text.dateTime(data.clock().atZone(zone)), status);
        String banner = text.t("banner", text.periodName(period), status);
        return new ReportDocument(text.language(), title, subtitle, banner, data.simulated(), sections, List.copyOf(facts));
    }

    private String availableRange() {
        TreeSet<LocalDate> days = new TreeSet<>();
        daysWithData.values().forEach(days::addAll);
        if (days.isEmpty()) {
            return " (the figures hold no days at all)";
        }
        return " (the figures cover " + days.first().toString().substring(0, 7) + " to " + days.last().toString().substring(0, 7) + ")";
    }

    // ---- coverage ----

    /** Why the report may not be final, in the command's language (English); empty when it may. */
    List<String> reasonsNotFinal() {
        List<String> reasons = new ArrayList<>();
        for (ReportChannel channel : ReportChannel.values()) {
            Coverage c = coverage(channel, period);
            if (!c.hasData()) {
                continue;
            }
            String name = channel.name().toLowerCase();
            if (!c.refusedKnown()) {
                reasons.add("the refused events of " + name + " are unknown (an instance's API does not keep them; report from --input or --replay-output)");
            }
            if (c.daysWithData() < c.daysExpected()) {
                reasons.add(name + " has data on " + c.daysWithData() + " of " + c.daysExpected() + " expected days");
            }
            if (c.refusedEvents() != null && c.refusedEvents() > 0) {
                reasons.add(c.refusedEvents() + " " + name + " events of the period were refused");
            }
            if (c.endsAfterClock()) {
                reasons.add("the period had not ended at the clock of the " + name + " figures");
            }
        }
        return reasons;
    }

    /** Every coverage the report has looked at, for the manifest: the period, its comparisons and the trend's months. */
    List<Coverage> coverages() {
        return coverages.values().stream().sorted(Comparator.comparing((Coverage c) -> c.channel().ordinal())
                .thenComparing(c -> c.period().start()).thenComparing(c -> c.period().isYear())).toList();
    }

    Coverage coverage(ReportChannel channel, ReportPeriod p) {
        return coverages.computeIfAbsent(channel + "/" + p.key(), k -> Coverage.of(channel, p, daysWithData.get(channel),
                everyDay(channel), calendar, data.refused() == null ? null : data.refused().getOrDefault(channel, Map.of()),
                data.clock().atZone(zone).toLocalDate()));
    }

    private boolean everyDay(ReportChannel channel) {
        String rule = switch (channel) {
            case CALL -> expectedDays.call();
            case CHAT -> expectedDays.chat();
            case EMAIL -> expectedDays.email();
        };
        return rule.equals("every-day");
    }

    /** A comparison period the report may use: asked for, and complete. */
    private boolean comparable(ReportChannel channel, ReportPeriod p) {
        return comparePrevious && coverage(channel, p).complete();
    }

    /** The periods the current one is compared with: the month before and the same month a year earlier, or the year before. */
    private List<ReportPeriod> comparisons() {
        if (!comparePrevious) {
            return List.of();
        }
        return period.isYear() ? List.of(period.previous()) : List.of(period.before(), period.previous());
    }

    /** "(onvolledig)" after a title that shows an incomplete period of the channel. */
    private String incompleteMark(ReportChannel channel, ReportPeriod p) {
        Coverage c = coverage(channel, p);
        return c.hasData() && !c.complete() ? " (" + text.t("incomplete") + ")" : "";
    }

    /** What a period's coverage lacks, in words: "gegevens van 29 t/m 31 maart 2022; 1.234 gebeurtenissen geweigerd". */
    private String coverageInWords(Coverage c) {
        List<String> parts = new ArrayList<>();
        if (!c.hasData()) {
            return text.t("no-data");
        }
        if (c.daysWithData() < c.daysExpected()) {
            parts.add(text.t("coverage.days", text.dayName(c.firstDayWithData()), text.dayName(c.lastDayWithData()),
                    text.count(c.daysWithData()), text.count(c.daysExpected())));
        }
        if (c.refusedEvents() != null && c.refusedEvents() > 0) {
            parts.add(text.t(c.refusedEvents() == 1 ? "coverage.refused.one" : "coverage.refused", text.count(c.refusedEvents())));
        }
        if (c.endsAfterClock()) {
            parts.add(text.t("coverage.not-ended", text.dateTime(data.clock().atZone(zone))));
        }
        return String.join("; ", parts);
    }

    // ---- measures ----

    private List<Measure> keyMeasures(ReportChannel channel) {
        if (channel == ReportChannel.EMAIL) {
            return List.of(emailMeasure(EmailIndicator.RECEIVED_NET), emailMeasure(EmailIndicator.ANSWERED_SHARE),
                    emailMeasure(EmailIndicator.ACKNOWLEDGED_ON_TIME), emailMeasure(EmailIndicator.ANSWERED_ON_TIME),
                    emailMeasure(EmailIndicator.MUST_ANSWER_VIOLATIONS));
        }
        return List.of(contactMeasure(channel, ContactIndicator.OFFERED), contactMeasure(channel, ContactIndicator.ANSWERED),
                contactMeasure(channel, ContactIndicator.REACHABILITY), contactMeasure(channel, ContactIndicator.AVERAGE_WAIT),
                contactMeasure(channel, ContactIndicator.SERVICE_LEVEL));
    }

    private List<Measure> chartMeasures(ReportChannel channel) {
        if (channel == ReportChannel.EMAIL) {
            return keyMeasures(channel);
        }
        return List.of(contactMeasure(channel, ContactIndicator.OFFERED), contactMeasure(channel, ContactIndicator.ANSWERED),
                contactMeasure(channel, ContactIndicator.REACHABILITY), contactMeasure(channel, ContactIndicator.SERVICE_LEVEL),
                contactMeasure(channel, ContactIndicator.AVERAGE_WAIT), contactMeasure(channel, ContactIndicator.WAIT_P90));
    }

    private Measure contactMeasure(ReportChannel channel, ContactIndicator indicator) {
        return new Measure(indicator.id, indicator.unit, contactNorm(indicator, channel), indicator == ContactIndicator.AVERAGE_WAIT);
    }

    private Measure emailMeasure(EmailIndicator indicator) {
        return new Measure(indicator.id, indicator.unit, emailNorm(indicator), indicator == EmailIndicator.MUST_ANSWER_VIOLATIONS);
    }

    private Double value(ReportChannel channel, Measure measure, String group, Granularity granularity, LocalDate start) {
        if (channel == ReportChannel.EMAIL) {
            EmailIndicator indicator = List.of(EmailIndicator.values()).stream().filter(i -> i.id.equals(measure.id())).findFirst().orElseThrow();
            return value(indicator, email(group, granularity, start));
        }
        ContactIndicator indicator = List.of(ContactIndicator.values()).stream().filter(i -> i.id.equals(measure.id())).findFirst().orElseThrow();
        return value(indicator, contact(channel.contactChannel(), group, granularity, start));
    }

    private Double whole(ReportChannel channel, Measure measure, ReportPeriod p) {
        return value(channel, measure, ALL, p.whole(), p.start());
    }

    /** An indicator's name for a channel: a chat that ends while waiting is "Verlaten", a call "Opgehangen". */
    private String indicatorName(ReportChannel channel, String id) {
        return text.has("indicator." + id + "." + channel.name().toLowerCase()) ? text.t("indicator." + id + "." + channel.name().toLowerCase())
                : text.t("indicator." + id);
    }

    private String channelName(ReportChannel channel) {
        return text.t(channel.textKey());
    }

    // ---- 1. summary and key figures ----

    private List<Block> summary() {
        List<Block> blocks = new ArrayList<>();
        if (data.simulated()) {
            blocks.add(new Alert(text.t("simulated.alert")));
        }
        for (ReportChannel channel : ReportChannel.values()) {
            Coverage c = coverage(channel, period);
            if (c.hasData() && !c.complete()) {
                blocks.add(new Alert(text.t("incomplete.current", channelName(channel), text.periodName(period), coverageInWords(c))));
            }
        }
        blocks.add(keyFigures());
        for (ReportChannel channel : ReportChannel.values()) {
            blocks.add(new Paragraph(summaryOf(channel)));
        }
        blocks.add(new Paragraph(text.t("summary.basis", text.dateTime(data.clock().atZone(zone)), setting("kic.short-abandon-threshold-seconds"),
                partsWord()) + " " + text.t(finalReport ? "status.final.why" : "status.provisional.why")));
        if (note != null && !note.isBlank()) {
            blocks.add(new ReaderNote(text.t("note.heading"), note));
        }
        return blocks;
    }

    private Table keyFigures() {
        List<String> headers = new ArrayList<>(List.of(text.t("indicator"), ReportText.capitalised(text.periodName(period)), text.t("norm"),
                text.t("verdict")));
        for (ReportPeriod p : comparisons()) {
            headers.add(ReportText.capitalised(text.periodName(p)));
        }
        List<List<String>> rows = new ArrayList<>();
        List<Sparkline> sparklines = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (ReportChannel channel : ReportChannel.values()) {
            Coverage current = coverage(channel, period);
            if (!current.hasData()) {
                List<String> row = new ArrayList<>(List.of(channelName(channel), text.t("no-data"), DASH, DASH));
                comparisons().forEach(p -> row.add(DASH));
                rows.add(row);
                sparklines.add(null);
                continue;
            }
            if (!current.complete()) {
                incomplete.add(channelName(channel).toLowerCase(text.locale()));
            }
            for (Measure measure : keyMeasures(channel)) {
                Double value = whole(channel, measure, period);
                List<String> row = new ArrayList<>();
                row.add(channelName(channel) + ": " + indicatorName(channel, measure.id()).toLowerCase(text.locale()));
                row.add(keyValue(measure.unit(), value));
                row.add(measure.norm() == null ? DASH : normText(measure));
                row.add(verdictText(Verdict.of(measure.unit(), value, measure.norm(), measure.atMost())));
                for (ReportPeriod p : comparisons()) {
                    Coverage c = coverage(channel, p);
                    row.add(!c.hasData() ? text.t("no-data") : !c.complete() ? text.t("incomplete")
                            : keyValue(measure.unit(), whole(channel, measure, p)));
                }
                rows.add(row);
                sparklines.add(sparkline(channel, measure));
            }
        }
        String caption = tableCaption(text.t("table.key-figures", text.periodName(period)))
                + (incomplete.isEmpty() ? "" : " (" + text.t("incomplete.for", String.join(", ", incomplete)) + ")");
        return new Table("key-figures", caption, headers, rows, TableStyle.KEY_FIGURES, false, null, sparklines, text.t("trend"));
    }

    /** A key figure as page 1 prints it: a wait in minutes and seconds with its units ("17 min 45 s"), never as a clock time. */
    private String keyValue(Unit unit, Double value) {
        return unit == Unit.SECONDS && value != null ? text.durationShort(value) : text.format(unit, value);
    }

    /** A norm as printed: "ten minste 80%", "ten hoogste 8 min"; a norm of all (100%) or none (0) without "ten minste" or "ten hoogste". */
    private String normText(Measure measure) {
        double norm = measure.norm();
        if (measure.unit() == Unit.SHARE && norm >= 1.0 || measure.unit() == Unit.COUNT && norm == 0.0) {
            return text.formatNorm(measure.unit(), norm);
        }
        String value = measure.unit() == Unit.SECONDS ? text.durationShort(norm) : text.formatNorm(measure.unit(), norm);
        return measure.atMost() ? text.t("norm.at-most", value) : text.t("norm.at-least", value);
    }

    /** A norm for running text: "ten minste 80%", "ten hoogste 8 minuten", "nul". */
    private String normInWords(Measure measure) {
        if (measure.unit() == Unit.COUNT && measure.norm() == 0.0) {
            return text.t("norm.zero");
        }
        if (measure.unit() == Unit.SECONDS) {
            return text.t("norm.at-most", text.durationInWords(measure.norm()));
        }
        return normText(measure);
    }

    private String verdictText(Verdict verdict) {
        return switch (verdict) {
            case MET -> "✔ " + text.t("verdict.met");
            case NOT_MET -> "✖ " + text.t("verdict.not-met");
            case NO_NORM, UNDEFINED -> DASH;
        };
    }

    /** The 13 months up to the period's last month, complete months only; none when fewer than two have figures. */
    private Sparkline sparkline(ReportChannel channel, Measure measure) {
        List<ReportPeriod> months = period.trendMonths();
        List<Double> values = new ArrayList<>();
        int points = 0;
        Double low = null;
        Double high = null;
        String lowMonth = null;
        String highMonth = null;
        for (ReportPeriod month : months) {
            Double value = coverage(channel, month).complete() ? whole(channel, measure, month) : null;
            values.add(value);
            if (value != null) {
                points++;
                if (low == null || value < low) {
                    low = value;
                    lowMonth = text.periodName(month);
                }
                if (high == null || value > high) {
                    high = value;
                    highMonth = text.periodName(month);
                }
            }
        }
        if (points < 2) {
            return null;
        }
        String description = text.t("sparkline.description", indicatorName(channel, measure.id()).toLowerCase(text.locale()),
                text.periodName(months.get(0)), text.periodName(months.get(months.size() - 1)), text.count(points),
                text.format(measure.unit(), low), lowMonth, text.format(measure.unit(), high), highMonth);
        return new Sparkline(description, measure.unit(), values);
    }

    /** The summary of one channel in words: every indicator with a norm and whether it was met, and the complete comparisons. */
    private String summaryOf(ReportChannel channel) {
        String name = channelName(channel);
        Coverage current = coverage(channel, period);
        if (!current.hasData()) {
            return text.t("summary.no-data", name, text.periodName(period));
        }
        List<String> sentences = new ArrayList<>();
        String when = text.t("in", text.periodName(period));
        if (channel == ReportChannel.EMAIL) {
            EmailFigures f = email(ALL, period.whole(), period.start());
            sentences.add(text.t("summary.email", name, when, text.count(f.receivedNet()), text.share(f.answeredShare())));
        } else {
            ContactFigures f = contact(channel.contactChannel(), ALL, period.whole(), period.start());
            sentences.add(text.t(channel == ReportChannel.CALL ? "summary.calls" : "summary.chats", name, when, text.count(f.offered()),
                    text.count(f.answered())));
        }
        for (Measure measure : keyMeasures(channel)) {
            if (measure.norm() == null) {
                continue;
            }
            Double value = whole(channel, measure, period);
            Verdict verdict = Verdict.of(measure.unit(), value, measure.norm(), measure.atMost());
            if (verdict == Verdict.UNDEFINED) {
                sentences.add(text.t("summary.undefined", indicatorName(channel, measure.id())));
                continue;
            }
            String shown = measure.unit() == Unit.SECONDS ? text.durationInWords(value) : text.format(measure.unit(), value);
            String key = "summary.measure." + measure.id() + (measure.unit() == Unit.COUNT && value == 0.0 ? ".none" : "");
            key = channel == ReportChannel.CHAT && text.has(key + ".chat") ? key + ".chat" : key;
            String target = setting("kic.service-level-target-seconds." + (channel == ReportChannel.CHAT ? "chat" : "call"));
            sentences.add(ReportText.capitalised(text.t(key, shown, normInWords(measure), target))
                    + text.t(verdict == Verdict.MET ? "summary.met" : "summary.not-met", normInWords(measure)));
        }
        for (ReportPeriod p : comparisons()) {
            Coverage c = coverage(channel, p);
            Measure headline = keyMeasures(channel).get(channel == ReportChannel.EMAIL ? 1 : 2);
            if (c.complete()) {
                sentences.add(text.t("summary.compared." + headline.id(), text.periodName(p),
                        text.format(headline.unit(), whole(channel, headline, p))));
            } else if (c.hasData()) {
                sentences.add(text.t("summary.not-compared", ReportText.capitalised(text.periodName(p)), coverageInWords(c)));
            }
        }
        return String.join(" ", sentences);
    }

    // ---- 2. telephone and chat ----

    private List<Block> contactSection() {
        List<Block> blocks = new ArrayList<>();
        for (ReportChannel channel : List.of(ReportChannel.CALL, ReportChannel.CHAT)) {
            String name = channelName(channel);
            String prefix = channel.name().toLowerCase();
            blocks.add(new Heading(prefix, name + incompleteMark(channel, period)));
            if (!coverage(channel, period).hasData()) {
                blocks.add(new Paragraph(text.t("channel.no-data", name, text.periodName(period))));
                continue;
            }
            blocks.add(grid(channel));
            blocks.add(queueTable(channel));
            if (channel == ReportChannel.CALL) {
                blocks.addAll(heatMaps(channel));
            }
        }
        return blocks;
    }

    /** The small multiples of a channel: one chart per indicator, per part of the period. */
    private FigureGrid grid(ReportChannel channel) {
        String prefix = channel.name().toLowerCase();
        List<LocalDate> parts = partsWithData(channel);
        boolean withPrevious = period.isYear() && comparable(channel, period.previous());
        String dataTable = appendixTableName(channel);
        List<Figure> list = new ArrayList<>();
        List<String> allZero = new ArrayList<>();
        for (Measure measure : chartMeasures(channel)) {
            if (parts.stream().allMatch(d -> isZero(value(channel, measure, ALL, period.parts(), d)))
                    && (!withPrevious || parts.stream().allMatch(d -> isZero(value(channel, measure, ALL, period.parts(), d.minusYears(1)))))) {
                // A chart of nothing but zeros says less than a sentence, and its norm line would lie on the axis.
                allZero.add(text.t(period.isYear() ? "chart.all-zero.months" : "chart.all-zero.days", indicatorName(channel, measure.id()), dataTable));
                continue;
            }
            String caption = figureCaption(text.t("figure.caption", channelName(channel),
                    indicatorName(channel, measure.id()).toLowerCase(text.locale()), partsWord(), text.periodName(period))
                    + incompleteMark(channel, period));
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> before = new ArrayList<>();
            for (LocalDate part : parts) {
                labels.add(text.partLabel(part, !period.isYear()));
                values.add(value(channel, measure, ALL, period.parts(), part));
                before.add(withPrevious ? value(channel, measure, ALL, period.parts(), part.minusYears(1)) : null);
            }
            String thisPeriod = text.periodName(period);
            String lastPeriod = text.periodName(period.previous());
            String description = text.t(withPrevious ? "chart.description.previous" : "chart.description", caption.replaceFirst("^[^.]+\\. ", ""),
                    thisPeriod, lastPeriod, dataTable)
                    + (measure.norm() == null ? "" : " " + text.t("chart.description.norm", normText(measure)));
            Chart chart = new Chart(caption, description, measure.unit(), labels, values, thisPeriod, withPrevious ? before : null,
                    withPrevious ? lastPeriod : null, measure.norm(), measure.norm() == null ? null : text.t("chart.legend.norm", normText(measure)));
            list.add(new Figure(prefix + "-" + measure.id().replace('_', '-'), caption, chart));
        }
        return new FigureGrid(prefix + "-figures", list, allZero);
    }

    private static boolean isZero(Double value) {
        return value == null || value == 0.0;
    }

    private List<LocalDate> partsWithData(ReportChannel channel) {
        return period.partStarts().stream().filter(d -> channel == ReportChannel.EMAIL ? email(ALL, period.parts(), d) != null
                : contact(channel.contactChannel(), ALL, period.parts(), d) != null).toList();
    }

    private Table queueTable(ReportChannel channel) {
        Channel contactChannel = channel.contactChannel();
        List<String> headers = contactHeaders(text.t("queue"), channel);
        List<String> queues = contacts.keySet().stream()
                .filter(k -> k.channel() == contactChannel && k.granularity() == period.whole() && k.start().equals(period.start())
                        && !k.queue().equals(ALL))
                .map(ContactKey::queue).sorted().toList();
        ReportPeriod earlier = period.previous();
        Coverage earlierCoverage = coverage(channel, earlier);
        boolean showEarlier = comparePrevious && earlierCoverage.hasData();
        String earlierMark = earlierCoverage.complete() ? "" : " (" + text.t("incomplete") + ")";
        List<List<String>> rows = new ArrayList<>();
        for (String queue : queues) {
            rows.add(contactRow(queue, channel, queue, period.whole(), period.start(), period.key()));
            if (showEarlier) {
                rows.add(contactRow(text.t("year-before", queue, text.periodName(earlier)) + earlierMark, channel, queue, earlier.whole(),
                        earlier.start(), null));
            }
        }
        rows.add(contactRow(text.t("all-queues"), channel, ALL, period.whole(), period.start(), null));
        if (showEarlier) {
            rows.add(contactRow(text.t("year-before", text.t("all-queues"), text.periodName(earlier)) + earlierMark, channel, ALL,
                    earlier.whole(), earlier.start(), null));
        }
        return new Table(channel.name().toLowerCase() + "-queues", tableCaption(text.t("table.queues", channelName(channel),
                text.periodName(period)) + incompleteMark(channel, period)), headers, rows, TableStyle.FIGURES, !showEarlier);
    }

    private List<String> contactHeaders(String first, ReportChannel channel) {
        List<String> headers = new ArrayList<>();
        headers.add(first);
        for (ContactIndicator indicator : ContactIndicator.values()) {
            // Waits are written m:ss; the unit in the header keeps them from being read as clock times.
            headers.add(indicatorName(channel, indicator.id) + (indicator.unit == Unit.SECONDS ? " " + text.t("unit.wait") : ""));
        }
        return headers;
    }

    /** A table row of a channel's figures; records them as facts unless {@code factPeriod} is null (a repeated or comparison row). */
    private List<String> contactRow(String header, ReportChannel channel, String queue, Granularity granularity, LocalDate start,
                                    String factPeriod) {
        ContactFigures f = contact(channel.contactChannel(), queue, granularity, start);
        ContactFigures before = null;
        if (comparable(channel, period.previous())) {
            LocalDate earlier = ReportPeriod.yearEarlier(start, granularity == Granularity.DAY);
            before = earlier == null ? null : contact(channel.contactChannel(), queue, granularity, earlier);
        }
        List<String> row = new ArrayList<>();
        row.add(header);
        for (ContactIndicator indicator : ContactIndicator.values()) {
            Double value = value(indicator, f);
            row.add(text.format(indicator.unit, value));
            if (factPeriod != null) {
                facts.add(new Fact("telephone_chat", indicator.id, indicator.unit, factPeriod, channel.key(), queue, value,
                        contactNorm(indicator, channel), comparable(channel, period.previous()) ? value(indicator, before) : null));
            }
        }
        return row;
    }

    /** Where people call and where they are not reached: offered calls and reachability per weekday and hour of the period. */
    private List<Block> heatMaps(ReportChannel channel) {
        long[][] offered = new long[8][24];
        long[][] answered = new long[8][24];
        long[][] denominator = new long[8][24];
        for (ContactMetricsRow row : hourRows) {
            LocalDate day = row.intervalStart().toLocalDate();
            if (row.channel() != channel.contactChannel() || day.isBefore(period.start()) || !day.isBefore(period.end())) {
                continue;
            }
            int hour = row.intervalStart().getHour();
            int weekday = day.getDayOfWeek().getValue();
            offered[weekday][hour] += row.figures().offered();
            answered[weekday][hour] += row.figures().answered();
            denominator[weekday][hour] += denominator(row.figures());
        }
        List<Integer> days = new ArrayList<>();
        List<Integer> hours = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            long sum = 0;
            for (int h = 0; h < 24; h++) {
                sum += offered[d][h];
            }
            if (sum > 0) {
                days.add(d);
            }
        }
        for (int h = 0; h < 24; h++) {
            long sum = 0;
            for (int d = 1; d <= 7; d++) {
                sum += offered[d][h];
            }
            if (sum > 0) {
                hours.add(h);
            }
        }
        if (days.isEmpty()) {
            return List.of();
        }
        long max = 0;
        for (int d : days) {
            for (int h : hours) {
                max = Math.max(max, offered[d][h]);
            }
        }
        List<String> headers = new ArrayList<>(List.of(text.t("weekday")));
        hours.forEach(h -> headers.add(text.t("hour.range", Integer.toString(h), Integer.toString(h + 1))));
        List<List<String>> offeredRows = new ArrayList<>();
        List<List<Integer>> offeredShades = new ArrayList<>();
        List<List<String>> reachRows = new ArrayList<>();
        List<List<Integer>> reachShades = new ArrayList<>();
        for (int d : days) {
            String dayName = ReportText.capitalised(DayOfWeek.of(d).getDisplayName(TextStyle.FULL, text.locale()));
            List<String> o = new ArrayList<>(List.of(dayName));
            List<Integer> os = new ArrayList<>();
            List<String> r = new ArrayList<>(List.of(dayName));
            List<Integer> rs = new ArrayList<>();
            for (int h : hours) {
                o.add(text.count(offered[d][h]));
                os.add(offered[d][h] == 0 ? 0 : (int) Math.min(4, Math.ceil(4.0 * offered[d][h] / max)));
                if (denominator[d][h] <= 0) {
                    r.add(DASH);
                    rs.add(0);
                } else {
                    double share = (double) answered[d][h] / denominator[d][h];
                    r.add(text.wholePercent(share));
                    rs.add(share >= 0.9 ? 0 : share >= 0.8 ? 1 : share >= 0.7 ? 2 : share >= 0.6 ? 3 : 4);
                }
            }
            offeredRows.add(o);
            offeredShades.add(os);
            reachRows.add(r);
            reachShades.add(rs);
        }
        String mark = incompleteMark(channel, period);
        return List.of(
                new Heading("call-heat", text.t("heat.heading")),
                new Paragraph(text.t("heat.intro", text.t(period.isYear() ? "heat.whole-year" : "heat.whole-month"))),
                new Table("call-heat-offered", tableCaption(text.t("table.heat.offered", text.periodName(period)) + mark), headers,
                        offeredRows, TableStyle.HEAT_MAP, false, offeredShades, null, null),
                new Table("call-heat-reachability", tableCaption(text.t("table.heat.reachability", text.periodName(period)) + mark), headers,
                        reachRows, TableStyle.HEAT_MAP, false, reachShades, null, null));
    }

    private Double value(ContactIndicator indicator, ContactFigures f) {
        if (f == null) {
            return null;
        }
        return switch (indicator) {
            case OFFERED -> (double) f.offered();
            case ANSWERED -> (double) f.answered();
            case ABANDONED -> (double) f.abandoned();
            case NOT_REACHED -> (double) Math.max(0, denominator(f) - f.answered());
            case REACHABILITY -> f.reachability();
            case AVERAGE_WAIT -> f.asaSeconds();
            case MEDIAN_WAIT -> f.waitP50Seconds();
            case WAIT_P90 -> f.waitP90Seconds();
            case SERVICE_LEVEL -> f.serviceLevel();
        };
    }

    /** The reachability denominator of docs/metrics.md, with the switches the figures were made with. */
    private long denominator(ContactFigures f) {
        return f.offered() - f.open()
                - (data.setting("kic.exclude-short-abandoned", true) ? f.shortAbandoned() : 0)
                + (data.setting("kic.rejected-counts-as-not-reached", true) ? f.rejected() : 0);
    }

    private Double contactNorm(ContactIndicator indicator, ReportChannel channel) {
        return switch (indicator) {
            case REACHABILITY -> norms.reachability();
            case AVERAGE_WAIT -> (double) norms.averageWait().toMillis() / 1000.0;
            case SERVICE_LEVEL -> channel == ReportChannel.CALL ? norms.callServiceLevel() : norms.chatServiceLevel();
            default -> null;
        };
    }

    private ContactFigures contact(Channel channel, String queue, Granularity granularity, LocalDate start) {
        return contacts.get(new ContactKey(channel, queue, granularity, start));
    }

    // ---- 3. e-mail ----

    private List<Block> emailSection() {
        List<Block> blocks = new ArrayList<>();
        if (!coverage(ReportChannel.EMAIL, period).hasData()) {
            blocks.add(new Paragraph(text.t("channel.no-data", channelName(ReportChannel.EMAIL), text.periodName(period))));
            return blocks;
        }
        blocks.add(new Paragraph(text.t("email.intro")));
        blocks.add(grid(ReportChannel.EMAIL));
        List<String> headers = emailHeaders(text.t("category"));
        ReportPeriod earlier = period.previous();
        Coverage earlierCoverage = coverage(ReportChannel.EMAIL, earlier);
        boolean showEarlier = comparePrevious && earlierCoverage.hasData();
        String earlierMark = earlierCoverage.complete() ? "" : " (" + text.t("incomplete") + ")";
        List<List<String>> rows = new ArrayList<>();
        for (String category : CATEGORIES) {
            if (email(category, period.whole(), period.start()) != null) {
                rows.add(emailRow(text.t("category." + category), category, period.whole(), period.start(), period.key()));
                if (showEarlier) {
                    rows.add(emailRow(text.t("year-before", text.t("category." + category), text.periodName(earlier)) + earlierMark,
                            category, earlier.whole(), earlier.start(), null));
                }
            }
        }
        rows.add(emailRow(text.t("all-categories"), ALL, period.whole(), period.start(), null));
        if (showEarlier) {
            rows.add(emailRow(text.t("year-before", text.t("all-categories"), text.periodName(earlier)) + earlierMark, ALL, earlier.whole(),
                    earlier.start(), null));
        }
        blocks.add(new Table("email-categories", tableCaption(text.t("table.email-categories", text.periodName(period))
                + incompleteMark(ReportChannel.EMAIL, period)), headers, rows, TableStyle.FIGURES, !showEarlier));
        return blocks;
    }

    private List<String> emailHeaders(String first) {
        List<String> headers = new ArrayList<>();
        headers.add(first);
        for (EmailIndicator indicator : EmailIndicator.values()) {
            headers.add(text.t("indicator." + indicator.id));
        }
        return headers;
    }

    private List<String> emailRow(String header, String category, Granularity granularity, LocalDate start, String factPeriod) {
        EmailFigures f = email(category, granularity, start);
        boolean compared = comparable(ReportChannel.EMAIL, period.previous());
        EmailFigures before = null;
        if (compared) {
            LocalDate earlier = ReportPeriod.yearEarlier(start, granularity == Granularity.DAY);
            before = earlier == null ? null : email(category, granularity, earlier);
        }
        List<String> row = new ArrayList<>();
        row.add(header);
        for (EmailIndicator indicator : EmailIndicator.values()) {
            Double value = value(indicator, f);
            row.add(text.format(indicator.unit, value));
            if (factPeriod != null) {
                facts.add(new Fact("email", indicator.id, indicator.unit, factPeriod, "EMAIL", category, value, emailNorm(indicator),
                        compared ? value(indicator, before) : null));
            }
        }
        return row;
    }

    private static Double value(EmailIndicator indicator, EmailFigures f) {
        if (f == null) {
            return null;
        }
        return switch (indicator) {
            case RECEIVED_GROSS -> (double) f.receivedGross();
            case SPAM -> (double) f.spam();
            case RECEIVED_NET -> (double) f.receivedNet();
            case ANSWERED_SHARE -> f.answeredShare();
            case ACKNOWLEDGED_ON_TIME -> share(f.acknowledgedOnTime(), f.receivedNet());
            case ANSWERED_ON_TIME -> share(f.answeredOnTime(), f.receivedNet());
            case MUST_ANSWER_VIOLATIONS -> (double) f.mustAnswerViolations();
        };
    }

    private Double emailNorm(EmailIndicator indicator) {
        return switch (indicator) {
            case ACKNOWLEDGED_ON_TIME -> norms.emailAcknowledgedOnTime();
            case ANSWERED_ON_TIME -> norms.emailAnsweredOnTime();
            case MUST_ANSWER_VIOLATIONS -> 0.0;
            default -> null;
        };
    }

    private EmailFigures email(String category, Granularity granularity, LocalDate start) {
        return emails.get(new EmailKey(category, granularity, start));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    // ---- 4. staffing ----

    /**
     * The agents the norm would have taken against those present, per weekday and hour of the period
     * (docs/staffing.md), one chart per channel with its table, and the model's fit in one sentence.
     */
    private List<Block> staffingSection() {
        List<Block> blocks = new ArrayList<>();
        StaffingQuery.Answer answer = data.staffing();
        if (answer == null) {
            blocks.add(new Paragraph(text.t("staffing.none", text.periodName(period))));
            return blocks;
        }
        blocks.add(new Paragraph(text.t("staffing.intro", text.normShare(answer.normReachability()))));
        List<Figure> charts = new ArrayList<>();
        List<Block> tablesAfter = new ArrayList<>();
        for (ReportChannel channel : List.of(ReportChannel.CALL, ReportChannel.CHAT)) {
            // Per weekday and hour: the sums and counts of the quarter hours' agents present and agents the norm takes.
            TreeMap<Integer, double[]> byHour = new TreeMap<>();
            for (StaffingQuery.IntervalStaffing interval : answer.intervals()) {
                ZonedDateTime local = interval.intervalStart().atZoneSameInstant(zone);
                LocalDate day = local.toLocalDate();
                if (!interval.channel().equals(channel.key()) || day.isBefore(period.start()) || !day.isBefore(period.end())) {
                    continue;
                }
                double[] sums = byHour.computeIfAbsent(day.getDayOfWeek().getValue() * 100 + local.getHour(), k -> new double[4]);
                sums[0] += interval.agentsPresent();
                sums[1]++;
                if (interval.agentsForNorm() != null) {
                    sums[2] += interval.agentsForNorm();
                    sums[3]++;
                }
            }
            if (byHour.isEmpty()) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            List<Double> present = new ArrayList<>();
            List<Double> needed = new ArrayList<>();
            byHour.forEach((key, sums) -> {
                labels.add(DayOfWeek.of(key / 100).getDisplayName(TextStyle.SHORT, text.locale()).replace(".", "") + " " + key % 100);
                present.add(sums[0] / sums[1]);
                needed.add(sums[3] == 0 ? null : sums[2] / sums[3]);
            });
            // The chart's figures as a small matrix: a row per weekday, a column per hour, "present / needed" in each cell.
            List<Integer> hours = byHour.keySet().stream().map(k -> k % 100).distinct().sorted().toList();
            List<Integer> weekdays = byHour.keySet().stream().map(k -> k / 100).distinct().sorted().toList();
            List<String> headers = new ArrayList<>(List.of(text.t("weekday")));
            hours.forEach(h -> headers.add(text.t("hour.range", Integer.toString(h), Integer.toString(h + 1))));
            List<List<String>> rows = new ArrayList<>();
            for (int weekday : weekdays) {
                List<String> row = new ArrayList<>(List.of(ReportText.capitalised(DayOfWeek.of(weekday).getDisplayName(TextStyle.FULL, text.locale()))));
                for (int hour : hours) {
                    double[] sums = byHour.get(weekday * 100 + hour);
                    row.add(sums == null ? DASH : text.decimal(sums[0] / sums[1]) + " / "
                            + (sums[3] == 0 ? text.notApplicable() : Long.toString(Math.round(sums[2] / sums[3]))));
                }
                rows.add(row);
            }
            String name = channelName(channel);
            String tableCaption = tableCaption(text.t("table.staffing", name, text.periodName(period)) + incompleteMark(channel, period));
            String caption = figureCaption(text.t("figure.staffing", name, text.periodName(period)) + incompleteMark(channel, period));
            String description = text.t("chart.description.staffing", caption.replaceFirst("^[^.]+\\. ", ""),
                    tableCaption.substring(0, tableCaption.indexOf('.')).toLowerCase(text.locale()));
            charts.add(new Figure(channel.name().toLowerCase() + "-staffing", caption, new Chart(caption, description, Unit.COUNT, labels, present,
                    text.t("staffing.present"), needed, text.t("staffing.needed"), null, null)));
            tablesAfter.add(new Table(channel.name().toLowerCase() + "-staffing-table", tableCaption, headers, rows, TableStyle.FIGURES, false));
        }
        if (!charts.isEmpty()) {
            blocks.add(new FigureGrid("staffing-figures", charts, List.of()));
        }
        blocks.addAll(tablesAfter);
        var fit = answer.dailyFit();
        if (fit.periods() > 0) {
            blocks.add(new Paragraph(text.t("staffing.fit", text.count(fit.periods()), text.decimal(100 * fit.meanAbsoluteError()),
                    text.signedDecimal(100 * fit.p10Error()), text.signedDecimal(100 * fit.p90Error()), text.signedDecimal(100 * fit.meanError()))));
            facts.add(new Fact("staffing", "fit_mean_absolute_error", Unit.SHARE, "input", "", ALL, fit.meanAbsoluteError(), null, null));
        }
        return blocks;
    }

    // ---- numbering ----

    private String tableCaption(String caption) {
        return text.t("table.number", Integer.toString(++tables)) + " " + caption;
    }

    private String figureCaption(String caption) {
        return text.t("figure.number", Integer.toString(++figures)) + " " + caption;
    }

    /** The appendix tables are numbered B1, B2 … in the order of the channels, so that a chart can name its table before it exists. */
    private String appendixTableName(ReportChannel channel) {
        int index = 0;
        for (ReportChannel c : ReportChannel.values()) {
            if (coverage(c, period).hasData()) {
                index++;
            }
            if (c == channel) {
                break;
            }
        }
        return text.t("table.name", "B" + index);
    }

    private String partHeader() {
        return text.t(period.isYear() ? "month" : "day");
    }

    private String partsWord() {
        return text.t(period.isYear() ? "per-month" : "per-day");
    }

    // ---- 4. data quality ----

    private List<Block> qualitySection() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(text.t("coverage.intro", expectedDaysInWords())));
        List<List<String>> coverageRows = new ArrayList<>();
        List<ReportPeriod> periods = new ArrayList<>(List.of(period));
        if (comparePrevious) {
            periods.addAll(comparisons());
        }
        for (ReportChannel channel : ReportChannel.values()) {
            for (ReportPeriod p : periods) {
                Coverage c = coverage(channel, p);
                coverageRows.add(List.of(channelName(channel) + ", " + text.periodName(p), text.count(c.daysExpected()), text.count(c.daysWithData()),
                        c.hasData() ? text.t("from-to", text.dayName(c.firstDayWithData()), text.dayName(c.lastDayWithData())) : text.t("no-data"),
                        c.refusedEvents() == null ? text.t("unknown") : text.count(c.refusedEvents()),
                        c.complete() ? text.t("yes") : text.t("no")));
                String key = p.key();
                facts.add(new Fact("coverage", "days_expected", Unit.COUNT, key, channel.key(), ALL, (double) c.daysExpected(), null, null));
                facts.add(new Fact("coverage", "days_with_data", Unit.COUNT, key, channel.key(), ALL, (double) c.daysWithData(), null, null));
                facts.add(new Fact("coverage", "refused_events", Unit.COUNT, key, channel.key(), ALL,
                        c.refusedEvents() == null ? null : (double) c.refusedEvents(), null, null));
                facts.add(new Fact("coverage", "complete", Unit.COUNT, key, channel.key(), ALL, c.complete() ? 1.0 : 0.0, null, null));
            }
        }
        blocks.add(new Table("coverage", tableCaption(text.t("table.coverage")), List.of(text.t("coverage.period"), text.t("coverage.expected"),
                text.t("coverage.with-data"), text.t("coverage.span"), text.t("coverage.refused.header"), text.t("coverage.complete")),
                coverageRows, TableStyle.FIGURES, false));

        ReportData.Quality q = data.quality();
        blocks.add(new Paragraph(text.t(q.scope().equals("instance") ? "quality.scope.instance" : "quality.scope.input")));
        List<List<String>> rows = new ArrayList<>();
        for (var entry : q.deadLettersByReason().entrySet()) {
            rows.add(List.of(text.t("quality.dead-letter", reasonName(entry.getKey())), text.count(entry.getValue())));
            facts.add(new Fact("data_quality", "dead_letters", Unit.COUNT, q.scope(), "", entry.getKey(), (double) entry.getValue(), null, null));
        }
        long deadLetters = q.deadLettersByReason().values().stream().mapToLong(Long::longValue).sum();
        rows.add(List.of(text.t("quality.dead-letters-total"), text.count(deadLetters)));
        rows.add(List.of(text.t("quality.duplicates"), text.count(q.duplicatesDropped())));
        facts.add(new Fact("data_quality", "duplicates_dropped", Unit.COUNT, q.scope(), "", ALL, (double) q.duplicatesDropped(), null, null));
        if (q.scope().equals("input")) {
            rows.add(List.of(text.t("quality.unreadable"), text.count(q.unreadableLines())));
            facts.add(new Fact("data_quality", "unreadable_lines", Unit.COUNT, q.scope(), "", ALL, (double) q.unreadableLines(), null, null));
        }
        blocks.add(new Table("quality-dropped", tableCaption(text.t("table.quality-dropped")), List.of(text.t("quality.what"), text.t("quality.number")),
                rows, TableStyle.FIGURES, false));

        if (!data.imports().isEmpty()) {
            List<List<String>> imported = new ArrayList<>();
            for (ReportData.ImportCounts counts : data.imports()) {
                counts.countsByReason().forEach((reason, count) -> {
                    imported.add(List.of(text.t("import.row", importReasonName(reason), counts.inputFileName()), text.count(count)));
                    facts.add(new Fact("data_quality", "import_" + reason, Unit.COUNT, "input", "", counts.inputFileName(), (double) count, null, null));
                });
            }
            blocks.add(new Table("imports", tableCaption(text.t("table.imports")), List.of(text.t("quality.what"), text.t("quality.number")),
                    imported, TableStyle.FIGURES, false));
        }

        List<List<String>> open = new ArrayList<>();
        for (ReportChannel channel : ReportChannel.values()) {
            if (!coverage(channel, period).hasData()) {
                continue;
            }
            String name = channelName(channel);
            if (channel == ReportChannel.EMAIL) {
                EmailFigures f = email(ALL, period.whole(), period.start());
                open.add(List.of(text.t("quality.email-open"), text.count(f.open())));
                facts.add(new Fact("data_quality", "open", Unit.COUNT, period.key(), "EMAIL", ALL, (double) f.open(), null, null));
            } else {
                ContactFigures f = contact(channel.contactChannel(), ALL, period.whole(), period.start());
                open.add(List.of(text.t("quality.open", name), text.count(f.open())));
                open.add(List.of(text.t("quality.lost", name), text.count(f.lost())));
                facts.add(new Fact("data_quality", "open", Unit.COUNT, period.key(), channel.key(), ALL, (double) f.open(), null, null));
                facts.add(new Fact("data_quality", "lost", Unit.COUNT, period.key(), channel.key(), ALL, (double) f.lost(), null, null));
            }
        }
        blocks.add(new Table("quality-open", tableCaption(text.t("table.quality-open", text.dateTime(data.clock().atZone(zone)))),
                List.of(text.t("quality.what"), text.t("quality.number")), open, TableStyle.FIGURES, false));
        return blocks;
    }

    private String expectedDaysInWords() {
        List<String> parts = new ArrayList<>();
        for (ReportChannel channel : ReportChannel.values()) {
            parts.add(text.t("coverage.rule", channelName(channel).toLowerCase(text.locale()),
                    text.t(everyDay(channel) ? "coverage.every-day" : "coverage.working-days")));
        }
        return String.join(", ", parts);
    }

    private String reasonName(String reason) {
        return text.has("reason." + reason) ? text.t("reason." + reason) : reason;
    }

    private String importReasonName(String reason) {
        return text.has("import." + reason) ? text.t("import." + reason) : reason.replace('_', ' ');
    }

    // ---- 5. definitions, norms and source ----

    private List<Block> definitionsSection() {
        List<Block> blocks = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        for (ContactIndicator indicator : ContactIndicator.values()) {
            definitions.add(text.t("indicator." + indicator.id) + ": " + text.t("definition." + indicator.id,
                    setting("kic.short-abandon-threshold-seconds"), setting("kic.service-level-target-seconds.call"),
                    setting("kic.service-level-target-seconds.chat"), setting("kic.lost-after-minutes")));
        }
        for (EmailIndicator indicator : EmailIndicator.values()) {
            definitions.add(text.t("indicator." + indicator.id) + ": " + text.t("definition." + indicator.id,
                    setting("kic.email.acknowledge-within-minutes"), setting("kic.email.simple-answer-working-days"),
                    setting("kic.email.complex-answer-working-days")));
        }
        definitions.add(text.t("definition.intervals", setting("kic.zone").equals("Europe/Amsterdam") ? text.t("zone.dutch") : setting("kic.zone")));
        definitions.add(text.t("definition.working-days") + " " + holidays());
        blocks.add(new Heading("definitions-figures", text.t("definitions.figures")));
        blocks.add(new Notes(definitions, true));

        blocks.add(new Heading("definitions-norms", text.t("definitions.norms")));
        KicConfig.Norms.Sources sources = norms.sources();
        List<List<String>> normRows = new ArrayList<>();
        normRows.add(List.of(text.t("indicator.reachability"), text.t("norm.at-least", text.normShare(norms.reachability())), sources.reachability()));
        normRows.add(List.of(text.t("norm.average-wait"), text.t("norm.at-most", text.durationShort(norms.averageWait().toMillis() / 1000.0)),
                sources.averageWait()));
        normRows.add(List.of(text.t("norm.service-level.call"), text.t("norm.at-least", text.normShare(norms.callServiceLevel())),
                sources.callServiceLevel()));
        normRows.add(List.of(text.t("norm.service-level.chat"), text.t("norm.at-least", text.normShare(norms.chatServiceLevel())),
                sources.chatServiceLevel()));
        normRows.add(List.of(text.t("indicator.acknowledged_on_time_share"), normText(emailMeasure(EmailIndicator.ACKNOWLEDGED_ON_TIME)),
                sources.emailAcknowledgedOnTime()));
        normRows.add(List.of(text.t("indicator.answered_on_time_share"), normText(emailMeasure(EmailIndicator.ANSWERED_ON_TIME)),
                sources.emailAnsweredOnTime()));
        normRows.add(List.of(text.t("indicator.must_answer_violations"), text.count(0), sources.mustAnswerViolations()));
        blocks.add(new Table("norms", tableCaption(text.t("table.norms")), List.of(text.t("indicator"), text.t("norm"), text.t("norm.source")),
                normRows, TableStyle.WORDS, false));

        blocks.add(new Heading("definitions-settings", text.t("definitions.settings")));
        List<List<String>> settings = new ArrayList<>();
        data.settings().forEach((key, value) -> {
            if (!key.startsWith("kic.norm.")) {
                String description = text.has("setting." + key) ? text.t("setting." + key) : key;
                settings.add(List.of(description + "\n" + key, key.equals("kic.queues") && value.isEmpty() ? text.t("setting.all") : settingValue(value)));
            }
        });
        blocks.add(new Table("settings", tableCaption(text.t("table.settings")), List.of(text.t("setting"), text.t("value")), settings,
                TableStyle.WORDS, false));

        blocks.add(new Heading("definitions-source", text.t("definitions.source")));
        List<String> source = new ArrayList<>();
        source.add(text.t("source.clock", text.dateTime(data.clock().atZone(zone))));
        source.add(data.origin() == ReportData.Origin.API ? text.t("source.api")
                : text.t(data.inputs().size() == 1 ? "source.replay.one" : "source.replay", text.count(data.inputs().size())));
        source.add(text.t("source.version", data.version()));
        if (data.simulated()) {
            source.add(text.t("source.simulated"));
        }
        blocks.add(new Notes(source, false));
        if (!data.inputs().isEmpty()) {
            List<List<String>> inputs = new ArrayList<>();
            data.inputs().forEach(i -> inputs.add(List.of(fileName(i.file()), text.count(i.bytes()), i.sha256())));
            blocks.add(new Table("inputs", tableCaption(text.t("table.inputs")), List.of(text.t("file"), text.t("bytes"), "SHA-256"), inputs,
                    TableStyle.WORDS, false));
        }
        return blocks;
    }

    /** A file's name without the directories it was read from: a report never shows a local path. */
    static String fileName(String file) {
        String name = file.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private String settingValue(String value) {
        if (value.isEmpty()) {
            return text.t("none");
        }
        if (value.equals("true")) {
            return text.t("yes");
        }
        if (value.equals("false")) {
            return text.t("no");
        }
        String plain = value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
        return plain.matches("\\d{4,}") ? text.count(Long.parseLong(plain)) : plain;
    }

    /** The days off in the period by the calendar the figures were made with: "Feestdagen in 2024: …". */
    private String holidays() {
        List<String> days = new ArrayList<>();
        for (LocalDate day = period.start(); day.isBefore(period.end()); day = day.plusDays(1)) {
            String name = calendar.holidays(day.getYear()).get(day);
            boolean weekday = day.getDayOfWeek().getValue() <= 5;
            if (name != null) {
                days.add(name + " (" + text.partName(day, true) + ")");
            } else if (weekday && !calendar.isWorkingDay(day)) {
                days.add(text.t("closure-day") + " (" + text.partName(day, true) + ")");
            }
        }
        return text.t("holidays", text.periodName(period), days.isEmpty() ? text.t("none") : String.join(", ", days));
    }

    /** A setting's value for running text: 5 rather than 5.0. */
    private String setting(String key) {
        String value = data.settings().getOrDefault(key, "?");
        return value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
    }

    // ---- appendix: the data tables ----

    private List<Block> appendix() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(text.t("appendix.intro")));
        for (ReportChannel channel : ReportChannel.values()) {
            if (!coverage(channel, period).hasData()) {
                continue;
            }
            String name = channelName(channel);
            String caption = text.t("table.number", "B" + (++appendixTables)) + " " + text.t("table.parts", name, partsWord(),
                    text.periodName(period)) + incompleteMark(channel, period);
            List<List<String>> rows = new ArrayList<>();
            for (LocalDate part : partsWithData(channel)) {
                rows.add(partRow(channel, text.partName(part, !period.isYear()), period.parts(), part, period.partKey(part)));
            }
            rows.add(partRow(channel, text.t("total", text.periodName(period)), period.whole(), period.start(), period.key()));
            List<String> headers = channel == ReportChannel.EMAIL ? emailHeaders(partHeader()) : contactHeaders(partHeader(), channel);
            blocks.add(new Table(channel.name().toLowerCase() + "-parts", caption, headers, rows, TableStyle.FIGURES, true));
        }
        // A year's charts set the year before beside each month: its months are here too, so that every bar has its figure.
        if (period.isYear()) {
            ReportPeriod earlier = period.previous();
            for (ReportChannel channel : ReportChannel.values()) {
                if (!coverage(channel, period).hasData() || !comparable(channel, earlier)) {
                    continue;
                }
                String caption = text.t("table.number", "B" + (++appendixTables)) + " " + text.t("table.parts", channelName(channel), partsWord(),
                        text.periodName(earlier));
                List<List<String>> rows = new ArrayList<>();
                for (LocalDate part : earlier.partStarts()) {
                    boolean present = channel == ReportChannel.EMAIL ? email(ALL, Granularity.MONTH, part) != null
                            : contact(channel.contactChannel(), ALL, Granularity.MONTH, part) != null;
                    if (present) {
                        rows.add(partRow(channel, text.partName(part, false), Granularity.MONTH, part, null));
                    }
                }
                rows.add(partRow(channel, text.t("total", text.periodName(earlier)), Granularity.YEAR, earlier.start(), null));
                List<String> headers = channel == ReportChannel.EMAIL ? emailHeaders(partHeader()) : contactHeaders(partHeader(), channel);
                blocks.add(new Table(channel.name().toLowerCase() + "-parts-before", caption, headers, rows, TableStyle.FIGURES, true));
            }
        }
        return blocks;
    }

    private List<String> partRow(ReportChannel channel, String header, Granularity granularity, LocalDate start, String factPeriod) {
        return channel == ReportChannel.EMAIL ? emailRow(header, ALL, granularity, start, factPeriod)
                : contactRow(header, channel, ALL, granularity, start, factPeriod);
    }
}
