package nl.kic.analytics.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Predicate;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.forecast.Backtest;
import nl.kic.analytics.domain.forecast.CountSeries;
import nl.kic.analytics.domain.forecast.IntervalRule;
import nl.kic.analytics.domain.forecast.OpenSlots;
import nl.kic.analytics.domain.forecast.WeeklyProfileForecast;
import nl.kic.analytics.domain.staffing.PatienceEstimate;
import nl.kic.analytics.domain.staffing.QueueInputs;
import nl.kic.analytics.domain.staffing.Staffing;
import nl.kic.analytics.domain.staffing.StaffingTarget;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.platform.time.WorkingDayCalendar;

/**
 * The forecast of offered calls and chats (docs/forecast.md): per channel and queue and open 15-minute
 * interval of [from, from + weeks), from the 15-minute rows before {@code from} only, with its 80%
 * interval, the backtest behind it, and for each channel as a whole the agents the norm takes, the
 * agents planned and the shortfall.
 */
public final class ForecastQuery {
    public static final int MAX_WEEKS = 6;
    /** History used: at most two years before the forecast's first day. */
    public static final int HISTORY_WEEKS = 104;
    /** The weeks whose handle time and patience size the staff. */
    public static final int STAFFING_WEEKS = 8;
    /** The weeks whose agents present are the default plan. */
    public static final int PLAN_WEEKS = 4;

    /**
     * One row of forecast.csv.
     *
     * @param lower80       the floor of the interval's lower bound; null when the backtest had too few residuals
     * @param agentsNeeded  ALL rows only: the fewest agents for kic.norm.reachability; null in queue rows or without handle time or patience
     * @param agentsPlanned ALL rows only: from the plan, or the mean agents present in the same weekday and interval of the last 4 weeks
     * @param shortfall     max(0, needed − planned) when both are there
     */
    public record Row(String channel, String queue, OffsetDateTime intervalStart, double offeredForecast, Long lower80, Long upper80,
                      Integer agentsNeeded, Double agentsPlanned, Double shortfall) {
    }

    /** The forecast's rows and the backtest rerun for it, with the staffing inputs measured per channel. */
    public record Answer(LocalDate from, int weeks, List<Row> rows, Backtest.Result backtest, Map<String, Double> ahtSecondsByChannel,
                         Map<String, PatienceEstimate> patienceByChannel) {
    }

    /** A plan: agents per channel and interval start (its instant). */
    public record Plan(Map<String, Double> agentsByChannelAndInstant) {
        public static String key(String channel, Instant intervalStart) {
            return channel + "|" + intervalStart;
        }

        public Double agents(String channel, OffsetDateTime intervalStart) {
            return agentsByChannelAndInstant.get(key(channel, intervalStart.toInstant()));
        }
    }

    private ForecastQuery() {
    }

    /** Whether a day is a public holiday or closure day of the calendar: closed, no forecast, not learned from. */
    public static Predicate<LocalDate> closedDays(WorkingDayCalendar calendar) {
        return day -> calendar.holidays(day.getYear()).containsKey(day) || calendar.isClosureDay(day);
    }

    /** The first day of the history a forecast from {@code from} reads. */
    public static LocalDate historyFrom(LocalDate from) {
        return from.minusWeeks(HISTORY_WEEKS);
    }

