package nl.kic.analytics.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.contacts.ContactFigures;
import nl.kic.analytics.contacts.ContactMetricsRow;
import nl.kic.analytics.emails.EmailFigures;
import nl.kic.analytics.emails.EmailMetricsRow;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.report.ReportDocument.Block;
import nl.kic.analytics.report.ReportDocument.Chart;
import nl.kic.analytics.report.ReportDocument.Fact;
import nl.kic.analytics.report.ReportDocument.Figure;
import nl.kic.analytics.report.ReportDocument.Heading;
import nl.kic.analytics.report.ReportDocument.Notes;
import nl.kic.analytics.report.ReportDocument.Paragraph;
import nl.kic.analytics.report.ReportDocument.Section;
import nl.kic.analytics.report.ReportDocument.Table;
import nl.kic.analytics.time.Granularity;

/**
 * Makes the report of one period from its figures: the summary in words, telephone and chat, e-mail
 * and the e-mailgedragslijn, data quality, and the definitions and settings. Every figure shown is
 * taken from an interval row as it stands (the period's own row for a total, never a sum of parts,
 * so that medians and the 90th percentile stay exact), and recorded once as a {@link Fact}.
 */
final class ReportBuilder {
    static final String ALL = ContactMetricsRow.ALL_QUEUES;
    private static final List<String> CATEGORIES = List.of("URGENT", "OTHER_DEPARTMENT", "NOT_ON_WEBSITE", "GENERAL", "DOSSIER", "SPAM");

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

    private record ContactKey(Channel channel, String queue, Granularity granularity, LocalDate start) {
    }

    private record EmailKey(String category, Granularity granularity, LocalDate start) {
    }

    private final ReportData data;
    private final ReportPeriod period;
    private final KicConfig.Norms norms;
    private final ReportText text;
    private final boolean comparePrevious;
    private final ZoneId zone;
    private final Map<ContactKey, ContactFigures> contacts = new HashMap<>();
    private final Map<EmailKey, EmailFigures> emails = new HashMap<>();
    private final List<Fact> facts = new ArrayList<>();

    ReportBuilder(ReportData data, ReportPeriod period, KicConfig.Norms norms, ReportText text, boolean comparePrevious, ZoneId zone) {
        this.data = data;
        this.period = period;
        this.norms = norms;
        this.text = text;
        this.comparePrevious = comparePrevious;
        this.zone = zone;
        for (ContactMetricsRow row : data.contacts()) {
            contacts.put(new ContactKey(row.channel(), row.queue(), row.granularity(), row.intervalStart().toLocalDate()), row.figures());
        }
        for (EmailMetricsRow row : data.emails()) {
            emails.put(new EmailKey(row.category(), row.granularity(), row.intervalStart().toLocalDate()), row.figures());
        }
    }

    /** Thrown when the period has no figures at all: a report that would look real but say nothing. */
    static final class NoDataException extends Exception {
        NoDataException(String message) {
            super(message);
        }
    }

    ReportDocument build() throws NoDataException {
        List<Channel> channels = new ArrayList<>();
        for (Channel channel : List.of(Channel.CALL, Channel.CHAT)) {
            if (contact(channel, ALL, period.whole(), period.start()) != null) {
                channels.add(channel);
            }
        }
        boolean hasEmail = email(ALL, period.whole(), period.start()) != null;
        if (channels.isEmpty() && !hasEmail) {
            throw new NoDataException("no figures for " + period.key() + " in " + data.source() + availableRange());
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("summary", "1. " + text.t("section.summary"), summary(channels, hasEmail)));
        sections.add(new Section("telephone-chat", "2. " + text.t("section.contacts"), contactSection(channels)));
        sections.add(new Section("email", "3. " + text.t("section.email"), emailSection(hasEmail)));
        sections.add(new Section("data-quality", "4. " + text.t("section.quality"), qualitySection(channels, hasEmail)));
        sections.add(new Section("definitions", "5. " + text.t("section.definitions"), definitionsSection(channels)));
        String title = text.t("title", text.periodName(period));
        String subtitle = text.t("subtitle", text.dateTime(data.clock().atZone(zone)), data.version());
        return new ReportDocument(text.language(), title, subtitle, sections, List.copyOf(facts));
    }

