package nl.kic.analytics.domain.contacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.Endpoint;
import nl.kic.analytics.domain.FigureSink;
import nl.kic.analytics.domain.QueryParameters;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.Wiring;
import nl.kic.analytics.domain.attempts.Attempt;
import nl.kic.analytics.domain.attempts.AttemptChange;
import nl.kic.analytics.domain.entity.EntityProcessor;
import nl.kic.analytics.domain.entity.EntityTopology;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Calls and chats as a domain: ContactEvents in, per contact a state judged by the definitions of
 * docs/metrics.md ({@link ContactKind}), interval rows per channel and queue, and the live index
 * of contacts waiting and recent outcomes; {@code /api/contacts/metrics} and
 * {@code /api/contacts/live}; the {@code kic_contacts_*} gauges.
 */
public final class Contacts implements Domain {

    /** The settings of calls and chats, from the one settings table. */
    public record Settings(String inputTopic, ContactRules rules, ContactFigures.Definitions definitions, EntityProcessor.Settings entity,
                           ZoneId zone, WorkingDayCalendar calendar, long staleAfterMillis, Set<String> queues, Duration callerLateAllowance,
                           boolean keepCallerKeys) {
        public static Settings from(KicConfig config) {
            return new Settings(config.contactEventsTopic(), ContactRules.from(config), ContactFigures.Definitions.from(config),
                    new EntityProcessor.Settings(config.contactRetention(), config.fineIntervalRetention(), config.purgeInterval(),
                            config.clockCheckInterval()),
                    config.zone(), config.calendar(), Duration.ofMinutes(config.wallboard().staleAfterMinutes()).toMillis(),
                    Set.copyOf(config.queues()), config.callerLateAllowance(), config.callersKeepAllMonths());
        }
    }

    public static final StoreHandle<String, ContactState> STATE =
            new StoreHandle<>(ContactKind.CONTACT_STATE_STORE, Serdes.String(), ContactState.serde(), false);
    public static final StoreHandle<String, ContactState> JUDGED =
            new StoreHandle<>(ContactKind.JUDGED_STORE, Serdes.String(), ContactState.compactSerde(), false);
    public static final StoreHandle<Bytes, byte[]> WAITING = StoreHandle.queriedBytes(ContactKind.WAITING_STORE);
    public static final StoreHandle<Bytes, byte[]> OUTCOMES = StoreHandle.queriedBytes(ContactKind.OUTCOMES_STORE);
    public static final StoreHandle<Bytes, byte[]> INTERVALS = StoreHandle.queriedBytes(ContactKind.INTERVAL_STORE);

    private final Settings settings;
    private final ApplicationClock clock;

    public Contacts(Settings settings, ApplicationClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public String inputTopic() {
        return settings.inputTopic();
    }

    /** Adds the contacts' part and offers their attempts ({@link AttemptChange#FEED}) to the caller figures. */
    @Override
    public void addTo(StreamsBuilder builder, Wiring wiring) {
        KStream<String, Change<Contribution>> changes = EntityTopology.build(builder, new ContactKind(settings.rules(), settings.zone(), settings.callerLateAllowance(),
                settings.keepCallerKeys()),
                new EntityTopology.Wiring<>(settings.inputTopic(), wiring.<ContactEvent>inputSerde(ContactEvent.getClassSchema()),
                        wiring.checks(), wiring.clock(), wiring.metrics(), settings.entity(), settings.zone(), wiring.applicationId()));
        wiring.offer(AttemptChange.FEED, () -> changes.flatMap((contactId, change) -> AttemptChange.keyed(
                attempt(contactId, change.before()), attempt(contactId, change.after()), settings.zone()), Named.as("contact-attempts")));
    }

    /**
     * The contact as an attempt, or null when it is none: as the reachability denominator counts
     * contacts, an open one too (a short abandon only when those count, a rejection only when it
     * counts as not reached).
     */
    Attempt attempt(String contactId, Contribution c) {
        if (c == null || c.shortAbandoned() && settings.definitions().excludeShortAbandoned()
                || c.status() == Contribution.Status.REJECTED && !settings.definitions().rejectedCountsAsNotReached()) {
            return null;
        }
        Attempt.Outcome outcome = switch (c.status()) {
            case ANSWERED -> Attempt.Outcome.ANSWERED;
            case OPEN -> Attempt.Outcome.OPEN;
            case LOST, ABANDONED, REJECTED -> Attempt.Outcome.UNANSWERED;
        };
        boolean answered = outcome == Attempt.Outcome.ANSWERED;
        return new Attempt(contactId, c.channel(), c.queue(), c.contactTimeMillis(), outcome,
                answered ? c.contactTimeMillis() + c.waitMillis() : -1, answered ? c.talkMillis() : -1, c.callerKey(), c.reason());
    }

    @Override
    public List<StoreHandle<?, ?>> stores() {
        return List.of(STATE, JUDGED, WAITING, OUTCOMES, INTERVALS);
    }

    @Override
    public Map<String, Integer> storedFormats() {
        return Map.of("contact-state", ContactState.FULL_FORMAT, "contact-compact-record", ContactState.COMPACT_FORMAT,
                "contact-interval-row", ContactIntervalStats.FORMAT_VERSION, "live-outcome", LiveIndex.OUTCOME_FORMAT);
    }

    /** Interval figures of calls and chats. */
    public ContactMetricsQuery metrics(StoreReader stores) {
        return new ContactMetricsQuery(stores.store(INTERVALS), settings.zone(), settings.definitions());
    }

    /** Live figures of calls and chats at the clock. */
    public LiveFiguresQuery live(StoreReader stores) {
        return new LiveFiguresQuery(stores.store(WAITING), stores.store(OUTCOMES), clock, settings);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("/api/contacts/live", (parameters, stores) -> liveAnswer(stores)),
                new Endpoint("/api/contacts/metrics", this::metricsAnswer));
    }

