package nl.kic.analytics.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.kic.analytics.agents.AgentPresenceQuery;
import nl.kic.analytics.agents.AgentStatus;
import nl.kic.analytics.agents.AgentTopology;
import nl.kic.analytics.agents.AgentsQuery;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.contacts.ContactFigures;
import nl.kic.analytics.contacts.ContactMetricsQuery;
import nl.kic.analytics.contacts.ContactMetricsRow;
import nl.kic.analytics.contacts.ContactTopology;
import nl.kic.analytics.contacts.LiveFiguresQuery;
import nl.kic.analytics.emails.EmailBacklogQuery;
import nl.kic.analytics.emails.EmailMetricsQuery;
import nl.kic.analytics.emails.EmailTopology;
import nl.kic.analytics.time.ApplicationClock;
import nl.kic.analytics.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The queries the API answers from, built in one place over the application's stores, wherever
 * those are read: every instance's partitions ({@link KicApplication}) or a test's topology driver.
 */
public record Queries(Stores stores, KicConfig config, ApplicationClock clock) {

    /** The application's stores by name: the byte stores of the figures, and the agents' store. */
    public interface Stores {
        ReadOnlyKeyValueStore<Bytes, byte[]> bytes(String name);

        ReadOnlyKeyValueStore<String, AgentStatus> agents();
    }

    /** Interval figures of calls and chats. */
    public ContactMetricsQuery contactMetrics() {
        return new ContactMetricsQuery(stores.bytes(ContactTopology.INTERVAL_STORE), config.zone(), ContactFigures.Definitions.from(config));
    }

    /** Live figures of calls and chats at the clock. */
    public LiveFiguresQuery liveFigures() {
        return LiveFiguresQuery.of(stores.bytes(ContactTopology.WAITING_STORE), stores.bytes(ContactTopology.OUTCOMES_STORE), clock, config);
    }

    /** E-mail interval figures. */
    public EmailMetricsQuery emailMetrics() {
        return new EmailMetricsQuery(stores.bytes(EmailTopology.INTERVAL_STORE), config.zone());
    }

    /** The live e-mail backlog at the clock. */
    public EmailBacklogQuery emailBacklog() {
        return new EmailBacklogQuery(stores.bytes(EmailTopology.BACKLOG_STORE), clock, config.calendar());
    }

    /** Agents now per queue and team. */
    public AgentsQuery agents() {
        return new AgentsQuery(stores.agents());
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
        return new AgentPresenceQuery(stores.bytes(AgentTopology.PRESENCE_STORE), config.zone())
                .rows(granularity, from, to, queuesByChannel);
    }

    /** Staffing on the past: the model's inputs, its prediction against the measured reachability, and the norm's staff. */
    public StaffingQuery staffing() {
        return new StaffingQuery(this, config);
    }
}
