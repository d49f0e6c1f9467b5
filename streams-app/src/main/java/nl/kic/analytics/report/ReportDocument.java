package nl.kic.analytics.report;

import java.util.List;

/**
 * A report as its formats share it: sections of blocks (paragraphs, tables, figures of a chart with
 * its data table, notes), all text already in the report's language and number format, and the
 * same figures once more as machine-readable facts for the CSV.
 */
record ReportDocument(String language, String title, String subtitle, List<Section> sections, List<Fact> facts) {

    /** A numbered chapter: "1. Samenvatting". */
    record Section(String id, String heading, List<Block> blocks) {
    }

    sealed interface Block permits Paragraph, Heading, Table, Figure, Notes {
    }

    record Paragraph(String text) implements Block {
    }

    /** A heading inside a section. */
    record Heading(String id, String text) implements Block {
    }

    /** A table whose first column heads its rows. */
    record Table(String id, String caption, List<String> headers, List<List<String>> rows) implements Block {
    }

    /** One indicator: a chart with its data table beside it. */
    record Figure(String id, String caption, Chart chart, Table table) implements Block {
    }

    /** Numbered notes (definitions, settings), or a plain list when {@code numbered} is false. */
    record Notes(List<String> items, boolean numbered) implements Block {
    }

    /**
     * A bar chart: one bar per part for the period, a hollow bar beside it for the year before (when
     * there), and the norm as a dashed line; {@code values} are in the unit's own scale (a fraction, seconds).
     */
    record Chart(String title, String description, Unit unit, List<String> labels, List<Double> values, String valuesName,
                 List<Double> previous, String previousName, Double norm, String normLabel) {
    }

    /**
     * One figure of the report for the CSV: section, indicator, period (2023, 2023-03 or 2023-03-05),
     * channel, queue or category ({@code ALL} for the total), the value, the norm and the value of
     * the same period a year earlier (null where there is none).
     */
    record Fact(String section, String indicator, Unit unit, String period, String channel, String group, Double value,
                Double norm, Double previous) {
    }
}