    private Endpoint.Answer liveAnswer(StoreReader stores) {
        ObjectNode body = QueryParameters.JSON.createObjectNode().put("clock", clock.now().toString());
        ArrayNode queues = body.putArray("queues");
        for (LiveFigures figures : live(stores).figures()) {
            queues.add(QueryParameters.JSON.valueToTree(figures));
        }
        return new Endpoint.Answer(body, 0);
    }

    private Endpoint.Answer metricsAnswer(Map<String, String> parameters, StoreReader stores) {
        Granularity granularity = QueryParameters.granularity(parameters);
        QueryParameters.Range range = QueryParameters.range(parameters, settings.zone());
        Channel channel = QueryParameters.channel(parameters);
        String queue = parameters.get("queue");
        ContactMetricsQuery query = metrics(stores);
        List<ContactMetricsRow> rows = query.rows(granularity, range.from(), range.to(), channel, queue);
        if (queue != null && rows.isEmpty()) {
            Set<String> known = knownQueues(query);
            if (!known.contains(queue)) {
                throw new Endpoint.UnknownName("queue", known);
            }
        }
        ObjectNode body = QueryParameters.JSON.createObjectNode().put("granularity", granularity.label());
        ArrayNode array = body.putArray("rows");
        for (ContactMetricsRow row : rows) {
            ObjectNode node = array.addObject()
                    .put("channel", row.channel().name())
                    .put("queue", row.queue())
                    .put("intervalStart", row.intervalStart().toString());
            node.setAll((ObjectNode) QueryParameters.JSON.valueToTree(row.figures()));
        }
        return new Endpoint.Answer(body, rows.size());
    }

    /** The queues in the data (each has a year row), those of kic.queues, and ALL. */
    private Set<String> knownQueues(ContactMetricsQuery query) {
        Set<String> known = new TreeSet<>(settings.queues());
        known.add(ContactMetricsRow.ALL_QUEUES);
        query.rows(Granularity.YEAR, null, null, null, null).forEach(row -> known.add(row.queue()));
        return known;
    }

    /**
     * Live figures per channel and queue (waiting now, the longest wait, the last 15 minutes and
     * today, freshness) and the figures of today and this month.
     */
    @Override
    public void figures(StoreReader stores, Instant now, FigureSink sink) {
        for (LiveFigures f : live(stores).figures()) {
            String[] series = {"channel", f.channel().name(), "queue", f.queue()};
            sink.set("kic.contacts.waiting", f.waitingNow(), series);
            sink.set("kic.contacts.longest.wait.seconds", f.longestWaitNowSeconds(), series);
            rolling(sink, series, "15m", f.last15Minutes());
            rolling(sink, series, "today", f.today());
            if (f.queue().equals(ContactMetricsRow.ALL_QUEUES)) {
                sink.set("kic.contacts.newest.event.age.seconds", f.newestEventAgeSeconds(), "channel", f.channel().name());
                sink.set("kic.feed.stale", f.stale() ? 1 : 0, "channel", f.channel().name());
            }
        }
        for (Granularity granularity : new Granularity[] {Granularity.DAY, Granularity.MONTH}) {
            Instant start = granularity.intervalStart(now, settings.zone()).toInstant();
            for (ContactMetricsRow row : metrics(stores).rows(granularity, start, start.plusMillis(1), null, null)) {
                ContactFigures f = row.figures();
                String[] tags = {"channel", row.channel().name(), "queue", row.queue(), "period", granularity == Granularity.DAY ? "today" : "month"};
                sink.set("kic.contacts.interval.offered", f.offered(), tags);
                sink.set("kic.contacts.interval.answered", f.answered(), tags);
                sink.set("kic.contacts.interval.reachability", ratio(f.reachability()), tags);
                sink.set("kic.contacts.interval.asa.seconds", ratio(f.asaSeconds()), tags);
            }
        }
    }

    private static void rolling(FigureSink sink, String[] series, String window, RollingFigures f) {
        String[] tags = Arrays.copyOf(series, series.length + 2);
        tags[series.length] = "window";
        tags[series.length + 1] = window;
        sink.set("kic.contacts.reachability", ratio(f.reachability()), tags);
        sink.set("kic.contacts.service.level", ratio(f.serviceLevel()), tags);
        sink.set("kic.contacts.asa.seconds", ratio(f.asaSeconds()), tags);
        sink.set("kic.contacts.answered", f.answered(), tags);
        sink.set("kic.contacts.abandoned", f.abandoned(), tags);
        sink.set("kic.contacts.short.abandoned", f.shortAbandoned(), tags);
        sink.set("kic.contacts.rejected", f.rejected(), tags);
    }

    private static double ratio(Double value) {
        return value == null ? Double.NaN : value;
    }
}
