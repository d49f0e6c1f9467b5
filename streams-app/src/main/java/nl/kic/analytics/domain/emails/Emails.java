package nl.kic.analytics.domain.emails;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
import nl.kic.analytics.domain.entity.EntityProcessor;
import nl.kic.analytics.domain.entity.EntityTopology;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Contact-form e-mail as a domain: EmailEvents in, per e-mail a state judged against the
 * e-mailgedragslijn on the working-day calendar ({@link EmailKind}), interval rows per category,
 * and the live backlog; {@code /api/emails/metrics} and {@code /api/emails/live}; the
 * {@code kic_email_*} gauges.
 */
public final class Emails implements Domain {

    /** The settings of e-mail, from the one settings table. */
    public record Settings(String inputTopic, EmailRules rules, EntityProcessor.Settings entity, ZoneId zone) {
        public static Settings from(KicConfig config) {
            return new Settings(config.emailEventsTopic(), EmailRules.from(config),
                    new EntityProcessor.Settings(config.emailRetention(), config.fineIntervalRetention(), config.purgeInterval(),
                            config.clockCheckInterval()),
                    config.zone());
        }
    }

    public static final StoreHandle<String, EmailState> STATE =
            new StoreHandle<>(EmailKind.EMAIL_STATE_STORE, Serdes.String(), EmailState.serde(), false);
    public static final StoreHandle<String, EmailState> JUDGED =
            new StoreHandle<>(EmailKind.JUDGED_STORE, Serdes.String(), EmailState.compactSerde(), false);
    public static final StoreHandle<Bytes, byte[]> BACKLOG = StoreHandle.queriedBytes(EmailKind.BACKLOG_STORE);
    public static final StoreHandle<Bytes, byte[]> DEADLINES = StoreHandle.internalBytes(EmailKind.DEADLINE_STORE);
    public static final StoreHandle<Bytes, byte[]> INTERVALS = StoreHandle.queriedBytes(EmailKind.INTERVAL_STORE);

    private final Settings settings;
    private final ApplicationClock clock;

    public Emails(Settings settings, ApplicationClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "emails";
    }

    @Override
    public String inputTopic() {
        return settings.inputTopic();
    }

    @Override
    public void addTo(StreamsBuilder builder, Wiring wiring) {
        EntityTopology.build(builder, new EmailKind(settings.rules()), new EntityTopology.Wiring<>(settings.inputTopic(),
                wiring.<EmailEvent>inputSerde(EmailEvent.getClassSchema()), wiring.checks(), wiring.clock(), wiring.metrics(),
                settings.entity(), settings.zone(), wiring.applicationId()));
    }

    @Override
    public List<StoreHandle<?, ?>> stores() {
        return List.of(STATE, JUDGED, BACKLOG, DEADLINES, INTERVALS);
    }

    @Override
    public Map<String, Integer> storedFormats() {
        return Map.of("email-state", EmailState.FULL_FORMAT, "email-compact-record", EmailState.COMPACT_FORMAT,
                "email-interval-row", EmailIntervalStats.FORMAT_VERSION, "email-backlog-entry", EmailBacklogIndex.BACKLOG_FORMAT);
    }

    /** E-mail interval figures. */
    public EmailMetricsQuery metrics(StoreReader stores) {
        return new EmailMetricsQuery(stores.store(INTERVALS), settings.zone());
    }

    /** The live e-mail backlog at the clock. */
    public EmailBacklogQuery backlog(StoreReader stores) {
        return new EmailBacklogQuery(stores.store(BACKLOG), clock, settings.rules().calendar());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("/api/emails/live", (parameters, stores) -> liveAnswer(stores)),
                new Endpoint("/api/emails/metrics", this::metricsAnswer));
    }

    private Endpoint.Answer liveAnswer(StoreReader stores) {
        ObjectNode body = QueryParameters.JSON.createObjectNode().put("clock", clock.now().toString());
        ArrayNode categories = body.putArray("categories");
        for (EmailBacklog backlog : backlog(stores).backlog()) {
            categories.add(QueryParameters.JSON.valueToTree(backlog));
        }
        return new Endpoint.Answer(body, 0);
    }

    private Endpoint.Answer metricsAnswer(Map<String, String> parameters, StoreReader stores) {
        Granularity granularity = QueryParameters.granularity(parameters);
        QueryParameters.Range range = QueryParameters.range(parameters, settings.zone());
        String category = parameters.get("category");
        Set<String> categories = new TreeSet<>();
        categories.add(EmailMetricsRow.ALL_CATEGORIES);
        for (EmailCategory known : EmailCategory.values()) {
            categories.add(known.name());
        }
        if (category != null && !categories.contains(category)) {
            throw new Endpoint.UnknownName("category", categories);
        }
        List<EmailMetricsRow> rows = metrics(stores).rows(granularity, range.from(), range.to(), category);
        ObjectNode body = QueryParameters.JSON.createObjectNode().put("granularity", granularity.label());
        ArrayNode array = body.putArray("rows");
        for (EmailMetricsRow row : rows) {
            ObjectNode node = array.addObject()
                    .put("category", row.category())
                    .put("intervalStart", row.intervalStart().toString());
            node.setAll((ObjectNode) QueryParameters.JSON.valueToTree(row.figures()));
        }
        return new Endpoint.Answer(body, rows.size());
    }

    /** The backlog per category now, and the figures of today and this month. */
    @Override
    public void figures(StoreReader stores, Instant now, FigureSink sink) {
        for (EmailBacklog b : backlog(stores).backlog()) {
            sink.set("kic.email.backlog", b.backlog(), "category", b.category());
            sink.set("kic.email.overdue", b.overdueNow(), "category", b.category());
            sink.set("kic.email.oldest.open.working.days", b.oldestOpenWorkingDays(), "category", b.category());
        }
        for (Granularity granularity : new Granularity[] {Granularity.DAY, Granularity.MONTH}) {
            ZonedDateTime start = granularity.intervalStart(now, settings.zone());
            for (EmailMetricsRow row : metrics(stores).rows(granularity, start.toInstant(), start.toInstant().plusMillis(1), null)) {
                EmailFigures f = row.figures();
                String[] tags = {"category", row.category(), "period", granularity == Granularity.DAY ? "today" : "month"};
                sink.set("kic.email.received.gross", f.receivedGross(), tags);
                sink.set("kic.email.received.net", f.receivedNet(), tags);
                sink.set("kic.email.answered", f.answered(), tags);
                sink.set("kic.email.answered.share", f.answeredShare() == null ? Double.NaN : f.answeredShare(), tags);
                sink.set("kic.email.answered.on.time", f.answeredOnTime(), tags);
                sink.set("kic.email.must.answer.violations", f.mustAnswerViolations(), tags);
            }
        }
    }
}
