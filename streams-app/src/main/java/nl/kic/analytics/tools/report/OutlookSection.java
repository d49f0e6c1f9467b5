package nl.kic.analytics.tools.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import nl.kic.analytics.app.ForecastQuery;
import nl.kic.analytics.app.StaffingQuery;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.forecast.Backtest;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.tools.report.ReportDocument.Block;
import nl.kic.analytics.tools.report.ReportDocument.Paragraph;
import nl.kic.analytics.tools.report.ReportDocument.Table;
import nl.kic.analytics.tools.report.ReportDocument.TableStyle;

/**
 * The report's "Vooruitblik" (docs/forecast.md): the month after the period, forecast from the
 * 15-minute figures before it only, per week and per weekday and hour, the agents the norm takes
 * against those planned (the agents present of the last four weeks), the shortfall as the hours and
 * sizes an external pool must cover, and the backtest's error in one sentence.
 */
final class OutlookSection {
    private static final String DASH = "—";

    private final ReportData data;
    private final ReportPeriod period;
    private final KicConfig config;
    private final ReportText text;
    private final UnaryOperator<String> tableCaption;
    private final ZoneId zone;

    OutlookSection(ReportData data, ReportPeriod period, KicConfig config, ReportText text, UnaryOperator<String> tableCaption) {
        this.data = data;
        this.period = period;
        this.config = config;
        this.text = text;
        this.tableCaption = tableCaption;
        this.zone = config.zone();
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        LocalDate from = period.end();
        LocalDate until = from.plusMonths(1);
        String month = text.monthName(from) + " " + from.getYear();
        List<ContactMetricsRow> quarterHours = data.contacts().stream().filter(r -> r.granularity() == Granularity.FIFTEEN_MINUTES).toList();
        if (quarterHours.isEmpty()) {
            blocks.add(new Paragraph(text.t("outlook.none", month)));
            return blocks;
        }
        ForecastQuery.Answer answer = ForecastQuery.of(quarterHours, data.presence() != null ? data.presence() : presence(data.staffing()), null, from,
                (int) Math.ceil(ChronoUnit.DAYS.between(from, until) / 7.0), config);
        List<ForecastQuery.Row> rows = answer.rows().stream()
                .filter(r -> r.queue().equals(ContactMetricsRow.ALL_QUEUES) && r.intervalStart().atZoneSameInstant(zone).toLocalDate().isBefore(until))
                .toList();
        if (rows.isEmpty()) {
            blocks.add(new Paragraph(text.t("outlook.none", month)));
            return blocks;
        }
        blocks.add(new Paragraph(text.t("outlook.intro", month, text.dayName(from), text.normShare(config.norms().reachability()))));
        blocks.add(new Paragraph(backtestSentence(answer.backtest())));
        boolean planned = rows.stream().anyMatch(r -> r.agentsPlanned() != null);
        blocks.add(weekTable(rows, from, until, month, planned));
        for (ReportChannel channel : List.of(ReportChannel.CALL, ReportChannel.CHAT)) {
            List<ForecastQuery.Row> channelRows = rows.stream().filter(r -> r.channel().equals(channel.key())).toList();
            if (!channelRows.isEmpty()) {
                blocks.addAll(hourTables(channel, channelRows, month));
            }
        }
        if (planned) {
            blocks.add(shortfallTable(rows, month));
        } else {
            blocks.add(new Paragraph(text.t("outlook.no-plan")));
        }
        return blocks;
    }

    /** Without agents present of its own (an instance's API), those of the quarter hours with calls, from the staffing on the past. */
    private static List<AgentPresenceQuery.Row> presence(StaffingQuery.Answer staffing) {
        if (staffing == null) {
            return List.of();
        }
        return staffing.intervals().stream()
                .map(i -> new AgentPresenceQuery.Row(i.channel(), Granularity.FIFTEEN_MINUTES, i.intervalStart(), i.agentsPresent())).toList();
    }

    private String backtestSentence(Backtest.Result backtest) {
        if (backtest.origins().isEmpty()) {
            return text.t("outlook.backtest.none");
        }
        Map<Backtest.Horizon, Backtest.Scores> chosen = backtest.methods().get(Backtest.Method.CHOSEN);
        Map<Backtest.Horizon, Backtest.Scores> naive = backtest.methods().get(Backtest.Method.SEASONAL_NAIVE);
        Backtest.Scores week1 = chosen.get(Backtest.Horizon.WEEK1);
        Backtest.Scores later = chosen.get(Backtest.Horizon.WEEKS2_6);
        Backtest.Scores coverage = later.coverage80() != null ? later : week1;
        return text.t("outlook.backtest", text.count(backtest.origins().size()), text.dayName(backtest.origins().get(0)),
                text.dayName(backtest.origins().get(backtest.origins().size() - 1)), text.share(week1.wapeDay()),
                later.wapeDay() == null ? text.notApplicable() : text.share(later.wapeDay()),
                text.share(naive.get(later.wapeDay() == null ? Backtest.Horizon.WEEK1 : Backtest.Horizon.WEEKS2_6).wapeDay()),
                text.share(week1.poissonFloorDay()), text.share(coverage.coverage80()));
    }

