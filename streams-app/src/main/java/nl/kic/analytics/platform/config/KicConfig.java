package nl.kic.analytics.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.checks.NameRule;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All settings of the application. Each is declared once in {@link #SETTINGS}, with its key and default;
 * docs/configuration.md has their table. Every setting can be given in a properties
 * file ({@code --config FILE}) under the key in the table of docs/configuration.md, and overridden by
 * an environment variable of the same name in upper case with dots and dashes as underscores
 * ({@code kic.lost-after-minutes} → {@code KIC_LOST_AFTER_MINUTES}).
 *
 * @param applicationId           Kafka Streams application.id; also the consumer group.
 * @param bootstrapServers        Kafka bootstrap servers; empty means the embedded broker.
 * @param schemaRegistryUrl       Confluent-compatible registry URL, or {@code mock://NAME} for the in-memory one.
 * @param contactEventsTopic      Input topic of ContactEvents.
 * @param emailEventsTopic        Input topic of EmailEvents.
 * @param agentEventsTopic        Input topic of AgentEvents.
 * @param deadLetterTopic         Records that cannot be read go here, with the reason in headers.
 * @param inputPartitions         Partitions of input topics the application creates.
 * @param replicationFactor       Replication factor of the topics the application creates; -1 is the broker default.
 * @param streamThreads           Kafka Streams stream threads.
 * @param stateDir                Directory of the local state stores.
 * @param zone                    Time zone of the calendar intervals.
 * @param shortAbandonThreshold   Abandoned with a wait below this is a short abandon.
 * @param excludeShortAbandoned   Leave short abandons out of the reachability denominator.
 * @param rejectedCountsAsNotReached Count REJECTED contacts in the denominator as not reached.
 * @param callServiceLevelTarget  Service level target wait for calls.
 * @param chatServiceLevelTarget  Service level target wait for chats.
 * @param lostAfter               A contact without outcome this long after OFFERED (by the clock) is lost.
 * @param contactRetention        Per-contact state and duplicate memory are kept this long after the contact's last event.
 * @param fineIntervalRetention   15-minute rows (and so the hours summed from them) are kept this long.
 * @param purgeInterval           How often (in event time) expired state is purged.
 * @param clockCheckInterval      How often (wall clock) state is judged again on the application clock: contacts turning lost, e-mails passing their deadline.
 * @param httpPort                Port of the HTTP API, wallboard and /metrics.
 * @param httpBindAddress         The address the HTTP server listens on; empty: every interface.
 * @param httpIdleTimeout         A connection that sends nothing this long (within a request or between requests) is closed.
 * @param openingTime             Opening of the contact centre on working days; starts the e-mail deadline clock.
 * @param closingTime             Closing on working days.
 * @param goodFridayIsHoliday     Goede Vrijdag is a day off.
 * @param liberationDayIsHoliday  Bevrijdingsdag (5 May) is a day off every year.
 * @param extraClosureDays        Further days the contact centre is closed.
 * @param acknowledgeWithin       An e-mail is acknowledged on time when acknowledged (or answered) this long after receipt.
 * @param simpleAnswerWorkingDays Working days to answer a SIMPLE e-mail.
 * @param complexAnswerWorkingDays Working days to answer or send an interim reply to a COMPLEX e-mail.
 * @param emailRetention          E-mail state is dropped this long after the e-mail's last event once answered, closed or spam.
 * @param wallboard               The wallboard's colour thresholds and refresh interval.
 * @param queues                  The known queues; an event of another queue is dead-lettered.
 * @param metricsMaxQueues        At most this many queues are labelled on /metrics (those of {@code queues} when set, else
 *                                those with the most contacts today).
 * @param namePattern             What a name from the input (a queue, an agent's team and queues) must look like, trimmed;
 *                                an event with another is dead-lettered. ALL, in any case, is reserved whatever the pattern.
 * @param futureTolerance         Events further ahead of the application clock are dead-lettered.
 * @param eventsMaxAge            Events further behind the application clock are implausible (a clock at zero, seconds
 *                                taken for milliseconds) and dead-lettered.
 * @param standbyReplicas         Standby replicas of each state store on other instances.
 * @param apiMaxRows              An API answer of more rows is refused (400) with a request for a narrower range.
 * @param privacyMinCell          Caller and reason counts of people from 1 to this minus 1 are hidden wherever they leave the
 *                                product, with the cells that would give them back (docs/metrics.md); 1 hides nothing.
 * @param queryStandbyMaxLagRecords Empty: a query reads each partition only from its active instance, once restored. N: when
 *                                that instance does not answer, a standby at most N records behind may, and the answer says so.
 * @param advertisedHttp          host:port at which other instances reach this one's API.
 * @param export                  The export of the exact figures to PostgreSQL.
 * @param callerLateAllowance     How long after its key's month and the 7-day repeat window a caller's state waits for late changes.
 * @param callersKeepAllMonths    Whether caller states, and the caller keys of contacts, are kept until the application stops
 *                                instead of going on the clock: replay sets it, since its clock stands at the latest event, on
 *                                which every earlier month would already be closed.
 * @param kafkaOverrides          Kafka Streams, consumer and producer settings given as {@code kic.kafka.<setting>}
 *                                ({@code KIC_KAFKA_SESSION_TIMEOUT_MS}), passed on as they are.
 */
public record KicConfig(
        String applicationId,
        String bootstrapServers,
        String schemaRegistryUrl,
        String contactEventsTopic,
        String emailEventsTopic,
        String agentEventsTopic,
        String deadLetterTopic,
        int inputPartitions,
        int replicationFactor,
        int streamThreads,
        Path stateDir,
        ZoneId zone,
        Duration shortAbandonThreshold,
        boolean excludeShortAbandoned,
        boolean rejectedCountsAsNotReached,
        Duration callServiceLevelTarget,
        Duration chatServiceLevelTarget,
        Duration lostAfter,
        Duration contactRetention,
        Duration fineIntervalRetention,
        Duration purgeInterval,
        Duration clockCheckInterval,
        int httpPort,
        String httpBindAddress,
        Duration httpIdleTimeout,
        LocalTime openingTime,
        LocalTime closingTime,
        boolean goodFridayIsHoliday,
        boolean liberationDayIsHoliday,
        Set<LocalDate> extraClosureDays,
        Duration acknowledgeWithin,
        int simpleAnswerWorkingDays,
        int complexAnswerWorkingDays,
        Duration emailRetention,
        Wallboard wallboard,
        Set<String> queues,
        String namePattern,
        int metricsMaxQueues,
        int apiMaxRows,
        int privacyMinCell,
        Duration futureTolerance,
        Duration eventsMaxAge,
        int standbyReplicas,
        OptionalLong queryStandbyMaxLagRecords,
        String advertisedHttp,
        Access access,
        Norms norms,
        ExpectedDays expectedDays,
        Export export,
        Duration callerLateAllowance,
        boolean callersKeepAllMonths,
        Map<String, String> kafkaOverrides) {

    /**
     * The export of the exact figures to PostgreSQL (docs/export.md): the JDBC URL (empty: no export;
     * TLS and other driver options go in it, e.g. {@code ?sslmode=verify-full&sslrootcert=…}), the
     * user and password (given directly, or the password in a file), how often the recent intervals
     * are written and how often every interval is (which bounds how long a late correction of any age
     * takes to reach the database).
     */
    public record Export(String jdbcUrl, String user, String password, Duration recentInterval, Duration fullSweepInterval) {
        public boolean enabled() {
            return !jdbcUrl.isBlank();
        }

        public Export withUser(String user) {
            return new Export(jdbcUrl, user, password, recentInterval, fullSweepInterval);
        }

        public Export withIntervals(Duration recent, Duration fullSweep) {
            return new Export(jdbcUrl, user, password, recent, fullSweep);
        }

        @Override
        public String toString() {
            // Never the password: configurations get logged.
            return "Export[jdbcUrl=" + (enabled() ? "set" : "none") + ", password=" + (password.isEmpty() ? "none" : "set")
                    + ", recentInterval=" + recentInterval + ", fullSweepInterval=" + fullSweepInterval + "]";
        }
    }

    /**
     * The norms the report sets beside the figures (docs/report.md): reachability, average wait and
     * service level per channel, and the e-mailgedragslijn's shares of net e-mail acknowledged and
     * answered on time. Shares are fractions (0.8 is 80%).
     */
    public record Norms(double reachability, Duration averageWait, double callServiceLevel, double chatServiceLevel,
                        double emailAcknowledgedOnTime, double emailAnsweredOnTime, Sources sources) {

        /** Where each norm comes from, in words for the report's readers (a publication and its year, or "our own"). */
        public record Sources(String reachability, String averageWait, String callServiceLevel, String chatServiceLevel,
                              String emailAcknowledgedOnTime, String emailAnsweredOnTime, String mustAnswerViolations) {
        }
    }

    /**
     * The days on which a report expects figures of a channel ({@code working-days}: the calendar's
     * working days; {@code every-day}), closure days never: a period is complete only when every such
     * day has data (docs/report.md).
     */
    public record ExpectedDays(String call, String chat, String email) {
        public static final List<String> RULES = List.of("working-days", "every-day");

        public ExpectedDays {
            for (String rule : List.of(call, chat, email)) {
                if (!RULES.contains(rule)) {
                    throw new IllegalArgumentException("kic.report.expected-days.* must be working-days or every-day");
                }
            }
        }
    }

    /**
     * Thresholds of the wallboard's tiles, judged on the value as the board shows it: reachability
     * at or above the target is good, below the floor critical; a longest or average wait at or above
     * its attention threshold needs attention, at or above its critical one is critical. A channel is
     * stale when, during opening hours, no event has arrived for {@code staleAfterMinutes}. They are
     * the supervisors' own and change none of the report's norms.
     */
    public record Wallboard(double reachabilityTarget, double reachabilityFloor, int longestWaitAttentionSeconds,
                            int longestWaitCriticalSeconds, int averageWaitAttentionSeconds, int averageWaitCriticalSeconds,
                            int refreshSeconds, int staleAfterMinutes) {
    }

    /**
     * Who may use the HTTP side (docs/operations.md, "Security"): bearer tokens of the viewer role
     * for the wallboard, the figures and /metrics (none: open); the shared secret of the instances'
     * internal endpoint; the PKCS12 key store that turns on HTTPS, and the trust store with which
     * an instance checks the others' certificates (empty: the JVM's own). Empty strings mean "not set".
     */
    public record Access(Set<String> viewerTokens, String internalSecret, String keyStore, String keyStorePassword,
                         String trustStore, String trustStorePassword) {
        public boolean https() {
            return !keyStore.isBlank();
        }

        @Override
        public String toString() {
            // Never the tokens or secrets themselves: configurations get logged.
            return "Access[viewerTokens=" + viewerTokens.size() + ", internalSecret=" + (internalSecret.isBlank() ? "none" : "set")
                    + ", https=" + https() + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(KicConfig.class);

    // ---- The settings, each declared once: key, default, reading and writing, and where the value lives.
    // docs/configuration.md has a row for each (KicConfigTest checks both ways).

    static final Setting<String> APPLICATION_ID = Setting.text("kic.application-id", "kic-analytics", KicConfig::applicationId);
    static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("kic.bootstrap-servers", "", KicConfig::bootstrapServers);
    static final Setting<String> SCHEMA_REGISTRY_URL = Setting.text("kic.schema-registry-url", "mock://kic-analytics", KicConfig::schemaRegistryUrl);
    static final Setting<String> CONTACT_EVENTS_TOPIC = Setting.text("kic.topic.contact-events", "kic.contact-events", KicConfig::contactEventsTopic);
    static final Setting<String> EMAIL_EVENTS_TOPIC = Setting.text("kic.topic.email-events", "kic.email-events", KicConfig::emailEventsTopic);
    static final Setting<String> AGENT_EVENTS_TOPIC = Setting.text("kic.topic.agent-events", "kic.agent-events", KicConfig::agentEventsTopic);
    static final Setting<String> DEAD_LETTER_TOPIC = Setting.text("kic.topic.dead-letters", "kic.dlq", KicConfig::deadLetterTopic);
    static final Setting<Integer> INPUT_PARTITIONS = Setting.integer("kic.input-partitions", 6, KicConfig::inputPartitions);
    static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("kic.replication-factor", -1, KicConfig::replicationFactor);
    static final Setting<Integer> STREAM_THREADS = Setting.integer("kic.stream-threads", 2, KicConfig::streamThreads);
    static final Setting<Path> STATE_DIR = new Setting<>("kic.state-dir", Path.of(System.getProperty("java.io.tmpdir"), "kic-analytics"), Path::of, Path::toString, KicConfig::stateDir);
    static final Setting<ZoneId> ZONE = new Setting<>("kic.zone", ZoneId.of("Europe/Amsterdam"), ZoneId::of, ZoneId::getId, KicConfig::zone);
    static final Setting<Duration> SHORT_ABANDON_THRESHOLD = Setting.seconds("kic.short-abandon-threshold-seconds", Duration.ofSeconds(5), KicConfig::shortAbandonThreshold);
    static final Setting<Boolean> EXCLUDE_SHORT_ABANDONED = Setting.flag("kic.exclude-short-abandoned", true, KicConfig::excludeShortAbandoned);
    static final Setting<Boolean> REJECTED_COUNTS_AS_NOT_REACHED = Setting.flag("kic.rejected-counts-as-not-reached", true, KicConfig::rejectedCountsAsNotReached);
    static final Setting<Duration> CALL_SERVICE_LEVEL_TARGET = Setting.seconds("kic.service-level-target-seconds.call", Duration.ofSeconds(20), KicConfig::callServiceLevelTarget);
    static final Setting<Duration> CHAT_SERVICE_LEVEL_TARGET = Setting.seconds("kic.service-level-target-seconds.chat", Duration.ofSeconds(60), KicConfig::chatServiceLevelTarget);
    static final Setting<Duration> LOST_AFTER = Setting.minutes("kic.lost-after-minutes", Duration.ofHours(8), KicConfig::lostAfter);
    static final Setting<Duration> CONTACT_RETENTION = Setting.days("kic.contact-retention-days", Duration.ofDays(7), KicConfig::contactRetention);
    static final Setting<Duration> FINE_INTERVAL_RETENTION = Setting.days("kic.fine-interval-retention-days", Duration.ofDays(400), KicConfig::fineIntervalRetention);
    static final Setting<Duration> PURGE_INTERVAL = Setting.minutes("kic.purge-interval-minutes", Duration.ofDays(7), KicConfig::purgeInterval);
    static final Setting<Duration> CLOCK_CHECK_INTERVAL = Setting.millis("kic.clock-check-interval-millis", Duration.ofSeconds(1), KicConfig::clockCheckInterval);
    static final Setting<Integer> HTTP_PORT = Setting.integer("kic.http-port", 8080, KicConfig::httpPort);
    static final Setting<String> HTTP_BIND_ADDRESS = Setting.text("kic.http.bind-address", "", KicConfig::httpBindAddress);
    static final Setting<Duration> HTTP_IDLE_TIMEOUT = Setting.seconds("kic.http.idle-timeout-seconds", Duration.ofSeconds(30), KicConfig::httpIdleTimeout);
    static final Setting<LocalTime> OPENING_TIME = new Setting<>("kic.calendar.opening-time", LocalTime.of(9, 0), LocalTime::parse, LocalTime::toString, KicConfig::openingTime);
    static final Setting<LocalTime> CLOSING_TIME = new Setting<>("kic.calendar.closing-time", LocalTime.of(17, 0), LocalTime::parse, LocalTime::toString, KicConfig::closingTime);
    static final Setting<Boolean> GOOD_FRIDAY_IS_HOLIDAY = Setting.flag("kic.calendar.good-friday-holiday", false, KicConfig::goodFridayIsHoliday);
    static final Setting<Boolean> LIBERATION_DAY_IS_HOLIDAY = Setting.flag("kic.calendar.liberation-day-holiday", true, KicConfig::liberationDayIsHoliday);
    static final Setting<Set<LocalDate>> EXTRA_CLOSURE_DAYS = Setting.dates("kic.calendar.extra-closure-days", KicConfig::extraClosureDays);
    static final Setting<Duration> ACKNOWLEDGE_WITHIN = Setting.minutes("kic.email.acknowledge-within-minutes", Duration.ofHours(1), KicConfig::acknowledgeWithin);
    static final Setting<Integer> SIMPLE_ANSWER_WORKING_DAYS = Setting.integer("kic.email.simple-answer-working-days", 2, KicConfig::simpleAnswerWorkingDays);
    static final Setting<Integer> COMPLEX_ANSWER_WORKING_DAYS = Setting.integer("kic.email.complex-answer-working-days", 10, KicConfig::complexAnswerWorkingDays);
    static final Setting<Duration> EMAIL_RETENTION = Setting.days("kic.email.retention-days", Duration.ofDays(30), KicConfig::emailRetention);
    static final Setting<Double> WALLBOARD_REACHABILITY_TARGET = Setting.number("kic.wallboard.reachability-target", 0.80, c -> c.wallboard().reachabilityTarget());
    static final Setting<Double> WALLBOARD_REACHABILITY_FLOOR = Setting.number("kic.wallboard.reachability-floor", 0.60, c -> c.wallboard().reachabilityFloor());
    static final Setting<Integer> WALLBOARD_LONGEST_WAIT_ATTENTION = Setting.integer("kic.wallboard.longest-wait-attention-seconds", 1200, c -> c.wallboard().longestWaitAttentionSeconds());
    static final Setting<Integer> WALLBOARD_LONGEST_WAIT_CRITICAL = Setting.integer("kic.wallboard.longest-wait-critical-seconds", 1800, c -> c.wallboard().longestWaitCriticalSeconds());
    static final Setting<Integer> WALLBOARD_AVERAGE_WAIT_ATTENTION = Setting.integer("kic.wallboard.average-wait-attention-seconds", 900, c -> c.wallboard().averageWaitAttentionSeconds());
    static final Setting<Integer> WALLBOARD_AVERAGE_WAIT_CRITICAL = Setting.integer("kic.wallboard.average-wait-critical-seconds", 1500, c -> c.wallboard().averageWaitCriticalSeconds());
    static final Setting<Integer> WALLBOARD_REFRESH = Setting.integer("kic.wallboard.refresh-seconds", 2, c -> c.wallboard().refreshSeconds());
    static final Setting<Integer> WALLBOARD_STALE_AFTER = Setting.integer("kic.wallboard.stale-after-minutes", 10, c -> c.wallboard().staleAfterMinutes());
    static final Setting<Set<String>> QUEUES = Setting.names("kic.queues", KicConfig::queues);
    static final Setting<Integer> METRICS_MAX_QUEUES = Setting.integer("kic.metrics.max-queues", 100, KicConfig::metricsMaxQueues);
    static final Setting<Integer> API_MAX_ROWS = Setting.integer("kic.api.max-rows", 100_000, KicConfig::apiMaxRows);
    static final Setting<Integer> PRIVACY_MIN_CELL = new Setting<>("kic.privacy.min-cell", 10, v -> {
        int minCell = Integer.parseInt(v);
        if (minCell < 1) {
            throw new IllegalArgumentException("must be 1 or more");
        }
        return minCell;
    }, String::valueOf, KicConfig::privacyMinCell);
    static final Setting<String> NAME_PATTERN = Setting.text("kic.name-pattern", "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}", KicConfig::namePattern);
    static final Setting<Duration> FUTURE_TOLERANCE = Setting.minutes("kic.future-tolerance-minutes", Duration.ofHours(1), KicConfig::futureTolerance);
    static final Setting<Duration> EVENTS_MAX_AGE = Setting.days("kic.events.max-age-days", Duration.ofDays(3650), KicConfig::eventsMaxAge);
    static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("kic.standby-replicas", 0, KicConfig::standbyReplicas);
    static final Setting<OptionalLong> QUERY_STANDBY_MAX_LAG_RECORDS = Setting.optionalCount("kic.query.standby-max-lag-records",
            KicConfig::queryStandbyMaxLagRecords);
    static final Setting<String> ADVERTISED_HTTP = Setting.text("kic.advertised-http", "", KicConfig::advertisedHttp);
    static final Setting<Set<String>> VIEWER_TOKENS = Setting.names("kic.http.viewer-tokens", c -> c.access().viewerTokens());
    static final Setting<String> VIEWER_TOKENS_FILE = Setting.text("kic.http.viewer-tokens-file", "", null);
    static final Setting<String> INTERNAL_SECRET = Setting.text("kic.http.internal-secret", "", c -> c.access().internalSecret());
    static final Setting<String> KEY_STORE = Setting.text("kic.http.key-store", "", c -> c.access().keyStore());
    static final Setting<String> KEY_STORE_PASSWORD = Setting.text("kic.http.key-store-password", "", c -> c.access().keyStorePassword());
    static final Setting<String> TRUST_STORE = Setting.text("kic.http.trust-store", "", c -> c.access().trustStore());
    static final Setting<String> TRUST_STORE_PASSWORD = Setting.text("kic.http.trust-store-password", "", c -> c.access().trustStorePassword());
    static final Setting<Double> NORM_REACHABILITY = Setting.number("kic.norm.reachability", 0.80, c -> c.norms().reachability());
    static final Setting<Duration> NORM_AVERAGE_WAIT = Setting.seconds("kic.norm.average-wait-seconds", Duration.ofMinutes(8), c -> c.norms().averageWait());
    static final Setting<Double> NORM_CALL_SERVICE_LEVEL = Setting.number("kic.norm.service-level.call", 0.80, c -> c.norms().callServiceLevel());
    static final Setting<Double> NORM_CHAT_SERVICE_LEVEL = Setting.number("kic.norm.service-level.chat", 0.80, c -> c.norms().chatServiceLevel());
    static final Setting<Double> NORM_EMAIL_ACKNOWLEDGED = Setting.number("kic.norm.email.acknowledged-on-time", 1.0, c -> c.norms().emailAcknowledgedOnTime());
    static final Setting<Double> NORM_EMAIL_ANSWERED = Setting.number("kic.norm.email.answered-on-time", 1.0, c -> c.norms().emailAnsweredOnTime());
    static final Setting<String> NORM_REACHABILITY_SOURCE = Setting.text("kic.norm.reachability.source",
            "norm van dit rapport (instelbaar), geen gepubliceerde norm van de IND; ter vergelijking: Belastingdienst, 2020: doel 90% bereikbaar",
            c -> c.norms().sources().reachability());
    static final Setting<String> NORM_AVERAGE_WAIT_SOURCE = Setting.text("kic.norm.average-wait-seconds.source",
            "DUO, 2019: gemiddelde wachttijd ten hoogste 8 minuten", c -> c.norms().sources().averageWait());
    static final Setting<String> NORM_CALL_SERVICE_LEVEL_SOURCE = Setting.text("kic.norm.service-level.call.source",
            "norm van dit rapport (instelbaar): 80% binnen de servicetermijn", c -> c.norms().sources().callServiceLevel());
    static final Setting<String> NORM_CHAT_SERVICE_LEVEL_SOURCE = Setting.text("kic.norm.service-level.chat.source",
            "norm van dit rapport (instelbaar): 80% binnen de servicetermijn", c -> c.norms().sources().chatServiceLevel());
    static final Setting<String> NORM_EMAIL_ACKNOWLEDGED_SOURCE = Setting.text("kic.norm.email.acknowledged-on-time.source",
            "e-mailgedragslijn voor overheden: per ommegaande een ontvangstbevestiging", c -> c.norms().sources().emailAcknowledgedOnTime());
    static final Setting<String> NORM_EMAIL_ANSWERED_SOURCE = Setting.text("kic.norm.email.answered-on-time.source",
            "e-mailgedragslijn voor overheden: altijd antwoord, tijdig antwoord", c -> c.norms().sources().emailAnsweredOnTime());
    static final Setting<String> NORM_MUST_ANSWER_SOURCE = Setting.text("kic.norm.must-answer-violations.source",
            "e-mailgedragslijn voor overheden: altijd antwoord", c -> c.norms().sources().mustAnswerViolations());
    static final Setting<String> EXPECTED_DAYS_CALL = Setting.text("kic.report.expected-days.call", "working-days", c -> c.expectedDays().call());
    static final Setting<String> EXPECTED_DAYS_CHAT = Setting.text("kic.report.expected-days.chat", "working-days", c -> c.expectedDays().chat());
    static final Setting<String> EXPECTED_DAYS_EMAIL = Setting.text("kic.report.expected-days.email", "every-day", c -> c.expectedDays().email());
    static final Setting<String> EXPORT_JDBC_URL = Setting.text("kic.export.jdbc-url", "", c -> c.export().jdbcUrl());
    static final Setting<String> EXPORT_USER = Setting.text("kic.export.user", "", c -> c.export().user());
    static final Setting<String> EXPORT_PASSWORD = Setting.text("kic.export.password", "", c -> c.export().password());
    static final Setting<String> EXPORT_PASSWORD_FILE = Setting.text("kic.export.password-file", "", null);
    static final Setting<Duration> EXPORT_RECENT_INTERVAL = Setting.seconds("kic.export.recent-interval-seconds", Duration.ofSeconds(30),
            c -> c.export().recentInterval());
    static final Setting<Duration> EXPORT_FULL_SWEEP_INTERVAL = Setting.minutes("kic.export.full-sweep-interval-minutes", Duration.ofHours(1),
            c -> c.export().fullSweepInterval());
    static final Setting<Duration> CALLER_LATE_ALLOWANCE = Setting.days("kic.callers.late-days", Duration.ofDays(35), KicConfig::callerLateAllowance);
    static final Setting<Boolean> CALLERS_KEEP_ALL_MONTHS = Setting.flag("kic.callers.keep-all-months", false, KicConfig::callersKeepAllMonths);

    /** Every setting, in the order of docs/configuration.md's concerns. */
    public static final List<Setting<?>> SETTINGS = List.of(
            APPLICATION_ID,
            BOOTSTRAP_SERVERS,
            SCHEMA_REGISTRY_URL,
            CONTACT_EVENTS_TOPIC,
            EMAIL_EVENTS_TOPIC,
            AGENT_EVENTS_TOPIC,
            DEAD_LETTER_TOPIC,
            INPUT_PARTITIONS,
            REPLICATION_FACTOR,
            STREAM_THREADS,
            STATE_DIR,
            ZONE,
            SHORT_ABANDON_THRESHOLD,
            EXCLUDE_SHORT_ABANDONED,
            REJECTED_COUNTS_AS_NOT_REACHED,
            CALL_SERVICE_LEVEL_TARGET,
            CHAT_SERVICE_LEVEL_TARGET,
            LOST_AFTER,
            CONTACT_RETENTION,
            FINE_INTERVAL_RETENTION,
            PURGE_INTERVAL,
            CLOCK_CHECK_INTERVAL,
            HTTP_PORT,
            HTTP_BIND_ADDRESS,
            HTTP_IDLE_TIMEOUT,
            OPENING_TIME,
            CLOSING_TIME,
            GOOD_FRIDAY_IS_HOLIDAY,
            LIBERATION_DAY_IS_HOLIDAY,
            EXTRA_CLOSURE_DAYS,
            ACKNOWLEDGE_WITHIN,
            SIMPLE_ANSWER_WORKING_DAYS,
            COMPLEX_ANSWER_WORKING_DAYS,
            EMAIL_RETENTION,
            WALLBOARD_REACHABILITY_TARGET,
            WALLBOARD_REACHABILITY_FLOOR,
            WALLBOARD_LONGEST_WAIT_ATTENTION,
            WALLBOARD_LONGEST_WAIT_CRITICAL,
            WALLBOARD_AVERAGE_WAIT_ATTENTION,
            WALLBOARD_AVERAGE_WAIT_CRITICAL,
            WALLBOARD_REFRESH,
            WALLBOARD_STALE_AFTER,
            QUEUES,
            NAME_PATTERN,
            METRICS_MAX_QUEUES,
            API_MAX_ROWS,
            PRIVACY_MIN_CELL,
            FUTURE_TOLERANCE,
            EVENTS_MAX_AGE,
            STANDBY_REPLICAS,
            QUERY_STANDBY_MAX_LAG_RECORDS,
            ADVERTISED_HTTP,
            VIEWER_TOKENS,
            VIEWER_TOKENS_FILE,
            INTERNAL_SECRET,
            KEY_STORE,
            KEY_STORE_PASSWORD,
            TRUST_STORE,
            TRUST_STORE_PASSWORD,
            NORM_REACHABILITY,
            NORM_AVERAGE_WAIT,
            NORM_CALL_SERVICE_LEVEL,
            NORM_CHAT_SERVICE_LEVEL,
            NORM_EMAIL_ACKNOWLEDGED,
            NORM_EMAIL_ANSWERED,
            NORM_REACHABILITY_SOURCE,
            NORM_AVERAGE_WAIT_SOURCE,
            NORM_CALL_SERVICE_LEVEL_SOURCE,
            NORM_CHAT_SERVICE_LEVEL_SOURCE,
            NORM_EMAIL_ACKNOWLEDGED_SOURCE,
            NORM_EMAIL_ANSWERED_SOURCE,
            NORM_MUST_ANSWER_SOURCE,
            EXPECTED_DAYS_CALL,
            EXPECTED_DAYS_CHAT,
            EXPECTED_DAYS_EMAIL,
            EXPORT_JDBC_URL,
            EXPORT_USER,
            EXPORT_PASSWORD,
            EXPORT_PASSWORD_FILE,
            EXPORT_RECENT_INTERVAL,
            EXPORT_FULL_SWEEP_INTERVAL,
            CALLER_LATE_ALLOWANCE,
            CALLERS_KEEP_ALL_MONTHS);

    /** Without the values of the Kafka settings, which may hold credentials, and without tokens and secrets. */
    @Override
    public String toString() {
        return "KicConfig[applicationId=" + applicationId + ", bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + schemaRegistryUrl + ", httpPort=" + httpPort + ", " + access + ", kafka settings " + kafkaOverrides.keySet() + "]";
    }

    public static KicConfig defaults() {
        return build(new Properties());
    }

    /** Reads a properties file (optional) and the environment over the defaults. */
    public static KicConfig load(Path file, Map<String, String> environment) throws IOException {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            if (entry.getKey().startsWith("KIC_")) {
                properties.setProperty(entry.getKey().toLowerCase(Locale.ROOT).replace('_', '.'), entry.getValue());
            }
        }
        return fromProperties(properties);
    }

    /**
     * Settings from properties over the defaults. Keys are as in docs/configuration.md; environment
     * variables arrive here with dots for dashes too, so both spellings are accepted.
     */
    public static KicConfig fromProperties(Properties properties) {
        KicConfig config = build(properties);
        unknownKeys(properties).forEach(key -> log.warn("Unknown setting {} is ignored; see docs/configuration.md for the settings", key));
        return config;
    }

    private static KicConfig build(Properties p) {
        return new KicConfig(
                APPLICATION_ID.read(p), BOOTSTRAP_SERVERS.read(p), SCHEMA_REGISTRY_URL.read(p),
                CONTACT_EVENTS_TOPIC.read(p), EMAIL_EVENTS_TOPIC.read(p), AGENT_EVENTS_TOPIC.read(p), DEAD_LETTER_TOPIC.read(p),
                INPUT_PARTITIONS.read(p), REPLICATION_FACTOR.read(p), STREAM_THREADS.read(p), STATE_DIR.read(p), ZONE.read(p),
                SHORT_ABANDON_THRESHOLD.read(p), EXCLUDE_SHORT_ABANDONED.read(p), REJECTED_COUNTS_AS_NOT_REACHED.read(p),
                CALL_SERVICE_LEVEL_TARGET.read(p), CHAT_SERVICE_LEVEL_TARGET.read(p), LOST_AFTER.read(p), CONTACT_RETENTION.read(p),
                FINE_INTERVAL_RETENTION.read(p), PURGE_INTERVAL.read(p), CLOCK_CHECK_INTERVAL.read(p), HTTP_PORT.read(p),
                HTTP_BIND_ADDRESS.read(p), HTTP_IDLE_TIMEOUT.read(p),
                OPENING_TIME.read(p), CLOSING_TIME.read(p), GOOD_FRIDAY_IS_HOLIDAY.read(p), LIBERATION_DAY_IS_HOLIDAY.read(p),
                EXTRA_CLOSURE_DAYS.read(p), ACKNOWLEDGE_WITHIN.read(p), SIMPLE_ANSWER_WORKING_DAYS.read(p),
                COMPLEX_ANSWER_WORKING_DAYS.read(p), EMAIL_RETENTION.read(p),
                new Wallboard(WALLBOARD_REACHABILITY_TARGET.read(p), WALLBOARD_REACHABILITY_FLOOR.read(p),
                        WALLBOARD_LONGEST_WAIT_ATTENTION.read(p), WALLBOARD_LONGEST_WAIT_CRITICAL.read(p),
                        WALLBOARD_AVERAGE_WAIT_ATTENTION.read(p), WALLBOARD_AVERAGE_WAIT_CRITICAL.read(p),
                        WALLBOARD_REFRESH.read(p), WALLBOARD_STALE_AFTER.read(p)),
                QUEUES.read(p), NAME_PATTERN.read(p), METRICS_MAX_QUEUES.read(p), API_MAX_ROWS.read(p), PRIVACY_MIN_CELL.read(p), FUTURE_TOLERANCE.read(p), EVENTS_MAX_AGE.read(p), STANDBY_REPLICAS.read(p),
                QUERY_STANDBY_MAX_LAG_RECORDS.read(p), ADVERTISED_HTTP.read(p),
                new Access(viewerTokens(VIEWER_TOKENS.read(p), VIEWER_TOKENS_FILE.read(p)), INTERNAL_SECRET.read(p), KEY_STORE.read(p),
                        KEY_STORE_PASSWORD.read(p), TRUST_STORE.read(p), TRUST_STORE_PASSWORD.read(p)),
                new Norms(NORM_REACHABILITY.read(p), NORM_AVERAGE_WAIT.read(p), NORM_CALL_SERVICE_LEVEL.read(p), NORM_CHAT_SERVICE_LEVEL.read(p),
                        NORM_EMAIL_ACKNOWLEDGED.read(p), NORM_EMAIL_ANSWERED.read(p),
                        new Norms.Sources(NORM_REACHABILITY_SOURCE.read(p), NORM_AVERAGE_WAIT_SOURCE.read(p),
                                NORM_CALL_SERVICE_LEVEL_SOURCE.read(p), NORM_CHAT_SERVICE_LEVEL_SOURCE.read(p),
                                NORM_EMAIL_ACKNOWLEDGED_SOURCE.read(p), NORM_EMAIL_ANSWERED_SOURCE.read(p), NORM_MUST_ANSWER_SOURCE.read(p))),
                new ExpectedDays(EXPECTED_DAYS_CALL.read(p), EXPECTED_DAYS_CHAT.read(p), EXPECTED_DAYS_EMAIL.read(p)),
                new Export(EXPORT_JDBC_URL.read(p), EXPORT_USER.read(p), exportPassword(EXPORT_PASSWORD.read(p), EXPORT_PASSWORD_FILE.read(p)),
                        EXPORT_RECENT_INTERVAL.read(p), EXPORT_FULL_SWEEP_INTERVAL.read(p)),
                CALLER_LATE_ALLOWANCE.read(p),
                CALLERS_KEEP_ALL_MONTHS.read(p),
                kafkaOverrides(p));
    }

    /** The export's password given directly, else the first line of the file (kept out of the environment and the command line). */
    private static String exportPassword(String given, String file) {
        if (file.isBlank()) {
            return given;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read kic.export.password-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The tokens given directly and those in the file (one per line; blank lines and lines starting with # are skipped). */
    private static Set<String> viewerTokens(Set<String> given, String file) {
        if (file.isBlank()) {
            return given;
        }
        Set<String> tokens = new TreeSet<>(given);
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    tokens.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read kic.http.viewer-tokens-file " + file + ": " + e.getMessage(), e);
        }
        return Set.copyOf(tokens);
    }

    /**
     * The settings among {@code properties} that no setting reads (a typo, or a setting of another
     * version). kic.kafka.* go to Kafka and kic.internal.* are the application's own; KIC_PSEUDONYM_KEY
     * (the import's key) and KIC_API_TOKEN (the report's token) are read by their commands and never kept here.
     */
    public static List<String> unknownKeys(Properties properties) {
        return properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("kic.") && !k.startsWith("kic.kafka.") && !k.startsWith("kic.internal."))
                .filter(k -> !k.equals("kic.pseudonym.key") && !k.equals("kic.api.token"))
                .filter(k -> SETTINGS.stream().noneMatch(setting -> setting.matches(k)))
                .sorted().toList();
    }

    /** Settings under kic.kafka.; from the environment they arrive with dots only, as Kafka's own names are. */
    private static Map<String, String> kafkaOverrides(Properties properties) {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("kic.kafka.")) {
                overrides.put(key.substring("kic.kafka.".length()), properties.getProperty(key).trim());
            }
        }
        return Map.copyOf(overrides);
    }

    /** The working-day calendar of the e-mail deadlines and the opening hours. */
    public WorkingDayCalendar calendar() {
        return new WorkingDayCalendar(zone, openingTime, closingTime, goodFridayIsHoliday, liberationDayIsHoliday, extraClosureDays);
    }

    /** The checks of every input event on this configuration and the application clock. */
    public EventChecks eventChecks(ApplicationClock clock) {
        return new EventChecks(clock, futureTolerance.toMillis(), eventsMaxAge.toMillis(), fineIntervalRetention.toMillis(), queues, nameRule());
    }

    /** What a name from the input must look like ({@code kic.name-pattern}). */
    public NameRule nameRule() {
        return NameRule.of(namePattern);
    }

    /** host:port at which other instances reach this instance's API. */
    public String advertisedHttpOrDefault() {
        return advertisedHttp.isBlank() ? "localhost:" + httpPort : advertisedHttp;
    }

    /**
     * Settings for a plain Kafka client of the product (producers of replay and redrive, admin and
     * consumers): the bootstrap servers and the connection's security settings among the Kafka
     * overrides ({@code kic.kafka.security.*}, {@code kic.kafka.sasl.*}, {@code kic.kafka.ssl.*}).
     */
    public Properties kafkaClientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        kafkaOverrides.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        return props;
    }

    /** The topics the application reads its events from. */
    public List<String> inputTopics() {
        return List.of(contactEventsTopic, emailEventsTopic, agentEventsTopic);
    }

    public boolean usesEmbeddedBroker() {
        return bootstrapServers.isBlank();
    }

    public KicConfig withBootstrapServers(String servers) {
        return copy(p -> p.setProperty("kic.bootstrap-servers", servers));
    }

    public KicConfig withApplicationId(String id) {
        return copy(p -> p.setProperty("kic.application-id", id));
    }

    public KicConfig withSchemaRegistryUrl(String url) {
        return copy(p -> p.setProperty("kic.schema-registry-url", url));
    }

    /** The export to the PostgreSQL database at {@code jdbcUrl} (empty: none). */
    public KicConfig withExportJdbcUrl(String jdbcUrl) {
        return copy(p -> p.setProperty("kic.export.jdbc-url", jdbcUrl));
    }

    public KicConfig withStateDir(Path dir) {
        return copy(p -> p.setProperty("kic.state-dir", dir.toString()));
    }

    public KicConfig withHttpPort(int port) {
        return copy(p -> p.setProperty("kic.http-port", Integer.toString(port)));
    }

    public KicConfig withHttpBindAddress(String address) {
        return copy(p -> p.setProperty("kic.http.bind-address", address));
    }

    /** Caller states kept until the application stops, as a replay needs (see {@code callersKeepAllMonths}). */
    public KicConfig withCallersKeepingAllMonths() {
        return copy(p -> p.setProperty(CALLERS_KEEP_ALL_MONTHS.key(), "true"));
    }

    public KicConfig withTopicSuffix(String suffix) {
        return copy(p -> {
            p.setProperty("kic.topic.contact-events", contactEventsTopic + suffix);
            p.setProperty("kic.topic.email-events", emailEventsTopic + suffix);
            p.setProperty("kic.topic.agent-events", agentEventsTopic + suffix);
            p.setProperty("kic.topic.dead-letters", deadLetterTopic + suffix);
        });
    }

    private KicConfig copy(Consumer<Properties> change) {
        Properties p = toProperties();
        change.accept(p);
        return fromProperties(p);
    }

    /** The settings as properties, the inverse of {@link #fromProperties}. */
    public Properties toProperties() {
        Properties p = new Properties();
        for (Setting<?> setting : SETTINGS) {
            if (setting.value() != null) {
                p.setProperty(setting.key(), setting.written(this));
            }
        }
        kafkaOverrides.forEach((key, value) -> p.setProperty("kic.kafka." + key, value));
        return p;
    }

    /** The prefixes of the settings that decide what a figure counts, written beside every replay and report. */
    private static final List<String> DEFINING_SETTINGS = List.of("kic.zone", "kic.short-abandon-threshold-seconds",
            "kic.exclude-short-abandoned", "kic.rejected-counts-as-not-reached", "kic.service-level-target-seconds.",
            "kic.lost-after-minutes", "kic.fine-interval-retention-days", "kic.calendar.", "kic.email.acknowledge-within-minutes",
            "kic.email.simple-answer-working-days", "kic.email.complex-answer-working-days", "kic.queues",
            "kic.future-tolerance-minutes", "kic.events.max-age-days", "kic.norm.");

    /** The settings that decide the figures (definitions, calendar, norms), by key; none of them is a secret. */
    public SortedMap<String, String> definingSettings() {
        SortedMap<String, String> settings = new TreeMap<>();
        Properties p = toProperties();
        for (String key : p.stringPropertyNames()) {
            if (DEFINING_SETTINGS.stream().anyMatch(prefix -> prefix.endsWith(".") ? key.startsWith(prefix) : key.equals(prefix))) {
                settings.put(key, p.getProperty(key));
            }
        }
        return settings;
    }
}
