package nl.kic.analytics.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The mapping file of an import (docs/import.md), a properties file: queue renames
 * ({@code queue.<name in the source>=<queue>}), agents' teams ({@code team.<agent in the source>=<team>},
 * else {@code unassigned}) and, for CSV, the columns and their formats ({@code column.*}, …).
 */
public final class ImportMapping {
    private final Properties properties;

    private ImportMapping(Properties properties) {
        this.properties = properties;
    }

    public static ImportMapping empty() {
        return new ImportMapping(new Properties());
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

    String queueName(String source) {
        return properties.getProperty("queue." + source, source);
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