    private String availableRange() {
        TreeSet<LocalDate> months = new TreeSet<>();
        contacts.keySet().stream().filter(k -> k.granularity() == Granularity.MONTH).forEach(k -> months.add(k.start()));
        emails.keySet().stream().filter(k -> k.granularity() == Granularity.MONTH).forEach(k -> months.add(k.start()));
        if (months.isEmpty()) {
            return " (it holds no figures at all)";
        }
        return " (its figures cover " + months.first().toString().substring(0, 7) + " to " + months.last().toString().substring(0, 7) + ")";
    }

    // ---- 1. summary ----

    private List<Block> summary(List<Channel> channels, boolean hasEmail) {
        List<Block> blocks = new ArrayList<>();
        String when = text.t("in", text.periodName(period));
        for (Channel channel : channels) {
            ContactFigures f = contact(channel, ALL, period.whole(), period.start());
            ContactFigures before = previousWhole(channel, ALL);
            StringBuilder s = new StringBuilder();
            s.append(text.t(channel == Channel.CALL ? "summary.calls" : "summary.chats", when, text.count(f.answered())));
            if (f.reachability() != null) {
                s.append(' ').append(text.t("summary.reachability", text.share(f.reachability()), text.normShare(norms.reachability())));
                if (f.asaSeconds() != null) {
                    s.append(text.t("summary.wait", text.durationInWords(f.asaSeconds())));
                }
                s.append('.');
            }
            if (before != null && before.reachability() != null) {
                s.append(' ').append(text.t("summary.previous", text.periodName(period.previous()), text.share(before.reachability()),
                        text.count(before.answered())));
            }
            blocks.add(new Paragraph(s.toString()));
        }
        if (hasEmail) {
            EmailFigures f = email(ALL, period.whole(), period.start());
            StringBuilder s = new StringBuilder();
            s.append(text.t("summary.email", text.count(f.receivedNet()), when.toLowerCase(), text.share(f.answeredShare())));
            if (f.receivedNet() > 0) {
                s.append(' ').append(text.t("summary.email.on-time",
                        text.share(share(f.acknowledgedOnTime(), f.receivedNet())), text.normShare(norms.emailAcknowledgedOnTime()),
                        text.share(share(f.answeredOnTime(), f.receivedNet())), text.normShare(norms.emailAnsweredOnTime())));
            }
            s.append(' ').append(f.mustAnswerViolations() == 0 ? text.t("summary.email.no-violations")
                    : text.t(f.mustAnswerViolations() == 1 ? "summary.email.violation" : "summary.email.violations",
                    text.count(f.mustAnswerViolations())));
            blocks.add(new Paragraph(s.toString()));
        }
        blocks.add(new Paragraph(text.t("summary.basis", text.dateTime(data.clock().atZone(zone)))));
        return blocks;
    }

    // ---- 2. telephone and chat ----

