package nl.kic.analytics.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.domain.Domain;
import nl.kic.analytics.domain.StoreHandle;
import nl.kic.analytics.domain.agents.Agents;
import nl.kic.analytics.domain.callers.Callers;
import nl.kic.analytics.domain.contacts.Contacts;
import nl.kic.analytics.domain.emails.Emails;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.ApplicationClock;

/**
 * The domains the application is made of, each with its settings from the one settings table. The
 * order is the order in which their parts are added to the topology: it numbers the sub-topologies,
 * and so the tasks and their state directories, which an upgrade finds again only in the same order.
 * It never changes for existing domains; a new one comes last.
 */
public final class Domains {
    private final List<Domain> all;

    private Domains(List<Domain> all) {
        this.all = List.copyOf(all);
    }

    /** Contacts, e-mail, agents and callers: the product. */
    public static Domains standard(KicConfig config, ApplicationClock clock) {
        return of(new Contacts(Contacts.Settings.from(config), clock), new Emails(Emails.Settings.from(config), clock),
                new Agents(Agents.Settings.from(config)), new Callers(Callers.Settings.from(config), clock));
    }

    /** An application of just these domains (a test runs one domain alone). */
    public static Domains of(Domain... domains) {
        return new Domains(List.of(domains));
    }

    /** These domains and {@code more} after them. */
    public Domains with(Domain... more) {
        List<Domain> domains = new ArrayList<>(all);
        domains.addAll(List.of(more));
        return new Domains(domains);
    }

    public List<Domain> all() {
        return all;
    }

    /** The domain of this type; an application without one cannot answer its questions. */
    public <D extends Domain> D get(Class<D> type) {
        return all.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("this application has no " + type.getSimpleName()));
    }

    /** The topics the domains read; a domain fed by another has none. */
    public List<String> inputTopics() {
        return all.stream().map(Domain::inputTopic).filter(Objects::nonNull).toList();
    }

    public List<StoreHandle<?, ?>> stores() {
        return all.stream().flatMap(d -> d.stores().stream()).toList();
    }

    /** The stored format of every kind of value the domains write. */
    public Map<String, Integer> storedFormats() {
        Map<String, Integer> formats = new TreeMap<>();
        all.forEach(d -> formats.putAll(d.storedFormats()));
        return formats;
    }
}
