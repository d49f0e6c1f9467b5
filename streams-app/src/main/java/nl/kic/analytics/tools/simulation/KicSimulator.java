package nl.kic.analytics.tools.simulation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.apache.avro.specific.SpecificRecord;

/**
 * The simulated KiC: calls and chats arrive by a time-varying Poisson process during opening hours
 * on working days (busier Monday mornings, quieter Fridays, closed on holidays) and are served by a
 * roster of agents with breaks ({@link ContactCentreModel}); e-mail arrives around the clock and is
 * handled by the KiC's rules ({@link EmailPolicy}). Days are scheduled as the simulation reaches
 * them, so it runs a year into a file as well as live on an accelerated clock. Deterministic for a seed.
 */
public final class KicSimulator {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final String GENERAL_QUEUE = "algemeen";

    private final SimulationConfig config;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final Random random;
    private final ContactCentreModel model;
    private final EmailPolicy emailPolicy;
    private final CallerPolicy callerPolicy;
    private final List<ContactCentreModel.Agent> agents = new ArrayList<>();
    private final LocalDate contactsFrom;
    private LocalDate lastScheduledDay;

    public KicSimulator(SimulationConfig config, WorkingDayCalendar calendar, ZoneId zone, LocalDate firstDay,
                        Consumer<SpecificRecord> sink) {
        this(config, calendar, zone, firstDay, firstDay, sink);
    }

    /** A simulation from {@code firstDay} whose days before {@code contactsFrom} have e-mail only (no calls, chats or agents). */
    public KicSimulator(SimulationConfig config, WorkingDayCalendar calendar, ZoneId zone, LocalDate firstDay,
                        LocalDate contactsFrom, Consumer<SpecificRecord> sink) {
        this.config = config;
        this.contactsFrom = contactsFrom;
        this.calendar = calendar;
        this.zone = zone;
        this.random = new Random(config.seed());
        this.model = new ContactCentreModel(new Random(config.seed() + 1), config.idPrefix(), sink);
        this.emailPolicy = new EmailPolicy(calendar, new Random(config.seed() + 2), config.idPrefix());
        // The callers draw from a source of their own: with redials off, the calls stay those of the model alone.
        this.callerPolicy = new CallerPolicy(config.callers(), calendar, zone, calendar.opening(), config.hourlyProfile().length,
                new Random(config.seed() + 3), "s" + config.seed() + "-" + config.idPrefix());
        model.setCallers(callerPolicy);
        this.lastScheduledDay = firstDay.minusDays(1);
        int agentNumber = 0;
        for (SimulationConfig.QueueSpec queue : config.callQueues()) {
            model.addQueue(new ContactCentreModel.Queue(Channel.CALL, queue.name(), config.callHandleSeconds(),
                    config.callPatienceSeconds(), config.queueCapacity()));
        }
        model.addQueue(new ContactCentreModel.Queue(Channel.CHAT, SimulationConfig.CHAT_QUEUE, config.chatHandleSeconds(),
                config.chatPatienceSeconds(), config.queueCapacity()));
        boolean hasGeneralQueue = config.callQueues().stream().anyMatch(q -> q.name().equals(GENERAL_QUEUE));
        for (SimulationConfig.QueueSpec queue : config.callQueues()) {
            for (int i = 0; i < queue.agents(); i++) {
                agentNumber++;
                // Every fourth agent also takes the general queue, where there is one.
                List<String> queues = hasGeneralQueue && agentNumber % 4 == 0 && !queue.name().equals(GENERAL_QUEUE)
                        ? List.of(queue.name(), GENERAL_QUEUE) : List.of(queue.name());
                agents.add(new ContactCentreModel.Agent(agentId(config, agentNumber), "team-" + (1 + agentNumber % 4), queues));
            }
        }
        for (int i = 0; i < config.chatAgents(); i++) {
            agentNumber++;
            agents.add(new ContactCentreModel.Agent(agentId(config, agentNumber), "team-chat", List.of(SimulationConfig.CHAT_QUEUE)));
        }
        agents.forEach(model::addAgent);
    }

    private static String agentId(SimulationConfig config, int agentNumber) {
        return config.idPrefix() + String.format("agent-%03d", agentNumber);
    }

    /** Runs the simulated centre up to and including {@code timeMillis}. */
    public void runUntil(long timeMillis) {
        LocalDate day = Instant.ofEpochMilli(timeMillis).atZone(zone).toLocalDate();
        while (lastScheduledDay.isBefore(day)) {
            lastScheduledDay = lastScheduledDay.plusDays(1);
            scheduleDay(lastScheduledDay);
        }
        model.runUntil(timeMillis);
    }

