package nl.kic.analytics.tools.simulation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The parameters of the simulated contact centre, with defaults calibrated to the KiC (docs/simulation.md):
 * about 41,500 answered calls a month, a reachability of 65–70% and an average wait to answer of
 * 15–20 minutes; about 60,000 e-mails a year gross, 50,000 net, about half answered.
 * See docs/simulation.md.
 *
 * @param seed                   seed of every random draw; the same seed gives the same events
 * @param callsPerWorkingDay     calls offered on an average working day (before weekday factors)
 * @param callQueues             the call queues, their share of the calls and their agents
 * @param hourlyProfile          relative arrival rate of the eight opening hours 09:00–17:00
 * @param mondayFactor           Monday's volume relative to an average day
 * @param fridayFactor           Friday's volume relative to an average day
 * @param callHandleSeconds      mean talk time of a call (exponential)
 * @param callPatienceSeconds    mean patience of a caller (exponential): Erlang-A abandonment
 * @param queueCapacity          callers waiting in one queue beyond which new callers are rejected
 * @param chatsPerWorkingDay     chats offered on an average working day
 * @param chatAgents             agents on the chat queue
 * @param chatHandleSeconds      mean duration of a chat
 * @param chatPatienceSeconds    mean patience of a chatter
 * @param breakMinutes           length of each agent's two breaks (lunch is twice this)
 * @param emailsPerYear          contact-form e-mails a year, spam included
 * @param faults                 duplicates, disorder and late delivery to add to the output
 * @param idPrefix               put before every contact, e-mail and agent id (and so every event id); empty by default
 * @param callers                who calls: withheld numbers, and whether and when callers call again ({@link Callers})
 */
