package nl.kic.analytics.app;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.staffing.FitSummary;
import nl.kic.analytics.domain.staffing.FractionalAgents;
import nl.kic.analytics.domain.staffing.PatienceEstimate;
import nl.kic.analytics.domain.staffing.QueueInputs;
import nl.kic.analytics.domain.staffing.Staffing;
import nl.kic.analytics.domain.staffing.StaffingTarget;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;

/**
 * Staffing on the past (docs/staffing.md): per channel (all its queues pooled) and 15-minute
 * interval with calls and agents present, the model's inputs measured from the figures, the
 * reachability Erlang A predicts for the agents present against the one measured, what it predicts
 * with more agents, and the agents the norm would have taken; and per day the same, weighted by the
 * calls offered, with the distribution of the days' errors.
 */
public final class StaffingQuery {

    /**
     * One channel and 15-minute interval.
     *
     * @param arrivalsPerHour   offered × 4
     * @param ahtSeconds        the handle time used: the interval's mean talk time, else the day's
     * @param patience          the day's patience estimate (a quarter hour has too few abandonments)
     * @param agentsPresent     mean agents present in the interval
     * @param agentsForNorm     the smallest staff whose predicted reachability meets kic.norm.reachability; null if none up to 1,000
     * @param predictedReachability          Erlang A for the agents present; null without handle time or patience
     * @param predictedReachabilityWithExtra Erlang A for the agents present plus the extra agents asked for
     * @param measuredReachability           the interval's measured reachability (metrics.md)
     */
    public record IntervalStaffing(String channel, OffsetDateTime intervalStart, long offered, double arrivalsPerHour, Double ahtSeconds,
                                   PatienceEstimate patience, double agentsPresent, Integer agentsForNorm, Double predictedReachability,
                                   Double predictedReachabilityWithExtra, Double measuredReachability) {
    }

    /**
     * One channel and day: the predicted reachabilities of its intervals weighted by their calls
     * offered, against the day's measured reachability.
     */
    public record DayStaffing(String channel, OffsetDateTime dayStart, long offered, Double predictedReachability,
                              Double predictedReachabilityWithExtra, Double measuredReachability) {
    }

    /** The intervals, the days and the distribution of the days' errors (predicted − measured). */
    public record Answer(double normReachability, int extraAgents, List<IntervalStaffing> intervals, List<DayStaffing> days, FitSummary dailyFit) {
    }

    private final Queries queries;
    private final KicConfig config;