    /** Runs every day from the first day up to (not including) {@code end}, and the rest of what those days started. */
    public void runDaysUntil(LocalDate end) {
        long endMillis = end.atStartOfDay(zone).toInstant().toEpochMilli();
        // Nobody calls again after the period: its last day has no agents to answer them.
        callerPolicy.noRedialsFrom(endMillis);
        runUntil(endMillis - 1);
        // E-mail answered after the period, and calls still in service at midnight, are emitted too.
        model.runUntil(Long.MAX_VALUE);
    }

    private void scheduleDay(LocalDate day) {
        if (calendar.isWorkingDay(day) && !day.isBefore(contactsFrom)) {
            double dayFactor = dayFactor(day.getDayOfWeek());
            // With redials, callers who call again make part of the calls: new callers make the rest.
            SimulationConfig.Redials redials = config.callers().redials();
            double newCallers = redials.enabled() ? redials.newCallerShare() : 1;
            for (SimulationConfig.QueueSpec queue : config.callQueues()) {
                scheduleArrivals(day, queue.name(), config.callsPerWorkingDay() * newCallers * dayFactor * queue.share(), config.hourlyProfile());
            }
            scheduleArrivals(day, SimulationConfig.CHAT_QUEUE, config.chatsPerWorkingDay() * dayFactor, new double[] {1, 1, 1, 1, 1, 1, 1, 1});
            scheduleRoster(day);
        }
        scheduleEmail(day);
    }

    /** Monday busier, Friday quieter; scaled so that an average working week keeps the configured daily volume. */
    private double dayFactor(DayOfWeek dayOfWeek) {
        double average = (config.mondayFactor() + config.fridayFactor() + 3) / 5;
        double factor = dayOfWeek == DayOfWeek.MONDAY ? config.mondayFactor() : dayOfWeek == DayOfWeek.FRIDAY ? config.fridayFactor() : 1;
        return factor / average;
    }

    /** A Poisson process with a constant rate in each opening hour (exponential gaps, restarted per hour). */
    private void scheduleArrivals(LocalDate day, String queue, double perDay, double[] profile) {
        double total = 0;
        for (double weight : profile) {
            total += weight;
        }
        long opening = at(day, calendarOpening());
        for (int hour = 0; hour < profile.length; hour++) {
            double meanGap = HOUR / (perDay * profile[hour] / total);
            long hourStart = opening + hour * HOUR;
            double t = hourStart + exponential(meanGap);
            while (t < hourStart + HOUR) {
                model.scheduleArrival(queue, (long) t);
                t += exponential(meanGap);
            }
        }
    }

    private void scheduleRoster(LocalDate day) {
        long opening = at(day, calendarOpening());
        long breakMillis = config.breakMinutes() * MINUTE;
        for (int i = 0; i < agents.size(); i++) {
            String id = agents.get(i).id();
            model.scheduleAgentState(id, opening - 5 * MINUTE + random.nextInt(5) * MINUTE, AgentState.LOGGED_IN);
            // Breaks and lunch are staggered so that a queue is never left without agents.
            long morningBreak = opening + 75 * MINUTE + (i % 6) * 10 * MINUTE;
            long lunch = opening + 165 * MINUTE + (i % 4) * 2 * breakMillis;
            long afternoonBreak = opening + 345 * MINUTE + (i % 6) * 10 * MINUTE;
            for (long[] pause : new long[][] {{morningBreak, breakMillis}, {lunch, 2 * breakMillis}, {afternoonBreak, breakMillis}}) {
                model.scheduleAgentState(id, pause[0], AgentState.AWAY);
                model.scheduleAgentState(id, pause[0] + pause[1], AgentState.AVAILABLE);
            }
            model.scheduleAgentState(id, opening + 8 * HOUR, AgentState.LOGGED_OUT);
        }
    }

    /** E-mail around the clock: twice the rate by day (08:00–20:00) as by night, fewer at weekends. */
    private void scheduleEmail(LocalDate day) {
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double perDay = config.emailsPerYear() / 365.0 * (weekend ? 0.6 : 1.16);
        long start = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        double t = start;
        while (true) {
            t += exponential(24.0 * HOUR / perDay / 2 * 1.5);
            if (t >= end) {
                return;
            }
            int hour = Instant.ofEpochMilli((long) t).atZone(zone).getHour();
            boolean daytime = hour >= 8 && hour < 20;
            // Thinning: night arrivals are kept with probability 1/2.
            if (daytime || random.nextBoolean()) {
                for (EmailEvent event : emailPolicy.handle((long) t)) {
                    model.scheduleEmission(event.getOccurredAt().toEpochMilli(), event);
                }
            }
        }
    }

    private LocalTime calendarOpening() {
        return calendar.opening();
    }

    private long at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant().toEpochMilli();
    }

    private double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }
}
