package nl.kic.analytics.domain.staffing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code erlang} command's output: a table for people, or JSON with the figures' keys. */
public final class StaffingOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StaffingOutput() {
    }

    /** One JSON array in ascending agent order: {@code agents}, Erlang A's keys, and {@code erlangC} with the same keys. */
    public static String json(List<Staffing.AgentsFigures> rows) {
        List<Map<String, Object>> elements = new ArrayList<>();
        for (Staffing.AgentsFigures row : rows) {
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("agents", row.agents());
            element.putAll(keys(row.erlangA()));
            element.put("erlangC", keys(row.erlangC()));
            elements.add(element);
        }
        try {
            return JSON.writeValueAsString(elements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figures that cannot be written as JSON", e);
        }
    }

    /** The figures under their names, null where a figure has no denominator. */
    public static Map<String, Object> keys(QueueFigures figures) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("waitProbability", figures.waitProbability());
        keys.put("abandonProbability", figures.abandonProbability());
        keys.put("reachability", figures.reachability());
        keys.put("serviceLevel", figures.serviceLevel());
        keys.put("asaSeconds", figures.asaSeconds());
        keys.put("meanWaitSeconds", figures.meanWaitSeconds());
        keys.put("occupancy", figures.occupancy());
        return keys;
    }

    /** A table: Erlang A's figures, then Erlang C's; "-" where a figure has no value. */
    public static String table(List<Staffing.AgentsFigures> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%6s | %-63s | %s%n", "", "Erlang A (callers hang up)", "Erlang C (callers wait for ever)"));
        String columns = String.format(Locale.ROOT, "%8s %8s %8s %8s %8s %9s %8s", "P(wait)", "P(aband)", "reach", "SL", "ASA s", "wait s", "occup");
        out.append(String.format(Locale.ROOT, "%6s | %-63s | %s%n", "agents", columns, columns));
        for (Staffing.AgentsFigures row : rows) {
            out.append(String.format(Locale.ROOT, "%6d | %-63s | %s%n", row.agents(), cells(row.erlangA()), cells(row.erlangC())));
        }
        return out.toString();
    }

    private static String cells(QueueFigures f) {
        return String.format(Locale.ROOT, "%8s %8s %8s %8s %8s %9s %8s", share(f.waitProbability()), share(f.abandonProbability()),
                share(f.reachability()), share(f.serviceLevel()), seconds(f.asaSeconds()), seconds(f.meanWaitSeconds()), share(f.occupancy()));
    }

    private static String share(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
