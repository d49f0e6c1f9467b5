package nl.kic.analytics.platform.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of the product, declared once in {@link KicConfig#SETTINGS}: its key (as in
 * docs/configuration.md; the environment variable is the key in upper case with dots and dashes as
 * underscores), its default, how its text is read and written, and which part of the configuration
 * holds it ({@code null} for a setting that only feeds another, such as the viewer-tokens file).
 */
public record Setting<T>(String key, T defaultValue, Function<String, T> parse, Function<T, String> format,
                         Function<KicConfig, T> value) {

    /** The value in {@code properties} (under the key, or with dots for dashes as from the environment), else the default. */
    T read(Properties properties) {
        String text = properties.getProperty(key, properties.getProperty(key.replace('-', '.')));
        if (text == null) {
            return defaultValue;
        }
        try {
            return parse.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value '" + text + "' for setting " + key, e);
        }
    }

    /** The value of {@code config} as text, as {@link #read} takes it back. */
    String written(KicConfig config) {
        return format.apply(value.apply(config));
    }

    /** Whether {@code key} is this setting's, in either spelling. */
    boolean matches(String otherKey) {
        return otherKey.replace('-', '.').equals(key.replace('-', '.'));
    }

    static Setting<String> text(String key, String defaultValue, Function<KicConfig, String> value) {
        return new Setting<>(key, defaultValue, Function.identity(), Function.identity(), value);
    }

    static Setting<Integer> integer(String key, int defaultValue, Function<KicConfig, Integer> value) {
        return new Setting<>(key, defaultValue, Integer::parseInt, String::valueOf, value);
    }

    static Setting<Double> number(String key, double defaultValue, Function<KicConfig, Double> value) {
        return new Setting<>(key, defaultValue, Double::parseDouble, String::valueOf, value);
    }

    static Setting<Boolean> flag(String key, boolean defaultValue, Function<KicConfig, Boolean> value) {
        return new Setting<>(key, defaultValue, Boolean::parseBoolean, String::valueOf, value);
    }

    /** A duration in seconds, fractions allowed (2.5). */
    static Setting<Duration> seconds(String key, Duration defaultValue, Function<KicConfig, Duration> value) {
        return new Setting<>(key, defaultValue, v -> Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)),
                d -> Double.toString(d.toMillis() / 1000.0), value);
    }

    static Setting<Duration> minutes(String key, Duration defaultValue, Function<KicConfig, Duration> value) {
        return new Setting<>(key, defaultValue, v -> Duration.ofMinutes(Long.parseLong(v)), d -> Long.toString(d.toMinutes()), value);
    }

    static Setting<Duration> days(String key, Duration defaultValue, Function<KicConfig, Duration> value) {
        return new Setting<>(key, defaultValue, v -> Duration.ofDays(Long.parseLong(v)), d -> Long.toString(d.toDays()), value);
    }

    static Setting<Duration> millis(String key, Duration defaultValue, Function<KicConfig, Duration> value) {
        return new Setting<>(key, defaultValue, v -> Duration.ofMillis(Long.parseLong(v)), d -> Long.toString(d.toMillis()), value);
    }

    /** A count of zero or more, or empty (not set). */
    static Setting<OptionalLong> optionalCount(String key, Function<KicConfig, OptionalLong> value) {
        return new Setting<>(key, OptionalLong.empty(), v -> {
            if (v.isEmpty()) {
                return OptionalLong.empty();
            }
            long count = Long.parseLong(v);
            if (count < 0) {
                throw new IllegalArgumentException("must be 0 or more");
            }
            return OptionalLong.of(count);
        }, count -> count.isPresent() ? Long.toString(count.getAsLong()) : "", value);
    }

    /** Names, comma-separated; blanks are skipped. */
    static Setting<Set<String>> names(String key, Function<KicConfig, Set<String>> value) {
        return new Setting<>(key, Set.of(), v -> Arrays.stream(v.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet()), names -> String.join(",", new TreeSet<>(names)), value);
    }

    /** ISO dates, comma-separated. */
    static Setting<Set<LocalDate>> dates(String key, Function<KicConfig, Set<LocalDate>> value) {
        return new Setting<>(key, Set.of(), v -> Arrays.stream(v.split(",")).map(String::trim).filter(d -> !d.isEmpty())
                .map(LocalDate::parse).collect(Collectors.toUnmodifiableSet()),
                dates -> dates.stream().sorted().map(LocalDate::toString).collect(Collectors.joining(",")), value);
    }
}
