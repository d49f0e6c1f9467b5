package nl.kic.analytics.tools.report;

import java.util.Locale;
import nl.kic.analytics.tools.replay.ContactMetricsCsv;
import nl.kic.analytics.tools.report.ReportDocument.Fact;

/**
 * {@code report.csv}: every figure of the report in one long table, in machine format whatever the
 * report's language: counts as integers, shares as fractions with 6 decimals (0.676000), waits in
 * seconds with 3; empty where a figure is undefined or there is no norm or year before.
 */
final class Csv {
    static final String HEADER = "section,indicator,period,channel,queue_or_category,value,norm,previous_year_value";

    private Csv() {
    }

    static String render(ReportDocument report) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Fact f : report.facts()) {
            out.append(String.join(",", f.section(), f.indicator(), f.period(), f.channel(), ContactMetricsCsv.field(f.group()),
                    number(f.unit(), f.value()), number(f.unit(), f.norm()), number(f.unit(), f.previous()))).append('\n');
        }
        return out.toString();
    }

    static String number(Unit unit, Double value) {
        if (value == null) {
            return "";
        }
        return switch (unit) {
            case COUNT -> Long.toString(Math.round(value));
            case SHARE -> String.format(Locale.ROOT, "%.6f", value);
            case SECONDS -> String.format(Locale.ROOT, "%.3f", value);
        };
    }
}
