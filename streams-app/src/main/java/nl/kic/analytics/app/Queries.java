package nl.kic.analytics.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kic.analytics.domain.StoreReader;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.agents.Agents;
import nl.kic.analytics.domain.agents.AgentsQuery;
import nl.kic.analytics.domain.callers.CallerMetricsQuery;
import nl.kic.analytics.domain.callers.Callers;
import nl.kic.analytics.domain.callers.ProtectedCallerRow;
import nl.kic.analytics.domain.callers.ProtectedReasonRow;
import nl.kic.analytics.domain.callers.ReasonMetricsQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsQuery;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.contacts.Contacts;
import nl.kic.analytics.domain.contacts.LiveFiguresQuery;
import nl.kic.analytics.domain.emails.EmailBacklogQuery;
import nl.kic.analytics.domain.emails.EmailMetricsQuery;
import nl.kic.analytics.domain.emails.Emails;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;

/**
 * The queries of the product's figures for the tools (replay, report, the API), over the stores
 * wherever those are read: every instance's partitions ({@link KicApplication}) or a test's topology
 * driver. Each domain's queries are its own; the application adds those that combine domains.
 */
public record Queries(StoreReader stores, Domains domains, KicConfig config, ApplicationClock clock) {

    /** Interval figures of calls and chats. */
    public ContactMetricsQuery contactMetrics() {
        return domains.get(Contacts.class).metrics(stores);
    }

    /** Live figures of calls and chats at the clock. */
    public LiveFiguresQuery liveFigures() {
        return domains.get(Contacts.class).live(stores);
    }

    /** E-mail interval figures. */
    public EmailMetricsQuery emailMetrics() {
        return domains.get(Emails.class).metrics(stores);
    }

    /** The live e-mail backlog at the clock. */
    public EmailBacklogQuery emailBacklog() {
        return domains.get(Emails.class).backlog(stores);
    }

    /** Caller figures as computed, before small cells are protected. */
    public CallerMetricsQuery callerMetrics() {
        return domains.get(Callers.class).metrics(stores);
    }

    /** Reason figures as computed, before small cells are protected. */
    public ReasonMetricsQuery reasonMetrics() {
        return domains.get(Callers.class).reasons(stores);
    }

    /** Caller figures as they leave the product: the whole table, small cells hidden. */
    public List<ProtectedCallerRow> protectedCallers() {
        return domains.get(Callers.class).protectedCallers(stores);
    }

    /** Reason figures as they leave the product: the whole table, small cells hidden. */
    public List<ProtectedReasonRow> protectedReasons() {
        return domains.get(Callers.class).protectedReasons(stores);
    }

    /** Agents now per queue and team. */
    public AgentsQuery agents() {
        return domains.get(Agents.class).now(stores);
    }

    /**
     * Agents present per channel ({@code CALL}, {@code CHAT}) and interval with a start in [from, to)
     * (null bounds open). A queue belongs to the channel of the contacts offered in it, as the day
     * rows of the contact figures from the day of {@code from} to {@code to} show; an agent counts for
     * a channel when it serves at least one of its queues.
     */
    public List<AgentPresenceQuery.Row> agentPresence(Granularity granularity, Instant from, Instant to) {
        Instant dayOfFrom = from == null ? null : Granularity.DAY.intervalStart(from, config.zone()).toInstant();
        Map<String, Set<String>> queuesByChannel = new TreeMap<>();
        for (ContactMetricsRow row : contactMetrics().rows(Granularity.DAY, dayOfFrom, to, null, null)) {
            if (!row.queue().equals(ContactMetricsRow.ALL_QUEUES)) {
                queuesByChannel.computeIfAbsent(row.channel().name(), c -> new TreeSet<>()).add(row.queue());
            }
        }
        return domains.get(Agents.class).presence(stores).rows(granularity, from, to, queuesByChannel);
    }

    /** Staffing on the past: the model's inputs, its prediction against the measured reachability, and the norm's staff. */
    public StaffingQuery staffing() {
        return new StaffingQuery(this, config);
    }
}