    private List<Block> contactSection(List<Channel> channels) {
        List<Block> blocks = new ArrayList<>();
        if (channels.isEmpty()) {
            blocks.add(new Paragraph(text.t("contacts.none", text.periodName(period))));
            return blocks;
        }
        for (Channel channel : channels) {
            String name = text.t(channel == Channel.CALL ? "channel.call" : "channel.chat");
            String prefix = channel.name().toLowerCase();
            blocks.add(new Heading(prefix, name));
            List<LocalDate> parts = period.partStarts().stream()
                    .filter(d -> contact(channel, ALL, period.parts(), d) != null).toList();
            // The table of every figure per part, and the period's total.
            List<String> headers = new ArrayList<>();
            headers.add(partHeader());
            for (ContactIndicator indicator : ContactIndicator.values()) {
                headers.add(text.t("indicator." + indicator.id));
            }
            List<List<String>> rows = new ArrayList<>();
            for (LocalDate part : parts) {
                rows.add(contactRow(text.partName(part, !period.isYear()), channel, ALL, period.parts(), part, period.partKey(part)));
            }
            rows.add(contactRow(text.t("total", text.periodName(period)), channel, ALL, period.whole(), period.start(), period.key()));
            blocks.add(new Table(prefix + "-parts", text.t("table.parts", name, partsWord(), text.periodName(period)), headers, rows));
            // One figure per indicator: chart and data table, the norm and the year before beside it.
            for (ContactIndicator indicator : ContactIndicator.values()) {
                blocks.add(figure(prefix + "-" + indicator.id.replace('_', '-'), name + ": " + text.t("indicator." + indicator.id),
                        indicator.unit, contactNorm(indicator, channel), parts,
                        d -> value(indicator, contact(channel, ALL, period.parts(), d)),
                        d -> {
                            LocalDate earlier = ReportPeriod.yearEarlier(d, !period.isYear());
                            return earlier == null ? null : value(indicator, contact(channel, ALL, period.parts(), earlier));
                        },
                        value(indicator, contact(channel, ALL, period.whole(), period.start())),
                        value(indicator, previousWhole(channel, ALL)),
                        hasPrevious(channel)));
            }
            // Per queue, over the whole period.
            List<String> queues = contacts.keySet().stream()
                    .filter(k -> k.channel() == channel && k.granularity() == period.whole() && k.start().equals(period.start())
                            && !k.queue().equals(ALL))
                    .map(ContactKey::queue).sorted().toList();
            if (!queues.isEmpty()) {
                List<String> queueHeaders = new ArrayList<>(headers);
                queueHeaders.set(0, text.t("queue"));
                List<List<String>> queueRows = new ArrayList<>();
                for (String queue : queues) {
                    queueRows.add(contactRow(queue, channel, queue, period.whole(), period.start(), period.key()));
                    addPreviousRow(queueRows, queue, previousWhole(channel, queue), hasPrevious(channel));
                }
                queueRows.add(contactRow(text.t("all-queues"), channel, ALL, period.whole(), period.start(), null));
                addPreviousRow(queueRows, text.t("all-queues"), previousWhole(channel, ALL), hasPrevious(channel));
                blocks.add(new Table(prefix + "-queues", text.t("table.queues", name, text.periodName(period)), queueHeaders, queueRows));
            }
        }
        return blocks;
    }

    /** A table row of a channel's figures; records them as facts unless {@code factPeriod} is null (a repeated total). */
    private List<String> contactRow(String header, Channel channel, String queue, Granularity granularity, LocalDate start,
                                    String factPeriod) {
        ContactFigures f = contact(channel, queue, granularity, start);
        ContactFigures before = null;
        if (hasPrevious(channel)) {
            LocalDate earlier = ReportPeriod.yearEarlier(start, granularity == Granularity.DAY);
            before = earlier == null ? null : contact(channel, queue, granularity, earlier);
        }
        List<String> row = new ArrayList<>();
        row.add(header);
        for (ContactIndicator indicator : ContactIndicator.values()) {
            Double value = value(indicator, f);
            row.add(text.format(indicator.unit, value));
            if (factPeriod != null) {
                facts.add(new Fact("telephone_chat", indicator.id, indicator.unit, factPeriod, channel.name(), queue, value,
                        contactNorm(indicator, channel), hasPrevious(channel) ? value(indicator, before) : null));
            }
        }
        return row;
    }

