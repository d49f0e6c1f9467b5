package nl.kic.analytics.observability;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A panel's SQL as Grafana's PostgreSQL data source sends it: {@code $__timeFilter(column)} becomes
 * {@code column BETWEEN 'from' AND 'to'} with the dashboard's range as RFC 3339 instants,
 * {@code $__timeFrom()} and {@code $__timeTo()} those instants quoted, and a single-valued template
 * variable ({@code $name} or {@code ${name}}) its value as it is (the SQL quotes it where needed).
 */
final class GrafanaMacros {
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

    private GrafanaMacros() {
    }

    static String expand(String sql, Instant from, Instant to, Map<String, String> variables) {
        Matcher filter = TIME_FILTER.matcher(sql);
        StringBuilder expanded = new StringBuilder();
        while (filter.find()) {
            filter.appendReplacement(expanded, Matcher.quoteReplacement(filter.group(1).trim() + " BETWEEN '" + from + "' AND '" + to + "'"));
        }
        filter.appendTail(expanded);
        String result = expanded.toString().replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'");
        // Longer names first, so that $queue never eats the start of a $queues.
        for (String name : variables.keySet().stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
            result = result.replace("${" + name + "}", variables.get(name)).replace("$" + name, variables.get(name));
        }
        if (result.contains("$")) {
            throw new IllegalArgumentException("a macro or variable the test does not expand: " + result);
        }
        return result;
    }
}