    public StaffingQuery(Queries queries, KicConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** Intervals with a start in [from, to) (null bounds open), one channel or both (null). */
    public Answer between(Instant from, Instant to, Channel channel, int extraAgents) {
        List<ContactMetricsRow> days = queries.contactMetrics().rows(Granularity.DAY, dayStart(from), to, channel, ContactMetricsRow.ALL_QUEUES);
        List<ContactMetricsRow> quarterHours = queries.contactMetrics().rows(Granularity.FIFTEEN_MINUTES, from, to, channel,
                ContactMetricsRow.ALL_QUEUES);
        return of(quarterHours, days, queries.agentPresence(Granularity.FIFTEEN_MINUTES, from, to), config, extraAgents);
    }

    /**
     * The same from rows at hand (a replay's CSV, for the report): the channels' 15-minute and day
     * rows of all queues, and the agents present per 15 minutes.
     */
    public static Answer of(List<ContactMetricsRow> quarterHours, List<ContactMetricsRow> dayRows, List<AgentPresenceQuery.Row> presence,
                            KicConfig config, int extraAgents) {
        double norm = config.norms().reachability();
        Map<String, ContactFigures> days = new HashMap<>();
        for (ContactMetricsRow day : dayRows) {
            days.put(day.channel().name() + "|" + day.intervalStart().toInstant(), day.figures());
        }
        Map<String, Double> present = new HashMap<>();
        for (AgentPresenceQuery.Row row : presence) {
            if (row.granularity() == Granularity.FIFTEEN_MINUTES) {
                present.put(row.channel() + "|" + row.intervalStart().toInstant(), row.agentsPresent());
            }
        }
        List<IntervalStaffing> intervals = new ArrayList<>();
        for (ContactMetricsRow row : quarterHours) {
            Double agents = present.get(row.channel().name() + "|" + row.intervalStart().toInstant());
            ContactFigures figures = row.figures();
            if (agents == null || figures.offered() == 0) {
                continue; // no agents present, or no calls: nothing to compare
            }
            Instant dayStart = Granularity.DAY.intervalStart(row.intervalStart().toInstant(), config.zone()).toInstant();
            ContactFigures day = days.get(row.channel().name() + "|" + dayStart);
            intervals.add(interval(row, agents, day, norm, extraAgents, config));
        }
        List<DayStaffing> dayStaffing = days(intervals, days, config);
        List<Double> errors = new ArrayList<>();
        for (DayStaffing d : dayStaffing) {
            if (d.predictedReachability() != null && d.measuredReachability() != null) {
                errors.add(d.predictedReachability() - d.measuredReachability());
            }
        }
        return new Answer(norm, extraAgents, intervals, dayStaffing, FitSummary.of(errors));
    }

    private Instant dayStart(Instant from) {
        return from == null ? null : Granularity.DAY.intervalStart(from, config.zone()).toInstant();
    }

    private static IntervalStaffing interval(ContactMetricsRow row, double agents, ContactFigures day, double norm, int extraAgents,
                                             KicConfig config) {
        ContactFigures figures = row.figures();
        double arrivalsPerHour = figures.offered() * 4.0;
        Double aht = figures.ahtSeconds() != null ? figures.ahtSeconds() : day == null ? null : day.ahtSeconds();
        PatienceEstimate patience = day == null ? PatienceEstimate.NONE : StaffingInputs.patience(day);
        Integer forNorm = null;
        Double predicted = null;
        Double predictedWithExtra = null;
        if (aht != null && aht > 0 && patience.meanPatienceSeconds() != null) {
            double targetSeconds = (row.channel() == Channel.CHAT ? config.chatServiceLevelTarget() : config.callServiceLevelTarget()).toSeconds();
            QueueInputs inputs = new QueueInputs(arrivalsPerHour, aht, patience.meanPatienceSeconds(), 1, targetSeconds,
                    config.shortAbandonThreshold().toMillis() / 1000.0);
            predicted = FractionalAgents.reachability(inputs, agents);
            predictedWithExtra = FractionalAgents.reachability(inputs, agents + extraAgents);
            OptionalInt needed = Staffing.smallestAgents(inputs, new StaffingTarget.ReachabilityAtLeast(norm), 1, QueueInputs.MAX_AGENTS);
            forNorm = needed.isPresent() ? needed.getAsInt() : null;
        }
        return new IntervalStaffing(row.channel().name(), row.intervalStart(), figures.offered(), arrivalsPerHour, aht, patience, agents,
                forNorm, predicted, predictedWithExtra, figures.reachability());
    }

    private static List<DayStaffing> days(List<IntervalStaffing> intervals, Map<String, ContactFigures> dayFigures, KicConfig config) {
        Map<String, List<IntervalStaffing>> byDay = new TreeMap<>();
        Map<String, OffsetDateTime> starts = new HashMap<>();
        for (IntervalStaffing interval : intervals) {
            OffsetDateTime start = Granularity.DAY.intervalStart(interval.intervalStart().toInstant(), config.zone()).toOffsetDateTime();
            String key = start.toInstant() + "|" + interval.channel();
            byDay.computeIfAbsent(key, k -> new ArrayList<>()).add(interval);
            starts.put(key, start);
        }
        List<DayStaffing> result = new ArrayList<>();
        byDay.forEach((key, list) -> {
            String channel = list.get(0).channel();
            OffsetDateTime start = starts.get(key);
            ContactFigures day = dayFigures.get(channel + "|" + start.toInstant());
            result.add(new DayStaffing(channel, start, day == null ? 0 : day.offered(),
                    weighted(list, IntervalStaffing::predictedReachability), weighted(list, IntervalStaffing::predictedReachabilityWithExtra),
                    day == null ? null : day.reachability()));
        });
        return result;
    }

    /** The mean of the intervals' figures weighted by their calls offered; null when an interval with calls has none. */
    private static Double weighted(List<IntervalStaffing> intervals, Function<IntervalStaffing, Double> figure) {
        double sum = 0;
        long weight = 0;
        for (IntervalStaffing interval : intervals) {
            Double value = figure.apply(interval);
            if (value == null) {
                return null;
            }
            sum += value * interval.offered();
            weight += interval.offered();
        }
        return weight == 0 ? null : sum / weight;
    }
}
