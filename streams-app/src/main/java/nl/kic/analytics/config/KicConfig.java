package nl.kic.analytics.config;

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
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import nl.kic.analytics.core.EventChecks;
import nl.kic.analytics.time.ApplicationClock;
import nl.kic.analytics.time.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All settings of the application, with their defaults. Every setting can be given in a properties
 * file ({@code --config FILE}) under the key in the table of docs/configuration.md, and overridden by
 * an environment variable of the same name in upper case with dots and dashes as underscores
 * ({@code kic.lost-after-minutes} → {@code KIC_LOST_AFTER_MINUTES}).
 *
 * @param applicationId           Kafka Streams application.id; also the consumer group. Default {@code kic-analytics}.
 * @param bootstrapServers        Kafka bootstrap servers; empty means the embedded broker. Default empty.
 * @param schemaRegistryUrl       Confluent-compatible registry URL, or {@code mock://NAME} for the in-memory one.
 * @param contactEventsTopic      Input topic of ContactEvents. Default {@code kic.contact-events}.
 * @param emailEventsTopic        Input topic of EmailEvents. Default {@code kic.email-events}.
 * @param agentEventsTopic        Input topic of AgentEvents. Default {@code kic.agent-events}.
 * @param deadLetterTopic         Records that cannot be read go here, with the reason in headers. Default {@code kic.dlq}.
 * @param inputPartitions         Partitions of input topics the application creates. Default 6.
 * @param replicationFactor       Replication factor of the topics the application creates; -1 is the broker default.
 * @param streamThreads           Kafka Streams stream threads. Default 2.
 * @param stateDir                Directory of the local state stores. Default a {@code kic-analytics} folder in the temp dir.
 * @param zone                    Time zone of the calendar intervals. Default Europe/Amsterdam.
 * @param shortAbandonThreshold   Abandoned with a wait below this is a short abandon. Default 5 s.
 * @param excludeShortAbandoned   Leave short abandons out of the reachability denominator. Default true.
 * @param rejectedCountsAsNotReached Count REJECTED contacts in the denominator as not reached. Default true.
 * @param callServiceLevelTarget  Service level target wait for calls. Default 20 s.
 * @param chatServiceLevelTarget  Service level target wait for chats. Default 60 s.
 * @param lostAfter               A contact without outcome this long after OFFERED (by the clock) is lost. Default 8 h.
 * @param contactRetention        Per-contact state and duplicate memory are kept this long after the contact's last event. Default 7 days.
 * @param fineIntervalRetention   15-minute and hour rows are kept this long. Default 400 days.
 * @param purgeInterval           How often (in event time) expired state is purged. Default 7 days: a purge reads every
 *                                held contact, so in a replay a daily purge cost as much as the events themselves;
 *                                state is then held up to retention plus this interval.
 * @param clockCheckInterval      How often (wall clock) state is judged again on the application clock: contacts turning lost, e-mails passing their deadline. Default 1 s.
 * @param httpPort                Port of the HTTP API, wallboard and /metrics. Default 8080.
 * @param openingTime             Opening of the contact centre on working days; starts the e-mail deadline clock. Default 09:00.
 * @param closingTime             Closing on working days. Default 17:00.
 * @param goodFridayIsHoliday     Goede Vrijdag is a day off. Default false (a working day).
 * @param liberationDayIsHoliday  Bevrijdingsdag (5 May) is a day off every year. Default true.
 * @param extraClosureDays        Further days the contact centre is closed. Default none.
 * @param acknowledgeWithin       An e-mail is acknowledged on time when acknowledged (or answered) this long after receipt. Default 1 h.
 * @param simpleAnswerWorkingDays Working days to answer a SIMPLE e-mail. Default 2.
 * @param complexAnswerWorkingDays Working days to answer or send an interim reply to a COMPLEX e-mail. Default 10.
 * @param emailRetention          E-mail state is dropped this long after the e-mail's last event once answered, closed or spam. Default 30 days.
 * @param wallboard               The wallboard's colour thresholds and refresh interval.
 * @param queues                  The known queues; an event of another queue is dead-lettered. Default empty: any queue.
 * @param futureTolerance         Events further ahead of the application clock are dead-lettered. Default 1 h.
 * @param eventsMaxAge            Events further behind the application clock are implausible (a clock at zero, seconds
 *                                taken for milliseconds) and dead-lettered. Default 3650 days.
 * @param standbyReplicas         Standby replicas of each state store on other instances. Default 0.
 * @param advertisedHttp          host:port at which other instances reach this one's API. Default localhost and the HTTP port.
 * @param kafkaOverrides          Kafka Streams, consumer and producer settings given as {@code kic.kafka.<setting>}
 *                                ({@code KIC_KAFKA_SESSION_TIMEOUT_MS}), passed on as they are. Default none.
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
        Duration futureTolerance,
        Duration eventsMaxAge,
        int standbyReplicas,
        String advertisedHttp,
        Access access,
        Norms norms,
        Map<String, String> kafkaOverrides) {

    /**
     * The norms the report sets beside the figures (docs/report.md): reachability, average wait and
     * service level per channel, and the e-mailgedragslijn's shares of net e-mail acknowledged and
     * answered on time. Shares are fractions (0.8 is 80%).
     */
    public record Norms(double reachability, Duration averageWait, double callServiceLevel, double chatServiceLevel,
                        double emailAcknowledgedOnTime, double emailAnsweredOnTime) {
    }

    /**
     * Thresholds of the wallboard's tiles: reachability at or above the target is good, below the
     * floor critical; a longest wait at or above amber needs attention, at or above red is critical.
     * A channel is stale when, during opening hours, no event has arrived for {@code staleAfterMinutes}.
     */
    public record Wallboard(double reachabilityTarget, double reachabilityFloor, int longestWaitAmberSeconds,
                            int longestWaitRedSeconds, int refreshSeconds, int staleAfterMinutes) {
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

    /** Without the values of the Kafka settings, which may hold credentials, and without tokens and secrets. */
    @Override
    public String toString() {
        return "KicConfig[applicationId=" + applicationId + ", bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + schemaRegistryUrl + ", httpPort=" + httpPort + ", " + access + ", kafka settings " + kafkaOverrides.keySet() + "]";
    }

    public static KicConfig defaults() {
        return new KicConfig(
                "kic-analytics",
                "",
                "mock://kic-analytics",
                "kic.contact-events",
                "kic.email-events",
                "kic.agent-events",
                "kic.dlq",
                6,
                -1,
                2,
                Path.of(System.getProperty("java.io.tmpdir"), "kic-analytics"),
                ZoneId.of("Europe/Amsterdam"),
                Duration.ofSeconds(5),
                true,
                true,
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                Duration.ofHours(8),
                Duration.ofDays(7),
                Duration.ofDays(400),
                Duration.ofDays(7),
                Duration.ofSeconds(1),
                8080,
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                false,
                true,
                Set.of(),
                Duration.ofHours(1),
                2,
                10,
                Duration.ofDays(30),
                new Wallboard(0.80, 0.65, 600, 1200, 2, 10),
                Set.of(),
                Duration.ofHours(1),
                Duration.ofDays(3650),
                0,
                "",
                new Access(Set.of(), "", "", "", "", ""),
                new Norms(0.80, Duration.ofMinutes(8), 0.80, 0.80, 1.0, 1.0),
                Map.of());
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
        Settings s = new Settings(properties);
        KicConfig config = build(s);
        s.unknownKeys().forEach(key -> log.warn("Unknown setting {} is ignored; see docs/configuration.md for the settings", key));
        return config;
    }

    private static KicConfig build(Settings s) {
        KicConfig d = defaults();
        return new KicConfig(
                s.get("kic.application-id", d.applicationId, Function.identity()),
                s.get("kic.bootstrap-servers", d.bootstrapServers, Function.identity()),
                s.get("kic.schema-registry-url", d.schemaRegistryUrl, Function.identity()),
                s.get("kic.topic.contact-events", d.contactEventsTopic, Function.identity()),
                s.get("kic.topic.email-events", d.emailEventsTopic, Function.identity()),
                s.get("kic.topic.agent-events", d.agentEventsTopic, Function.identity()),
                s.get("kic.topic.dead-letters", d.deadLetterTopic, Function.identity()),
                s.get("kic.input-partitions", d.inputPartitions, Integer::parseInt),
                s.get("kic.replication-factor", d.replicationFactor, Integer::parseInt),
                s.get("kic.stream-threads", d.streamThreads, Integer::parseInt),
                s.get("kic.state-dir", d.stateDir, Path::of),
                s.get("kic.zone", d.zone, ZoneId::of),
                s.get("kic.short-abandon-threshold-seconds", d.shortAbandonThreshold, Settings::seconds),
                s.get("kic.exclude-short-abandoned", d.excludeShortAbandoned, Boolean::parseBoolean),
                s.get("kic.rejected-counts-as-not-reached", d.rejectedCountsAsNotReached, Boolean::parseBoolean),
                s.get("kic.service-level-target-seconds.call", d.callServiceLevelTarget, Settings::seconds),
                s.get("kic.service-level-target-seconds.chat", d.chatServiceLevelTarget, Settings::seconds),
                s.get("kic.lost-after-minutes", d.lostAfter, v -> Duration.ofMinutes(Long.parseLong(v))),
                s.get("kic.contact-retention-days", d.contactRetention, v -> Duration.ofDays(Long.parseLong(v))),
                s.get("kic.fine-interval-retention-days", d.fineIntervalRetention, v -> Duration.ofDays(Long.parseLong(v))),
                s.get("kic.purge-interval-minutes", d.purgeInterval, v -> Duration.ofMinutes(Long.parseLong(v))),
                s.get("kic.clock-check-interval-millis", d.clockCheckInterval, v -> Duration.ofMillis(Long.parseLong(v))),
                s.get("kic.http-port", d.httpPort, Integer::parseInt),
                s.get("kic.calendar.opening-time", d.openingTime, LocalTime::parse),
                s.get("kic.calendar.closing-time", d.closingTime, LocalTime::parse),
                s.get("kic.calendar.good-friday-holiday", d.goodFridayIsHoliday, Boolean::parseBoolean),
                s.get("kic.calendar.liberation-day-holiday", d.liberationDayIsHoliday, Boolean::parseBoolean),
                s.get("kic.calendar.extra-closure-days", d.extraClosureDays, Settings::dates),
                s.get("kic.email.acknowledge-within-minutes", d.acknowledgeWithin, v -> Duration.ofMinutes(Long.parseLong(v))),
                s.get("kic.email.simple-answer-working-days", d.simpleAnswerWorkingDays, Integer::parseInt),
                s.get("kic.email.complex-answer-working-days", d.complexAnswerWorkingDays, Integer::parseInt),
                s.get("kic.email.retention-days", d.emailRetention, v -> Duration.ofDays(Long.parseLong(v))),
                new Wallboard(
                        s.get("kic.wallboard.reachability-target", d.wallboard.reachabilityTarget(), Double::parseDouble),
                        s.get("kic.wallboard.reachability-floor", d.wallboard.reachabilityFloor(), Double::parseDouble),
                        s.get("kic.wallboard.longest-wait-amber-seconds", d.wallboard.longestWaitAmberSeconds(), Integer::parseInt),
                        s.get("kic.wallboard.longest-wait-red-seconds", d.wallboard.longestWaitRedSeconds(), Integer::parseInt),
                        s.get("kic.wallboard.refresh-seconds", d.wallboard.refreshSeconds(), Integer::parseInt),
                        s.get("kic.wallboard.stale-after-minutes", d.wallboard.staleAfterMinutes(), Integer::parseInt)),
                s.get("kic.queues", d.queues, Settings::names),
                s.get("kic.future-tolerance-minutes", d.futureTolerance, v -> Duration.ofMinutes(Long.parseLong(v))),
                s.get("kic.events.max-age-days", d.eventsMaxAge, v -> Duration.ofDays(Long.parseLong(v))),
                s.get("kic.standby-replicas", d.standbyReplicas, Integer::parseInt),
                s.get("kic.advertised-http", d.advertisedHttp, Function.identity()),
                new Access(
                        viewerTokens(s.get("kic.http.viewer-tokens", d.access.viewerTokens(), Settings::names),
                                s.get("kic.http.viewer-tokens-file", "", Function.identity())),
                        s.get("kic.http.internal-secret", d.access.internalSecret(), Function.identity()),
                        s.get("kic.http.key-store", d.access.keyStore(), Function.identity()),
                        s.get("kic.http.key-store-password", d.access.keyStorePassword(), Function.identity()),
                        s.get("kic.http.trust-store", d.access.trustStore(), Function.identity()),
                        s.get("kic.http.trust-store-password", d.access.trustStorePassword(), Function.identity())),
                new Norms(
                        s.get("kic.norm.reachability", d.norms.reachability(), Double::parseDouble),
                        s.get("kic.norm.average-wait-seconds", d.norms.averageWait(), Settings::seconds),
                        s.get("kic.norm.service-level.call", d.norms.callServiceLevel(), Double::parseDouble),
                        s.get("kic.norm.service-level.chat", d.norms.chatServiceLevel(), Double::parseDouble),
                        s.get("kic.norm.email.acknowledged-on-time", d.norms.emailAcknowledgedOnTime(), Double::parseDouble),
                        s.get("kic.norm.email.answered-on-time", d.norms.emailAnsweredOnTime(), Double::parseDouble)),
                s.kafkaOverrides());
    }

    /** The tokens given directly and those in the file (one per line; blank lines and lines starting with # are skipped). */
    private static Set<String> viewerTokens(Set<String> given, String file) {
        if (file.isBlank()) {
            return given;
        }
        Set<String> tokens = new java.util.TreeSet<>(given);
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

    /** The settings among {@code properties} that no setting reads (a typo, or a setting of another version). */
    public static List<String> unknownKeys(Properties properties) {
        Settings s = new Settings(properties);
        build(s);
        return s.unknownKeys();
    }

    /** The working-day calendar of the e-mail deadlines and the opening hours. */
    public WorkingDayCalendar calendar() {
        return new WorkingDayCalendar(zone, openingTime, closingTime, goodFridayIsHoliday, liberationDayIsHoliday, extraClosureDays);
    }

    /** The checks of every input event on this configuration and the application clock. */
    public EventChecks eventChecks(ApplicationClock clock) {
        return new EventChecks(clock, futureTolerance.toMillis(), eventsMaxAge.toMillis(), fineIntervalRetention.toMillis(), queues);
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

    public KicConfig withStateDir(Path dir) {
        return copy(p -> p.setProperty("kic.state-dir", dir.toString()));
    }

    public KicConfig withHttpPort(int port) {
        return copy(p -> p.setProperty("kic.http-port", Integer.toString(port)));
    }

    public KicConfig withTopicSuffix(String suffix) {
        return copy(p -> {
            p.setProperty("kic.topic.contact-events", contactEventsTopic + suffix);
            p.setProperty("kic.topic.email-events", emailEventsTopic + suffix);
            p.setProperty("kic.topic.agent-events", agentEventsTopic + suffix);
            p.setProperty("kic.topic.dead-letters", deadLetterTopic + suffix);
        });
    }

    private KicConfig copy(java.util.function.Consumer<Properties> change) {
        Properties p = toProperties();
        change.accept(p);
        return fromProperties(p);
    }

    /** The settings as properties, the inverse of {@link #fromProperties}. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("kic.application-id", applicationId);
        p.setProperty("kic.bootstrap-servers", bootstrapServers);
        p.setProperty("kic.schema-registry-url", schemaRegistryUrl);
        p.setProperty("kic.topic.contact-events", contactEventsTopic);
        p.setProperty("kic.topic.email-events", emailEventsTopic);
        p.setProperty("kic.topic.agent-events", agentEventsTopic);
        p.setProperty("kic.topic.dead-letters", deadLetterTopic);
        p.setProperty("kic.input-partitions", Integer.toString(inputPartitions));
        p.setProperty("kic.replication-factor", Integer.toString(replicationFactor));
        p.setProperty("kic.stream-threads", Integer.toString(streamThreads));
        p.setProperty("kic.state-dir", stateDir.toString());
        p.setProperty("kic.zone", zone.getId());
        p.setProperty("kic.short-abandon-threshold-seconds", Settings.secondsText(shortAbandonThreshold));
        p.setProperty("kic.exclude-short-abandoned", Boolean.toString(excludeShortAbandoned));
        p.setProperty("kic.rejected-counts-as-not-reached", Boolean.toString(rejectedCountsAsNotReached));
        p.setProperty("kic.service-level-target-seconds.call", Settings.secondsText(callServiceLevelTarget));
        p.setProperty("kic.service-level-target-seconds.chat", Settings.secondsText(chatServiceLevelTarget));
        p.setProperty("kic.lost-after-minutes", Long.toString(lostAfter.toMinutes()));
        p.setProperty("kic.contact-retention-days", Long.toString(contactRetention.toDays()));
        p.setProperty("kic.fine-interval-retention-days", Long.toString(fineIntervalRetention.toDays()));
        p.setProperty("kic.purge-interval-minutes", Long.toString(purgeInterval.toMinutes()));
        p.setProperty("kic.clock-check-interval-millis", Long.toString(clockCheckInterval.toMillis()));
        p.setProperty("kic.http-port", Integer.toString(httpPort));
        p.setProperty("kic.calendar.opening-time", openingTime.toString());
        p.setProperty("kic.calendar.closing-time", closingTime.toString());
        p.setProperty("kic.calendar.good-friday-holiday", Boolean.toString(goodFridayIsHoliday));
        p.setProperty("kic.calendar.liberation-day-holiday", Boolean.toString(liberationDayIsHoliday));
        p.setProperty("kic.calendar.extra-closure-days", extraClosureDays.stream().sorted().map(LocalDate::toString)
                .collect(java.util.stream.Collectors.joining(",")));
        p.setProperty("kic.email.acknowledge-within-minutes", Long.toString(acknowledgeWithin.toMinutes()));
        p.setProperty("kic.email.simple-answer-working-days", Integer.toString(simpleAnswerWorkingDays));
        p.setProperty("kic.email.complex-answer-working-days", Integer.toString(complexAnswerWorkingDays));
        p.setProperty("kic.email.retention-days", Long.toString(emailRetention.toDays()));
        p.setProperty("kic.wallboard.reachability-target", Double.toString(wallboard.reachabilityTarget()));
        p.setProperty("kic.wallboard.reachability-floor", Double.toString(wallboard.reachabilityFloor()));
        p.setProperty("kic.wallboard.longest-wait-amber-seconds", Integer.toString(wallboard.longestWaitAmberSeconds()));
        p.setProperty("kic.wallboard.longest-wait-red-seconds", Integer.toString(wallboard.longestWaitRedSeconds()));
        p.setProperty("kic.wallboard.refresh-seconds", Integer.toString(wallboard.refreshSeconds()));
        p.setProperty("kic.wallboard.stale-after-minutes", Integer.toString(wallboard.staleAfterMinutes()));
        p.setProperty("kic.queues", String.join(",", new java.util.TreeSet<>(queues)));
        p.setProperty("kic.future-tolerance-minutes", Long.toString(futureTolerance.toMinutes()));
        p.setProperty("kic.events.max-age-days", Long.toString(eventsMaxAge.toDays()));
        p.setProperty("kic.standby-replicas", Integer.toString(standbyReplicas));
        p.setProperty("kic.advertised-http", advertisedHttp);
        p.setProperty("kic.http.viewer-tokens", String.join(",", new java.util.TreeSet<>(access.viewerTokens())));
        p.setProperty("kic.http.internal-secret", access.internalSecret());
        p.setProperty("kic.http.key-store", access.keyStore());
        p.setProperty("kic.http.key-store-password", access.keyStorePassword());
        p.setProperty("kic.http.trust-store", access.trustStore());
        p.setProperty("kic.http.trust-store-password", access.trustStorePassword());
        p.setProperty("kic.norm.reachability", Double.toString(norms.reachability()));
        p.setProperty("kic.norm.average-wait-seconds", Settings.secondsText(norms.averageWait()));
        p.setProperty("kic.norm.service-level.call", Double.toString(norms.callServiceLevel()));
        p.setProperty("kic.norm.service-level.chat", Double.toString(norms.chatServiceLevel()));
        p.setProperty("kic.norm.email.acknowledged-on-time", Double.toString(norms.emailAcknowledgedOnTime()));
        p.setProperty("kic.norm.email.answered-on-time", Double.toString(norms.emailAnsweredOnTime()));
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
    public java.util.SortedMap<String, String> definingSettings() {
        java.util.SortedMap<String, String> settings = new java.util.TreeMap<>();
        Properties p = toProperties();
        for (String key : p.stringPropertyNames()) {
            if (DEFINING_SETTINGS.stream().anyMatch(prefix -> prefix.endsWith(".") ? key.startsWith(prefix) : key.equals(prefix))) {
                settings.put(key, p.getProperty(key));
            }
        }
        return settings;
    }

    /** Reads one typed setting, accepting the key with dots in place of dashes (as from the environment), and notes which keys were read. */
    private static final class Settings {
        private final Properties properties;
        private final Set<String> read = new java.util.HashSet<>();

        Settings(Properties properties) {
            this.properties = properties;
        }

        <T> T get(String key, T fallback, Function<String, T> parse) {
            read.add(key.replace('-', '.'));
            String value = properties.getProperty(key, properties.getProperty(key.replace('-', '.')));
            if (value == null) {
                return fallback;
            }
            try {
                return parse.apply(value.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid value '" + value + "' for setting " + key, e);
            }
        }

        /**
         * kic.* keys that no setting read; kic.kafka.* go to Kafka, kic.internal.* are the application's
         * own; KIC_PSEUDONYM_KEY (the import's key) and KIC_API_TOKEN (the report's token) are read by their commands and never kept here.
         */
        List<String> unknownKeys() {
            return properties.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("kic.") && !k.startsWith("kic.kafka.") && !k.startsWith("kic.internal."))
                    .filter(k -> !k.equals("kic.pseudonym.key") && !k.equals("kic.api.token"))
                    .filter(k -> !read.contains(k.replace('-', '.')))
                    .sorted().toList();
        }

        static Duration seconds(String value) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }

        static Set<LocalDate> dates(String value) {
            Set<LocalDate> dates = new java.util.TreeSet<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    dates.add(LocalDate.parse(part.trim()));
                }
            }
            return Set.copyOf(dates);
        }

        /** Settings under kic.kafka.; from the environment they arrive with dots only, as Kafka's own names are. */
        Map<String, String> kafkaOverrides() {
            Map<String, String> overrides = new java.util.TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("kic.kafka.")) {
                    overrides.put(key.substring("kic.kafka.".length()), properties.getProperty(key).trim());
                }
            }
            return Map.copyOf(overrides);
        }

        static Set<String> names(String value) {
            Set<String> names = new java.util.TreeSet<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
            return Set.copyOf(names);
        }

        static String secondsText(Duration d) {
            return Double.toString(d.toMillis() / 1000.0);
        }
    }
}
