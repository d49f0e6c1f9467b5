package nl.kic.analytics.tools.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.kic.analytics.platform.checks.NameRule;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.errors.RejectedEventException;

/**
 * The mapping file of an import (docs/import.md), a properties file: queue renames
 * ({@code queue.<name in the source>=<queue>}), agents' teams ({@code team.<agent in the source>=<team>},
 * else {@code unassigned}), the queues there are ({@code queues=a,b,c}: a queue field holding
 * anything else, such as a phone number shifted into its place, is refused) and, for CSV, the
 * columns and their formats ({@code column.*}, …), and where the contacts' reasons are
 * ({@code column.reason}, {@code reason.event.<EVENT>}, with {@code reasons=a,b,c} the reasons there are). Every queue is checked as the application checks
 * it ({@link #checkedBy}), so that a line it would refuse is refused here, before it is written.
 */
public final class ImportMapping {
    private final Properties properties;
    private final NameRule names;
    private final Set<String> configuredQueues;

    private ImportMapping(Properties properties, NameRule names, Set<String> configuredQueues) {
        this.properties = properties;
        this.names = names;
        this.configuredQueues = configuredQueues;
    }

    private ImportMapping(Properties properties) {
        this(properties, KicConfig.defaults().nameRule(), Set.of());
    }

    public static ImportMapping empty() {
        return new ImportMapping(new Properties());
    }

    /** This mapping, checking queues also against the configuration: its kic.name-pattern and kic.queues. */
    public ImportMapping checkedBy(NameRule names, Set<String> configuredQueues) {
        return new ImportMapping(properties, names, Set.copyOf(configuredQueues));
    }

    public static ImportMapping load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return new ImportMapping(properties);
    }

    public static ImportMapping of(Properties properties) {
        return new ImportMapping(properties);
    }

    /**
     * The queue of a queue field: renamed by the mapping, trimmed, of the allowed shape
     * ({@code invalid_name}), and in the mapping's queue list and kic.queues where they are set
     * ({@code unknown_queue}). The reason names the field and the rule, never the value.
     */
    String queue(String source) {
        String trimmed = source.trim();
        String queue = names.check("queue", properties.getProperty("queue." + trimmed, trimmed));
        Set<String> listed = listedQueues();
        if (!listed.isEmpty() && !listed.contains(queue)) {
            throw new RejectedEventException(DeadLetterReason.UNKNOWN_QUEUE, "field 'queue' is not in the mapping's queue list (queues=)");
        }
        if (!configuredQueues.isEmpty() && !configuredQueues.contains(queue)) {
            throw new RejectedEventException(DeadLetterReason.UNKNOWN_QUEUE, "field 'queue' is not in the configured queue list (kic.queues)");
        }
        return queue;
    }

    /**
     * The reason of a reason field (a wrap-up code, a voice-menu choice), checked as a queue is:
     * trimmed, of the allowed shape ({@code invalid_name}), and in the mapping's reason list
     * ({@code reasons=}) where it is set, so that a number shifted into the field is refused. The
     * error names the field and the rule, never the value.
     */
    String reason(String source) {
        String reason = names.check("reason", source);
        Set<String> listed = listed("reasons");
        if (!listed.isEmpty() && !listed.contains(reason)) {
            throw new RejectedEventException(DeadLetterReason.INVALID_NAME, "field 'reason' is not in the mapping's reason list (reasons=)");
        }
        return reason;
    }

    /** The mapping's queue list ({@code queues=}); empty when it has none. */
    private Set<String> listedQueues() {
        return listed("queues");
    }

    /** A comma-separated list of names of the mapping; empty when it has none. */
    private Set<String> listed(String key) {
        String list = get(key);
        if (list == null) {
            return Set.of();
        }
        Set<String> items = new HashSet<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /**
     * The queue_log events that carry a reason, with the data field that holds it (1 = the first after
     * the event's name), from {@code reason.event.<EVENT>=<n>}; empty when the mapping names none.
     */
    Map<String, Integer> reasonFields() {
        Map<String, Integer> fields = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("reason.event.")) {
                continue;
            }
            String event = key.substring("reason.event.".length()).trim();
            int field;
            try {
                field = Integer.parseInt(get(key, ""));
            } catch (NumberFormatException e) {
                field = 0;
            }
            if (event.isEmpty() || field < 1) {
                throw new IllegalArgumentException("the mapping's " + key + " must name an event and a data field's number, 1 or more"
                        + " (see docs/import.md)");
            }
            fields.put(event, field);
        }
        return Map.copyOf(fields);
    }

    String team(String agent) {
        return properties.getProperty("team." + agent, "unassigned");
    }

    /** A setting; null when absent or blank. */
    String get(String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String get(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    /** A setting that must be there. */
    String require(String key) {
        String value = get(key);
        if (value == null) {
            throw new IllegalArgumentException("the mapping file needs " + key + " (see docs/import.md)");
        }
        return value;
    }
}