    /** Under a queue's row, the same queue a year earlier (its figures are facts of the row above, as previous-year values). */
    private void addPreviousRow(List<List<String>> rows, String header, ContactFigures before, boolean withPrevious) {
        if (!withPrevious) {
            return;
        }
        List<String> row = new ArrayList<>();
        row.add(text.t("year-before", header, text.periodName(period.previous())));
        for (ContactIndicator indicator : ContactIndicator.values()) {
            row.add(text.format(indicator.unit, value(indicator, before)));
        }
        rows.add(row);
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

    private Double contactNorm(ContactIndicator indicator, Channel channel) {
        return switch (indicator) {
            case REACHABILITY -> norms.reachability();
            case AVERAGE_WAIT -> (double) norms.averageWait().toMillis() / 1000.0;
            case SERVICE_LEVEL -> channel == Channel.CALL ? norms.callServiceLevel() : norms.chatServiceLevel();
            default -> null;
        };
    }

    private boolean hasPrevious(Channel channel) {
        return comparePrevious && contact(channel, ALL, period.whole(), period.previous().start()) != null;
    }

    private ContactFigures previousWhole(Channel channel, String queue) {
        return hasPrevious(channel) ? contact(channel, queue, period.whole(), period.previous().start()) : null;
    }

    private ContactFigures contact(Channel channel, String queue, Granularity granularity, LocalDate start) {
        return contacts.get(new ContactKey(channel, queue, granularity, start));
    }

    // ---- 3. e-mail ----

    private List<Block> emailSection(boolean hasEmail) {
        List<Block> blocks = new ArrayList<>();
        if (!hasEmail) {
            blocks.add(new Paragraph(text.t("email.none", text.periodName(period))));
            return blocks;
        }
        blocks.add(new Paragraph(text.t("email.intro")));
        List<LocalDate> parts = period.partStarts().stream().filter(d -> email(ALL, period.parts(), d) != null).toList();
        List<String> headers = new ArrayList<>();
        headers.add(partHeader());
        for (EmailIndicator indicator : EmailIndicator.values()) {
            headers.add(text.t("indicator." + indicator.id));
        }
        List<List<String>> rows = new ArrayList<>();
        for (LocalDate part : parts) {
            rows.add(emailRow(text.partName(part, !period.isYear()), ALL, period.parts(), part, period.partKey(part)));
        }
        rows.add(emailRow(text.t("total", text.periodName(period)), ALL, period.whole(), period.start(), period.key()));
        blocks.add(new Table("email-parts", text.t("table.email-parts", partsWord(), text.periodName(period)), headers, rows));
        for (EmailIndicator indicator : List.of(EmailIndicator.RECEIVED_NET, EmailIndicator.ANSWERED_SHARE,
                EmailIndicator.ACKNOWLEDGED_ON_TIME, EmailIndicator.ANSWERED_ON_TIME, EmailIndicator.MUST_ANSWER_VIOLATIONS)) {
            blocks.add(figure("email-" + indicator.id.replace('_', '-'), text.t("channel.email") + ": " + text.t("indicator." + indicator.id),
                    indicator.unit, emailNorm(indicator), parts,
                    d -> value(indicator, email(ALL, period.parts(), d)),
                    d -> {
                        LocalDate earlier = ReportPeriod.yearEarlier(d, !period.isYear());
                        return earlier == null ? null : value(indicator, email(ALL, period.parts(), earlier));
                    },
                    value(indicator, email(ALL, period.whole(), period.start())),
                    hasPreviousEmail() ? value(indicator, email(ALL, period.whole(), period.previous().start())) : null,
                    hasPreviousEmail()));
        }
        List<String> categoryHeaders = new ArrayList<>(headers);
        categoryHeaders.set(0, text.t("category"));
        List<List<String>> categoryRows = new ArrayList<>();
        for (String category : CATEGORIES) {
            if (email(category, period.whole(), period.start()) != null) {
                categoryRows.add(emailRow(text.t("category." + category), category, period.whole(), period.start(), period.key()));
                addPreviousEmailRow(categoryRows, text.t("category." + category), category);
            }
        }
        categoryRows.add(emailRow(text.t("all-categories"), ALL, period.whole(), period.start(), null));
        addPreviousEmailRow(categoryRows, text.t("all-categories"), ALL);
        blocks.add(new Table("email-categories", text.t("table.email-categories", text.periodName(period)), categoryHeaders, categoryRows));
        return blocks;
    }

    private List<String> emailRow(String header, String category, Granularity granularity, LocalDate start, String factPeriod) {
        EmailFigures f = email(category, granularity, start);
        EmailFigures before = null;
        if (hasPreviousEmail()) {
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
                        hasPreviousEmail() ? value(indicator, before) : null));
            }
        }
        return row;
    }

    private void addPreviousEmailRow(List<List<String>> rows, String header, String category) {
        if (!hasPreviousEmail()) {
            return;
        }
        EmailFigures before = email(category, period.whole(), period.previous().start());
        List<String> row = new ArrayList<>();
        row.add(text.t("year-before", header, text.periodName(period.previous())));
        for (EmailIndicator indicator : EmailIndicator.values()) {
            row.add(text.format(indicator.unit, value(indicator, before)));
        }
        rows.add(row);
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

    private boolean hasPreviousEmail() {
        return comparePrevious && email(ALL, period.whole(), period.previous().start()) != null;
    }

    private EmailFigures email(String category, Granularity granularity, LocalDate start) {
        return emails.get(new EmailKey(category, granularity, start));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    // ---- figures ----

    private Figure figure(String id, String caption, Unit unit, Double norm, List<LocalDate> parts, Function<LocalDate, Double> current,
                          Function<LocalDate, Double> previous, Double total, Double previousTotal, boolean withPrevious) {
        String thisPeriod = text.periodName(period);
        String lastPeriod = text.periodName(period.previous());
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of(partHeader(), thisPeriod));
        if (withPrevious) {
            headers.add(lastPeriod);
        }
        if (norm != null) {
            headers.add(text.t("norm"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (LocalDate part : parts) {
            labels.add(text.partLabel(part, !period.isYear()));
            values.add(current.apply(part));
            before.add(withPrevious ? previous.apply(part) : null);
            rows.add(figureRow(text.partName(part, !period.isYear()), unit, current.apply(part), withPrevious, previous.apply(part), norm));
        }
        rows.add(figureRow(text.t("total", thisPeriod), unit, total, withPrevious, previousTotal, norm));
        String description = text.t(withPrevious ? "chart.description.previous" : "chart.description", caption, partsWord(), thisPeriod,
                lastPeriod) + (norm == null ? "" : " " + text.t("chart.description.norm", text.formatNorm(unit, norm)));
        Chart chart = new Chart(caption, description, unit, labels, values, thisPeriod, withPrevious ? before : null,
                withPrevious ? lastPeriod : null, norm, norm == null ? null : text.t("norm") + " " + text.formatNorm(unit, norm));
        return new Figure(id, caption, chart, new Table(id + "-table", caption, headers, rows));
    }

    private List<String> figureRow(String header, Unit unit, Double value, boolean withPrevious, Double previous, Double norm) {
        List<String> row = new ArrayList<>(List.of(header, text.format(unit, value)));
        if (withPrevious) {
            row.add(text.format(unit, previous));
        }
        if (norm != null) {
            row.add(text.formatNorm(unit, norm));
        }
        return row;
    }

    private String partHeader() {
        return text.t(period.isYear() ? "month" : "day");
    }

    private String partsWord() {
        return text.t(period.isYear() ? "per-month" : "per-day");
    }

    // ---- 4. data quality ----

    private List<Block> qualitySection(List<Channel> channels, boolean hasEmail) {
        List<Block> blocks = new ArrayList<>();
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
        blocks.add(new Table("quality-dropped", text.t("table.quality-dropped"), List.of(text.t("quality.what"), text.t("quality.number")), rows));

        List<List<String>> open = new ArrayList<>();
        for (Channel channel : channels) {
            ContactFigures f = contact(channel, ALL, period.whole(), period.start());
            String name = text.t(channel == Channel.CALL ? "channel.call" : "channel.chat");
            open.add(List.of(text.t("quality.open", name), text.count(f.open())));
            open.add(List.of(text.t("quality.lost", name), text.count(f.lost())));
            facts.add(new Fact("data_quality", "open", Unit.COUNT, period.key(), channel.name(), ALL, (double) f.open(), null, null));
            facts.add(new Fact("data_quality", "lost", Unit.COUNT, period.key(), channel.name(), ALL, (double) f.lost(), null, null));
        }
        if (hasEmail) {
            EmailFigures f = email(ALL, period.whole(), period.start());
            open.add(List.of(text.t("quality.email-open"), text.count(f.open())));
            facts.add(new Fact("data_quality", "open", Unit.COUNT, period.key(), "EMAIL", ALL, (double) f.open(), null, null));
        }
        blocks.add(new Table("quality-open", text.t("table.quality-open", text.dateTime(data.clock().atZone(zone))),
                List.of(text.t("quality.what"), text.t("quality.number")), open));
        return blocks;
    }

    private String reasonName(String reason) {
        String key = "reason." + reason;
        try {
            return text.t(key);
        } catch (IllegalStateException unknown) {
            return reason;
        }
    }

    // ---- 5. definitions and settings ----

    private List<Block> definitionsSection(List<Channel> channels) {
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
        definitions.add(text.t("definition.intervals", setting("kic.zone")));
        definitions.add(text.t("definition.working-days") + " " + holidays());
        blocks.add(new Heading("definitions-figures", text.t("definitions.figures")));
        blocks.add(new Notes(definitions, true));

        blocks.add(new Heading("definitions-settings", text.t("definitions.settings")));
        List<List<String>> settings = new ArrayList<>();
        data.settings().forEach((key, value) -> {
            if (!key.startsWith("kic.norm.")) {
                settings.add(List.of(key, value.isEmpty() ? text.t("none") : value));
            }
        });
        blocks.add(new Table("settings", text.t("table.settings"), List.of(text.t("setting"), text.t("value")), settings));
        List<List<String>> normRows = new ArrayList<>();
        normRows.add(List.of(text.t("indicator.reachability"), text.normShare(norms.reachability())));
        normRows.add(List.of(text.t("indicator.asa_seconds"), text.duration(norms.averageWait().toMillis() / 1000.0)));
        normRows.add(List.of(text.t("norm.service-level.call"), text.normShare(norms.callServiceLevel())));
        normRows.add(List.of(text.t("norm.service-level.chat"), text.normShare(norms.chatServiceLevel())));
        normRows.add(List.of(text.t("indicator.acknowledged_on_time_share"), text.normShare(norms.emailAcknowledgedOnTime())));
        normRows.add(List.of(text.t("indicator.answered_on_time_share"), text.normShare(norms.emailAnsweredOnTime())));
        normRows.add(List.of(text.t("indicator.must_answer_violations"), text.count(0)));
        blocks.add(new Table("norms", text.t("table.norms"), List.of(text.t("indicator"), text.t("norm")), normRows));

        blocks.add(new Heading("definitions-source", text.t("definitions.source")));
        List<String> source = new ArrayList<>();
        source.add(text.t("source.clock", text.dateTime(data.clock().atZone(zone)), data.clock().toString()));
        source.add(text.t("source.how", data.source()));
        source.add(text.t("source.version", data.version()));
        blocks.add(new Notes(source, false));
        if (!data.inputs().isEmpty()) {
            List<List<String>> inputs = new ArrayList<>();
            data.inputs().forEach(i -> inputs.add(List.of(i.file(), text.count(i.bytes()), i.sha256())));
            blocks.add(new Table("inputs", text.t("table.inputs"), List.of(text.t("file"), text.t("bytes"), "SHA-256"), inputs));
        }
        return blocks;
    }

    /** The days off in the period by the calendar the figures were made with: "Feestdagen in 2024: …". */
    private String holidays() {
        java.util.Properties settings = new java.util.Properties();
        settings.putAll(data.settings());
        var calendar = KicConfig.fromProperties(settings).calendar();
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
}