public record SimulationConfig(
        long seed,
        double callsPerWorkingDay,
        List<QueueSpec> callQueues,
        double[] hourlyProfile,
        double mondayFactor,
        double fridayFactor,
        double callHandleSeconds,
        double callPatienceSeconds,
        int queueCapacity,
        double chatsPerWorkingDay,
        int chatAgents,
        double chatHandleSeconds,
        double chatPatienceSeconds,
        int breakMinutes,
        double emailsPerYear,
        Faults faults,
        String idPrefix,
        Callers callers) {

    /** A call queue: its name, its share of the calls and the agents who serve it. */
    public record QueueSpec(String name, double share, int agents) {
    }

    /**
     * Realistic delivery faults: the share of events sent twice, how many places an event may move
     * forward in the stream, and the share of events delivered late (by up to {@code lateMaxMinutes}).
     */
    public record Faults(double duplicateShare, int disorderWindow, double lateShare, int lateMaxMinutes) {
        public static final Faults NONE = new Faults(0, 0, 0, 0);
    }

    /**
     * The callers behind the calls: the share of withheld numbers (no caller key) and their redials.
     * Every call has a caller, with a key of the month and, when answered, a reason ({@link CallerPolicy}).
     */
    public record Callers(double withheldShare, Redials redials) {
        public static final Callers KIC = new Callers(0.08, Redials.KIC.enabled(false));
    }

    /**
     * Callers who call again, each time as a new contact with the same caller: after a contact that was
     * lost (abandoned or rejected) a share within the hour and a further share later that day (the next
     * working day when the day is over), and after an answered contact a share on one of the next six
     * days (a repeat contact). New callers then make {@code newCallerShare} of the calls of
     * {@code callsPerWorkingDay}, so that with the redials the calls offered stay about the calibrated
     * volume. Off, no caller calls again and the simulated contacts are exactly those of the model
     * without callers.
     */
    public record Redials(boolean enabled, double afterLossWithinHourShare, double afterLossLaterThatDayShare, double afterAnswerShare,
                          double newCallerShare) {
        public static final Redials KIC = new Redials(true, 0.40, 0.20, 0.15, 0.70);

        /** These redials, switched on or off. */
        public Redials enabled(boolean on) {
            return new Redials(on, afterLossWithinHourShare, afterLossLaterThatDayShare, afterAnswerShare, newCallerShare);
        }
    }

    public static final String CHAT_QUEUE = "livechat";

    public static SimulationConfig kicDefaults(long seed) {
        return new SimulationConfig(
                seed,
                2_800,
                List.of(new QueueSpec("regulier", 0.30, 8),
                        new QueueSpec("asiel", 0.20, 5),
                        new QueueSpec("werk", 0.15, 4),
                        new QueueSpec("algemeen", 0.15, 4),
                        new QueueSpec("studie", 0.10, 3),
                        new QueueSpec("naturalisatie", 0.10, 3)),
                new double[] {1.35, 1.3, 1.15, 0.95, 0.9, 0.85, 0.8, 0.7},
                1.2,
                0.85,
                375,
                3_000,
                250,
                350,
                6,
                420,
                600,
                15,
                60_000,
                Faults.NONE,
                "",
                Callers.KIC);
    }

    /**
     * The id prefix of one {@code simulate} run: the seed, the first day and the number of days
     * ({@code s42-20230301-31-}). Runs of other periods thus have ids of their own, and their files
     * can be replayed together without their events being dropped as duplicates of each other; the
     * same seed and period still give the same events.
     */
    public static String runIdPrefix(long seed, LocalDate firstDay, int days) {
        return "s" + seed + "-" + firstDay.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + days + "-";
    }

    public SimulationConfig withIdPrefix(String prefix) {
        return new SimulationConfig(seed, callsPerWorkingDay, callQueues, hourlyProfile, mondayFactor, fridayFactor,
                callHandleSeconds, callPatienceSeconds, queueCapacity, chatsPerWorkingDay, chatAgents, chatHandleSeconds,
                chatPatienceSeconds, breakMinutes, emailsPerYear, faults, prefix, callers);
    }

    /** The same centre with {@code factor} times the traffic and (at least one) agents in proportion. */
    public SimulationConfig scaled(double factor) {
        List<QueueSpec> queues = callQueues.stream()
                .map(q -> new QueueSpec(q.name(), q.share(), Math.max(1, (int) Math.round(q.agents() * factor)))).toList();
        return new SimulationConfig(seed, callsPerWorkingDay * factor, queues, hourlyProfile, mondayFactor, fridayFactor,
                callHandleSeconds, callPatienceSeconds, queueCapacity, chatsPerWorkingDay * factor,
                Math.max(1, (int) Math.round(chatAgents * factor)), chatHandleSeconds, chatPatienceSeconds, breakMinutes,
                emailsPerYear * factor, faults, idPrefix, callers);
    }

    /**
     * The same centre with its calls spread evenly over the queues {@code names}, and its call agents
     * (at least one a queue) with them: a floor with more or fewer queues than the KiC's six.
     */
    public SimulationConfig withCallQueues(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one call queue is needed");
        }
        int agents = callQueues.stream().mapToInt(QueueSpec::agents).sum();
        List<QueueSpec> queues = names.stream()
                .map(name -> new QueueSpec(name, 1.0 / names.size(), Math.max(1, Math.round((float) agents / names.size())))).toList();
        return new SimulationConfig(seed, callsPerWorkingDay, queues, hourlyProfile, mondayFactor, fridayFactor,
                callHandleSeconds, callPatienceSeconds, queueCapacity, chatsPerWorkingDay, chatAgents, chatHandleSeconds,
                chatPatienceSeconds, breakMinutes, emailsPerYear, faults, idPrefix, callers);
    }

    public SimulationConfig withFaults(Faults newFaults) {
        return new SimulationConfig(seed, callsPerWorkingDay, callQueues, hourlyProfile, mondayFactor, fridayFactor,
                callHandleSeconds, callPatienceSeconds, queueCapacity, chatsPerWorkingDay, chatAgents, chatHandleSeconds,
                chatPatienceSeconds, breakMinutes, emailsPerYear, newFaults, idPrefix, callers);
    }

    /** The same centre whose callers do ({@code true}) or do not call again ({@link Redials}). */
    public SimulationConfig withRedials(boolean on) {
        return withCallers(new Callers(callers.withheldShare(), callers.redials().enabled(on)));
    }

    public SimulationConfig withCallers(Callers newCallers) {
        return new SimulationConfig(seed, callsPerWorkingDay, callQueues, hourlyProfile, mondayFactor, fridayFactor,
                callHandleSeconds, callPatienceSeconds, queueCapacity, chatsPerWorkingDay, chatAgents, chatHandleSeconds,
                chatPatienceSeconds, breakMinutes, emailsPerYear, faults, idPrefix, newCallers);
    }
}