    /**
     * The forecast from rows at hand.
     *
     * @param quarterHours contact rows of any granularity (only 15-minute rows before {@code from} are used)
     * @param presence     agents present per channel (only 15-minute rows are used)
     * @param plan         the plan, or null for the agents present of the last 4 weeks
     */
    public static Answer of(List<ContactMetricsRow> quarterHours, List<AgentPresenceQuery.Row> presence, Plan plan, LocalDate from, int weeks,
                            KicConfig config) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("weeks must lie in [1, " + MAX_WEEKS + "]");
        }
        ZoneId zone = config.zone();
        Predicate<LocalDate> closed = closedDays(config.calendar());
        LocalDate historyFrom = historyFrom(from);
        Map<String, CountSeries> series = new TreeMap<>();
        Map<String, List<ContactFigures>> staffingRows = new TreeMap<>();
        for (ContactMetricsRow row : quarterHours) {
            if (row.granularity() != Granularity.FIFTEEN_MINUTES) {
                continue;
            }
            LocalDateTime local = row.intervalStart().atZoneSameInstant(zone).toLocalDateTime();
            LocalDate day = local.toLocalDate();
            if (!day.isBefore(from) || day.isBefore(historyFrom)) {
                continue;
            }
            if (row.figures().offered() > 0) {
                series.computeIfAbsent(row.channel().name() + "|" + row.queue(), k -> new CountSeries())
                        .add(day, slot(local.toLocalTime()), row.figures().offered());
            }
            if (row.queue().equals(ContactMetricsRow.ALL_QUEUES) && !day.isBefore(from.minusWeeks(STAFFING_WEEKS))) {
                staffingRows.computeIfAbsent(row.channel().name(), k -> new ArrayList<>()).add(row.figures());
            }
        }
        Map<String, CountSeries> channels = new TreeMap<>();
        series.forEach((key, s) -> {
            if (key.endsWith("|" + ContactMetricsRow.ALL_QUEUES)) {
                channels.put(key.substring(0, key.indexOf('|')), s);
            }
        });
        Backtest.Result backtest = Backtest.run(channels, from, closed);

        Map<String, Double> aht = new TreeMap<>();
        Map<String, PatienceEstimate> patience = new TreeMap<>();
        staffingRows.forEach((channel, figures) -> {
            double talk = 0;
            long answered = 0;
            for (ContactFigures f : figures) {
                if (f.ahtSeconds() != null) {
                    talk += f.ahtSeconds() * f.answered();
                    answered += f.answered();
                }
            }
            if (answered > 0) {
                aht.put(channel, talk / answered);
            }
            patience.put(channel, StaffingInputs.patience(figures));
        });
        Map<String, Map<String, Double>> present = presenceByDaySlot(presence, zone);

        List<Row> rows = new ArrayList<>();
        Map<String, Integer> neededCache = new HashMap<>();
        series.forEach((key, s) -> {
            String channel = key.substring(0, key.indexOf('|'));
            String queue = key.substring(key.indexOf('|') + 1);
            boolean all = queue.equals(ContactMetricsRow.ALL_QUEUES);
            CountSeries channelSeries = channels.get(channel);
            if (channelSeries == null) {
                return;
            }
            OpenSlots open = OpenSlots.before(channelSeries, from, closed);
            WeeklyProfileForecast model = WeeklyProfileForecast.fit(s, backtest.historyStart(), from, open, closed);
            for (int k = 1; k <= weeks * 7; k++) {
                LocalDate day = from.plusDays(k - 1);
                IntervalRule rule = backtest.rule(channel, k);
                for (int slot = 0; slot < CountSeries.SLOTS; slot++) {
                    Double forecast = model.forecast(day, slot);
                    if (forecast == null) {
                        continue;
                    }
                    LocalDateTime local = day.atTime(LocalTime.of(slot / 4, slot % 4 * 15));
                    ZonedDateTime start = local.atZone(zone);
                    if (!start.toLocalDateTime().equals(local)) {
                        continue; // a local time the clock skips (summer time): no such interval
                    }
                    Integer needed = null;
                    Double planned = null;
                    Double shortfall = null;
                    if (all) {
                        needed = agentsNeeded(channel, forecast, aht.get(channel), patience.get(channel), config, neededCache);
                        planned = plan != null ? plan.agents(channel, start.toOffsetDateTime())
                                : plannedFromPresence(present.get(channel), from, day, slot, closed);
                        shortfall = needed == null || planned == null ? null : Math.max(0, needed - planned);
                    }
                    rows.add(new Row(channel, queue, start.toOffsetDateTime(), forecast, rule == null ? null : rule.lower(forecast),
                            rule == null ? null : rule.upper(forecast), needed, planned, shortfall));
                }
            }
        });
        rows.sort(Comparator.comparing(Row::channel)
                .thenComparing(r -> r.queue().equals(ContactMetricsRow.ALL_QUEUES) ? "" : r.queue())
                .thenComparing(r -> r.intervalStart().toInstant()));
        return new Answer(from, weeks, rows, backtest, aht, patience);
    }

    static int slot(LocalTime time) {
        return (time.getHour() * 60 + time.getMinute()) / 15;
    }

    /** The fewest agents whose Erlang-A reachability meets the norm for the forecast arrivals; 0 for none; null without handle time or patience. */
    private static Integer agentsNeeded(String channel, double forecast, Double ahtSeconds, PatienceEstimate patience, KicConfig config,
                                        Map<String, Integer> cache) {
        if (forecast <= 0) {
            return 0;
        }
        if (ahtSeconds == null || ahtSeconds <= 0 || patience == null || patience.meanPatienceSeconds() == null) {
            return null;
        }
        return cache.computeIfAbsent(channel + "|" + forecast, k -> {
            double targetSeconds = (channel.equals(Channel.CHAT.name()) ? config.chatServiceLevelTarget() : config.callServiceLevelTarget()).toSeconds();
            QueueInputs inputs = new QueueInputs(forecast * 4, ahtSeconds, patience.meanPatienceSeconds(), 1, targetSeconds,
                    config.shortAbandonThreshold().toMillis() / 1000.0);
            OptionalInt needed = Staffing.smallestAgents(inputs, new StaffingTarget.ReachabilityAtLeast(config.norms().reachability()), 1,
                    QueueInputs.MAX_AGENTS);
            return needed.isPresent() ? needed.getAsInt() : null;
        });
    }

    private static Map<String, Map<String, Double>> presenceByDaySlot(List<AgentPresenceQuery.Row> presence, ZoneId zone) {
        Map<String, Map<String, Double>> byChannel = new HashMap<>();
        for (AgentPresenceQuery.Row row : presence) {
            if (row.granularity() == Granularity.FIFTEEN_MINUTES) {
                LocalDateTime local = row.intervalStart().atZoneSameInstant(zone).toLocalDateTime();
                byChannel.computeIfAbsent(row.channel(), k -> new HashMap<>())
                        .merge(local.toLocalDate() + "|" + slot(local.toLocalTime()), row.agentsPresent(), Double::sum);
            }
        }
        return byChannel;
    }

    /** The mean agents present in this weekday's slot over the last 4 weeks before the forecast (closed days left out); null without agent data. */
    private static Double plannedFromPresence(Map<String, Double> present, LocalDate forecastFrom, LocalDate day, int slot,
                                              Predicate<LocalDate> closed) {
        if (present == null || present.isEmpty()) {
            return null;
        }
        double sum = 0;
        int days = 0;
        // the same weekday in the last week before the forecast, and the three before it
        LocalDate last = day.minusWeeks((day.toEpochDay() - forecastFrom.toEpochDay()) / 7 + 1);
        for (int week = 0; week < PLAN_WEEKS; week++) {
            LocalDate earlier = last.minusWeeks(week);
            if (closed.test(earlier)) {
                continue;
            }
            sum += present.getOrDefault(earlier + "|" + slot, 0.0);
            days++;
        }
        return days == 0 ? null : sum / days;
    }
}
