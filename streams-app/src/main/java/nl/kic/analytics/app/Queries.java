package nl.kic.analytics.app;

import nl.kic.analytics.agents.AgentStatus;
import nl.kic.analytics.agents.AgentsQuery;
import nl.kic.analytics.config.KicConfig;
import nl.kic.analytics.contacts.ContactFigures;
import nl.kic.analytics.contacts.ContactMetricsQuery;
import nl.kic.analytics.contacts.ContactTopology;
import nl.kic.analytics.contacts.LiveFiguresQuery;
import nl.kic.analytics.emails.EmailBacklogQuery;
import nl.kic.analytics.emails.EmailMetricsQuery;
import nl.kic.analytics.emails.EmailTopology;
import nl.kic.analytics.time.ApplicationClock;
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
}