    /** Per week (from its Monday, or the month's first day): calls and chats expected, and the shortfall in agent hours. */
    private Table weekTable(List<ForecastQuery.Row> rows, LocalDate from, LocalDate until, String month, boolean planned) {
        TreeMap<LocalDate, double[]> weeks = new TreeMap<>();
        for (ForecastQuery.Row row : rows) {
            LocalDate day = row.intervalStart().atZoneSameInstant(zone).toLocalDate();
            LocalDate week = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            double[] sums = weeks.computeIfAbsent(week.isBefore(from) ? from : week, k -> new double[4]);
            int channel = row.channel().equals(ReportChannel.CALL.key()) ? 0 : 1;
            sums[channel] += row.offeredForecast();
            if (row.shortfall() != null) {
                sums[2 + channel] += row.shortfall() / 4; // a quarter hour's agents for a quarter of an hour
            }
        }
        // The columns of the channels forecast: expected, then (with a plan) the shortfall.
        List<Integer> columns = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of(text.t("outlook.week")));
        for (int pass = 0; pass < (planned ? 2 : 1); pass++) {
            for (ReportChannel channel : List.of(ReportChannel.CALL, ReportChannel.CHAT)) {
                if (rows.stream().anyMatch(r -> r.channel().equals(channel.key()))) {
                    columns.add(2 * pass + (channel == ReportChannel.CALL ? 0 : 1));
                    headers.add(pass == 0 ? text.t(channel.textKey()) : text.t("outlook.shortfall.hours", text.t(channel.textKey())));
                }
            }
        }
        List<List<String>> table = new ArrayList<>();
        double[] total = new double[4];
        weeks.forEach((week, sums) -> {
            LocalDate last = week.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            if (!last.isBefore(until)) {
                last = until.minusDays(1);
            }
            List<String> line = new ArrayList<>(List.of(text.t("outlook.week.range", text.partName(week, true), text.partName(last, true))));
            columns.forEach(c -> line.add(text.count(Math.round(sums[c]))));
            table.add(line);
            for (int i = 0; i < 4; i++) {
                total[i] += sums[i];
            }
        });
        List<String> totalLine = new ArrayList<>(List.of(ReportText.capitalised(text.t("outlook.total", month))));
        columns.forEach(c -> totalLine.add(text.count(Math.round(total[c]))));
        table.add(totalLine);
        return new Table("outlook-weeks", tableCaption.apply(text.t(planned ? "table.outlook.weeks" : "table.outlook.weeks.expected", month)), headers, table, TableStyle.FIGURES, true);
    }

    /** Hour columns a table holds at most, so that it keeps within the page (the KiC's 9–17 is one table). */
    private static final int HOURS_PER_TABLE = 8;

    /** Per weekday and hour: contacts expected in the hour, agents needed for the norm / planned; longer days over several tables. */
    private List<Table> hourTables(ReportChannel channel, List<ForecastQuery.Row> rows, String month) {
        // weekday·100 + hour → {forecast, days seen…}; the days are counted per weekday below
        TreeMap<Integer, double[]> cells = new TreeMap<>();
        Map<Integer, Set<LocalDate>> daysByWeekday = new TreeMap<>();
        for (ForecastQuery.Row row : rows) {
            ZonedDateTime local = row.intervalStart().atZoneSameInstant(zone);
            int weekday = local.getDayOfWeek().getValue();
            daysByWeekday.computeIfAbsent(weekday, k -> new TreeSet<>()).add(local.toLocalDate());
            double[] sums = cells.computeIfAbsent(weekday * 100 + local.getHour(), k -> new double[5]);
            sums[0] += row.offeredForecast();
            if (row.agentsNeeded() != null) {
                sums[1] += row.agentsNeeded();
                sums[2]++;
            }
            if (row.agentsPlanned() != null) {
                sums[3] += row.agentsPlanned();
                sums[4]++;
            }
        }
        List<Integer> allHours = cells.keySet().stream().map(k -> k % 100).distinct().sorted().toList();
        List<Table> tables = new ArrayList<>();
        for (int from = 0; from < allHours.size(); from += HOURS_PER_TABLE) {
            List<Integer> hours = allHours.subList(from, Math.min(allHours.size(), from + HOURS_PER_TABLE));
            String name = text.t(channel.textKey());
            String caption = text.t("table.outlook.hours", name, month) + (from == 0 ? "" : " " + text.t("outlook.continued"));
            tables.add(hourTable(channel.name().toLowerCase() + "-outlook" + (from == 0 ? "" : "-" + (from / HOURS_PER_TABLE + 1)),
                    tableCaption.apply(caption), hours, cells, daysByWeekday));
        }
        return tables;
    }

    private Table hourTable(String id, String caption, List<Integer> hours, TreeMap<Integer, double[]> cells,
                            Map<Integer, Set<LocalDate>> daysByWeekday) {
        List<String> headers = new ArrayList<>(List.of(text.t("weekday")));
        hours.forEach(h -> headers.add(text.t("hour.range", Integer.toString(h), Integer.toString(h + 1))));
        List<List<String>> table = new ArrayList<>();
        daysByWeekday.forEach((weekday, days) -> {
            List<String> line = new ArrayList<>(List.of(ReportText.capitalised(DayOfWeek.of(weekday).getDisplayName(TextStyle.FULL, text.locale()))));
            for (int hour : hours) {
                double[] sums = cells.get(weekday * 100 + hour);
                if (sums == null) {
                    line.add(DASH);
                    continue;
                }
                String expected = text.count(Math.round(sums[0] / days.size()));
                String needed = sums[2] == 0 ? text.notApplicable() : Long.toString(Math.round(sums[1] / sums[2]));
                String planned = sums[4] == 0 ? DASH : text.decimal(sums[3] / sums[4]);
                line.add(expected + ": " + needed + " / " + planned);
            }
            table.add(line);
        });
        return new Table(id, caption, headers, table, TableStyle.FIGURES, false);
    }

    /**
     * What the external pool must cover: per channel and weekday the hours with a shortfall (its mean
     * over the month's quarter hours of that weekday and hour, rounded up to whole agents), the sizes,
     * and the agent hours a day.
     */
    private Table shortfallTable(List<ForecastQuery.Row> rows, String month) {
        // channel, weekday·100 + hour → {shortfall sum, quarter hours}
        Map<String, TreeMap<Integer, double[]>> byChannel = new TreeMap<>();
        for (ForecastQuery.Row row : rows) {
            if (row.shortfall() == null) {
                continue;
            }
            ZonedDateTime local = row.intervalStart().atZoneSameInstant(zone);
            double[] sums = byChannel.computeIfAbsent(row.channel(), k -> new TreeMap<>())
                    .computeIfAbsent(local.getDayOfWeek().getValue() * 100 + local.getHour(), k -> new double[2]);
            sums[0] += row.shortfall();
            sums[1]++;
        }
        List<List<String>> table = new ArrayList<>();
        for (ReportChannel channel : List.of(ReportChannel.CALL, ReportChannel.CHAT)) {
            TreeMap<Integer, double[]> cells = byChannel.getOrDefault(channel.key(), new TreeMap<>());
            for (int weekday = 1; weekday <= 7; weekday++) {
                List<String> ranges = new ArrayList<>();
                int smallest = Integer.MAX_VALUE;
                int largest = 0;
                double agentHours = 0;
                int rangeStart = -1;
                int previous = -2;
                for (int hour = 0; hour < 24; hour++) {
                    double[] sums = cells.get(weekday * 100 + hour);
                    double mean = sums == null ? 0 : sums[0] / sums[1];
                    int size = (int) Math.ceil(mean - 1e-9);
                    if (size > 0) {
                        smallest = Math.min(smallest, size);
                        largest = Math.max(largest, size);
                        agentHours += mean;
                        if (previous != hour - 1) {
                            rangeStart = hour;
                        }
                        previous = hour;
                    } else if (previous == hour - 1 && rangeStart >= 0) {
                        ranges.add(text.t("hour.range", Integer.toString(rangeStart), Integer.toString(hour)));
                        rangeStart = -1;
                    }
                }
                if (rangeStart >= 0 && previous == 23) {
                    ranges.add(text.t("hour.range", Integer.toString(rangeStart), "24"));
                }
                if (largest == 0) {
                    continue;
                }
                table.add(List.of(text.t(channel.textKey()), ReportText.capitalised(DayOfWeek.of(weekday).getDisplayName(TextStyle.FULL, text.locale())),
                        String.join(", ", ranges), smallest == largest ? Integer.toString(largest) : smallest + "–" + largest,
                        text.decimal(agentHours)));
            }
        }
        if (table.isEmpty()) {
            table.add(List.of(DASH, DASH, text.t("outlook.shortfall.none"), "0", text.decimal(0)));
        }
        return new Table("outlook-shortfall", tableCaption.apply(text.t("table.outlook.shortfall", month)),
                List.of(text.t("outlook.channel"), text.t("weekday"), text.t("outlook.shortfall.when"), text.t("outlook.shortfall.size"),
                        text.t("outlook.shortfall.agent-hours")), table, TableStyle.WORDS, false);
    }
}
