package nl.kic.analytics.tools.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kic.analytics.app.StaffingQuery;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.emails.EmailFigures;
import nl.kic.analytics.domain.emails.EmailMetricsRow;
import nl.kic.analytics.domain.staffing.FitSummary;
import nl.kic.analytics.domain.staffing.PatienceEstimate;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.config.ProductVersion;
import nl.kic.analytics.platform.config.Tls;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.tools.replay.AgentMetricsCsv;
import nl.kic.analytics.tools.replay.ContactMetricsCsv;
import nl.kic.analytics.tools.replay.EmailMetricsCsv;
import nl.kic.analytics.tools.replay.Replay;
import nl.kic.analytics.tools.replay.ReplaySummaryFile;

/** Where a report's figures come from: a replay it runs, the output of an earlier replay, or a running instance's API. */
public final class ReportSources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportSources() {
    }

    /**
     * Replays {@code inputs} into {@code replayDir} and reads its output. The 15-minute, hour and day
     * rows are kept from {@code keepFrom} (the start of every period the report shows) up to today or
     * the end of the period, whichever is later, so that the replay never refuses them as too late.
     */
    static ReportData replay(List<Path> inputs, Path replayDir, KicConfig config, LocalDate keepFrom, LocalDate periodEnd)
            throws IOException, InterruptedException {
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                throw new IOException("cannot read the input file " + input.getFileName());
            }
        }
        LocalDate until = LocalDate.now(config.zone()).isAfter(periodEnd) ? LocalDate.now(config.zone()) : periodEnd;
        long days = ChronoUnit.DAYS.between(keepFrom, until) + 2;
        KicConfig replayConfig = config;
        if (days > config.fineIntervalRetention().toDays()) {
            Properties settings = config.toProperties();
            settings.setProperty("kic.fine-interval-retention-days", Long.toString(days));
            replayConfig = KicConfig.fromProperties(settings);
        }
        Replay.run(inputs, replayDir, replayConfig, null);
        return replayOutput(replayDir, config);
    }

    /**
     * The output directory of an earlier replay: its CSV files and {@code replay_summary.json}; the
     * staffing on the past is worked out here from its 15-minute rows and agents present, with the
     * report's configuration (its norm).
     */
    static ReportData replayOutput(Path dir, KicConfig config) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("the replay output directory " + dir + " does not exist");
        }
        Replay.Summary summary = ReplaySummaryFile.read(dir);
        List<ContactMetricsRow> contacts = ContactMetricsCsv.read(dir.resolve("contact_metrics.csv"));
        List<EmailMetricsRow> emails = EmailMetricsCsv.read(dir.resolve("email_metrics.csv"));
        ReportData.Quality quality = new ReportData.Quality("input", summary.deadLettersByReason(), summary.duplicatesDropped(),
                summary.rejectedLines());
        Map<ReportChannel, Map<LocalDate, Long>> refused = new EnumMap<>(ReportChannel.class);
        for (ReportChannel channel : ReportChannel.values()) {
            Map<LocalDate, Long> byDay = new TreeMap<>();
            summary.refusedByChannelAndDay().getOrDefault(channel.key(), new TreeMap<>())
                    .forEach((day, count) -> byDay.put(LocalDate.parse(day), count));
            refused.put(channel, byDay);
        }
        List<AgentPresenceQuery.Row> presence = AgentMetricsCsv.read(dir.resolve("agent_metrics.csv"));
        StaffingQuery.Answer staffing = null;
        if (!presence.isEmpty()) {
            List<ContactMetricsRow> all = contacts.stream().filter(r -> r.queue().equals(ContactMetricsRow.ALL_QUEUES)).toList();
            staffing = StaffingQuery.of(all.stream().filter(r -> r.granularity() == Granularity.FIFTEEN_MINUTES).toList(),
                    all.stream().filter(r -> r.granularity() == Granularity.DAY).toList(), presence, config, 0);
        }
        return new ReportData(contacts, emails, summary.clock(), summary.settings(), quality, summary.inputs(), summary.version(),
                ReportData.Origin.REPLAY, refused, imports(summary), summary.simulated(), staffing, presence,
                CallerFigureFiles.callers(dir), CallerFigureFiles.reasons(dir));
    }

    private static List<ReportData.ImportCounts> imports(Replay.Summary summary) {
        return summary.imports().stream().map(i -> new ReportData.ImportCounts(ReportBuilder.fileName(i.inputFileName()), i.format(),
                i.countsByReason())).toList();
    }

    /**
     * A running instance: its interval figures for the period and the year before, its clock, and what
     * its own counters say it dropped since it started. The settings are this command's configuration,
     * which must be the instance's.
     */
    static ReportData api(URI base, String token, ReportPeriod period, KicConfig config) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(Tls.client(config.access())).build();
        String root = base.toString().replaceAll("/+$", "");
        JsonNode health = JSON.readTree(get(http, root + "/api/health", token, Duration.ofSeconds(60)));
        Instant clock = Instant.parse(health.path("clock").asText());
        List<ContactMetricsRow> contacts = new ArrayList<>();
        List<EmailMetricsRow> emails = new ArrayList<>();
        // One request per month of the period and the year before (the comparisons, the 13-month trend
        // and the coverage of each), so that each stays well within the rows one request may have
        // (kic.api.max-rows), however many queues there are; hour rows for the heat map of the period only.
        List<LocalDate> monthStarts = new ArrayList<>();
        for (LocalDate month = period.previous().start(); month.isBefore(period.end()); month = month.plusMonths(1)) {
            monthStarts.add(month);
        }
        for (Granularity granularity : List.of(Granularity.YEAR, Granularity.MONTH, Granularity.DAY, Granularity.HOUR)) {
            if (granularity == Granularity.YEAR && !period.isYear()) {
                continue;
            }
            List<LocalDate> months = granularity == Granularity.YEAR ? List.of(period.previous().start())
                    : granularity == Granularity.HOUR ? monthStarts.stream().filter(m -> !m.isBefore(period.start())).toList() : monthStarts;
            for (LocalDate month : months) {
                LocalDate end = granularity == Granularity.YEAR ? period.end() : month.plusMonths(1);
                String query = "?granularity=" + granularity.label() + "&from=" + month + "&to=" + end;
                for (JsonNode r : JSON.readTree(get(http, root + "/api/contacts/metrics" + query, token, Duration.ofSeconds(60))).path("rows")) {
                    contacts.add(new ContactMetricsRow(Channel.valueOf(r.path("channel").asText()), r.path("queue").asText(), granularity,
                            OffsetDateTime.parse(r.path("intervalStart").asText()),
                            new ContactFigures(r.path("offered").asLong(), r.path("answered").asLong(), r.path("abandoned").asLong(),
                                    r.path("shortAbandoned").asLong(), r.path("rejected").asLong(), r.path("open").asLong(), r.path("lost").asLong(),
                                    number(r, "reachability"), number(r, "serviceLevel"), number(r, "asaSeconds"), number(r, "waitP50Seconds"),
                                    number(r, "waitP90Seconds"), number(r, "maxWaitSeconds"), number(r, "avgAbandonWaitSeconds"),
                                    number(r, "ahtSeconds"))));
                }
                for (JsonNode r : JSON.readTree(get(http, root + "/api/emails/metrics" + query, token, Duration.ofSeconds(60))).path("rows")) {
                    emails.add(new EmailMetricsRow(r.path("category").asText(), granularity, OffsetDateTime.parse(r.path("intervalStart").asText()),
                            new EmailFigures(r.path("receivedGross").asLong(), r.path("spam").asLong(), r.path("receivedNet").asLong(),
                                    r.path("answered").asLong(), r.path("closedWithoutAnswer").asLong(), r.path("open").asLong(),
                                    number(r, "answeredShare"), r.path("acknowledgedOnTime").asLong(), r.path("answeredOnTime").asLong(),
                                    r.path("mustAnswerViolations").asLong())));
                }
            }
        }
        String metrics = get(http, root + "/metrics", token, Duration.ofSeconds(60));
        ReportData.Quality quality = new ReportData.Quality("instance", countersByLabel(metrics, "kic_events_dead_lettered_total", "reason"),
                sum(metrics, "kic_events_duplicates_dropped_total"), 0);
        return new ReportData(contacts, emails, clock, config.definingSettings(), quality, List.of(), ProductVersion.current(),
                ReportData.Origin.API, null, List.of(), health.path("simulated").asBoolean(false), staffing(http, root, token, period), null,
                CallerFigureAnswers.callers(http, root, token, period), CallerFigureAnswers.reasons(http, root, token, period));
    }

    /** The instance's staffing on the past for the period (GET /api/staffing); null when it has no agents present. */
    private static StaffingQuery.Answer staffing(HttpClient http, String root, String token, ReportPeriod period)
            throws IOException, InterruptedException {
        JsonNode body = JSON.readTree(get(http, root + "/api/staffing?from=" + period.start() + "&to=" + period.end(), token, Duration.ofSeconds(60)));
        List<StaffingQuery.IntervalStaffing> intervals = new ArrayList<>();
        for (JsonNode i : body.path("intervals")) {
            intervals.add(new StaffingQuery.IntervalStaffing(i.path("channel").asText(), OffsetDateTime.parse(i.path("intervalStart").asText()),
                    i.path("offered").asLong(), i.path("arrivalsPerHour").asDouble(), number(i, "ahtSeconds"),
                    PatienceEstimate.NONE, i.path("agentsPresent").asDouble(),
                    i.path("agentsForNorm").isNumber() ? i.path("agentsForNorm").asInt() : null, number(i, "predictedReachability"),
                    number(i, "predictedReachabilityWithExtraAgents"), number(i, "measuredReachability")));
        }
        if (intervals.isEmpty()) {
            return null;
        }
        List<Double> errors = new ArrayList<>();
        for (JsonNode d : body.path("days")) {
            Double predicted = number(d, "predictedReachability");
            Double measured = number(d, "measuredReachability");
            if (predicted != null && measured != null) {
                errors.add(predicted - measured);
            }
        }
        return new StaffingQuery.Answer(body.path("normReachability").asDouble(), 0, intervals, List.of(),
                FitSummary.of(errors));
    }

    /** GET {@code url} of a running instance with the viewer token (or none): the body of a 200, else an error that says what to do. */
    public static String get(HttpClient http, String url, String token, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the API at " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (response.statusCode() == 401) {
            throw new IOException("the API at " + url + " refused the request (401): give a viewer token in KIC_API_TOKEN or --token-file");
        }
        if (response.statusCode() != 200) {
            throw new IOException("the API at " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Double number(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);

    private static SortedMap<String, Long> countersByLabel(String metrics, String name, String label) {
        SortedMap<String, Long> counts = new TreeMap<>();
        Matcher m = SAMPLE.matcher(metrics);
        Pattern labelValue = Pattern.compile(label + "=\"([^\"]*)\"");
        while (m.find()) {
            if (m.group(1).equals(name) && m.group(2) != null) {
                Matcher l = labelValue.matcher(m.group(2));
                if (l.find()) {
                    counts.merge(l.group(1), Math.round(Double.parseDouble(m.group(3))), Long::sum);
                }
            }
        }
        return counts;
    }

    private static long sum(String metrics, String name) {
        long total = 0;
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                total += Math.round(Double.parseDouble(m.group(3)));
            }
        }
        return total;
    }
}
