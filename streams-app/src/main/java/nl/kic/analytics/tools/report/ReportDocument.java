package nl.kic.analytics.tools.report;

import java.util.List;

/**
 * A report as its formats share it: a title block, sections of blocks (paragraphs, tables, small
 * multiples of charts, notes), all text already in the report's language and number format, and the
 * same figures once more as machine-readable facts for the CSV.
 *
 * @param banner   what every page header says besides the title: the status, and "Gesimuleerde gegevens" when so
 */
record ReportDocument(String language, String title, String subtitle, String banner, boolean simulated, List<Section> sections,
                      List<Fact> facts) {

    /** A numbered chapter ("1. Samenvatting"), or the appendix; {@code newPage} starts it on a page of its own in print. */
    record Section(String id, String heading, boolean newPage, List<Block> blocks) {
    }

    sealed interface Block permits Paragraph, Alert, Heading, Table, FigureGrid, Notes, ReaderNote {
    }

    record Paragraph(String text) implements Block {
    }

    /** A statement the reader must not miss: an incomplete period, simulated data. */
    record Alert(String text) implements Block {
    }

    /** A heading inside a section. */
    record Heading(String id, String text) implements Block {
    }

    /** How a table's cells read: figures (right-aligned), words, a heat map whose cells are shaded 0–4, or the key figures (one line each). */
    enum TableStyle {
        FIGURES,
        WORDS,
        HEAT_MAP,
        KEY_FIGURES
    }

    /**
     * A numbered table whose first column heads its rows; {@code shades} (heat maps) give each data
     * cell a shade 0–4 and {@code sparklines} (the key figures) add a small trend chart to each row,
     * null where a row has none.
     */
    record Table(String id, String caption, List<String> headers, List<List<String>> rows, TableStyle style, boolean lastRowIsTotal,
                 List<List<Integer>> shades, List<Sparkline> sparklines, String trendHeader) implements Block {
        Table(String id, String caption, List<String> headers, List<List<String>> rows, TableStyle style, boolean lastRowIsTotal) {
            this(id, caption, headers, rows, style, lastRowIsTotal, null, null, null);
        }
    }

    /**
     * Several numbered figures side by side, two to a row: small multiples of one channel; an
     * indicator that is zero throughout is a sentence in {@code allZero} instead of a chart.
     */
    record FigureGrid(String id, List<Figure> figures, List<String> allZero) implements Block {
    }

    /** One numbered chart with its caption; its figures are in a table of the appendix. */
    record Figure(String id, String caption, Chart chart) {
    }

    /** Numbered notes (definitions), or a plain list when {@code numbered} is false. */
    record Notes(List<String> items, boolean numbered) implements Block {
    }

    /** The reader's own explanation (report --note), Markdown as written. */
    record ReaderNote(String heading, String markdown) implements Block {
    }

    /**
     * A bar chart: one bar per part for the period, a hollow bar beside it for the year before (when
     * there and complete), and the norm as a dashed line; {@code values} are in the unit's own scale
     * (a fraction, seconds). A part in {@code hidden} has no figure to show and is marked with
     * {@code hiddenLabel}'s sign (the legend names it), never drawn as 0.
     */
    record Chart(String title, String description, Unit unit, List<String> labels, List<Double> values, String valuesName,
                 List<Double> previous, String previousName, Double norm, String normLabel, List<Boolean> hidden, String hiddenLabel) {
        Chart(String title, String description, Unit unit, List<String> labels, List<Double> values, String valuesName,
              List<Double> previous, String previousName, Double norm, String normLabel) {
            this(title, description, unit, labels, values, valuesName, previous, previousName, norm, normLabel, null, null);
        }

        /** A part whose figure is not shown (a small number of people): marked in the chart, never drawn as 0. */
        boolean isHidden(int part) {
            return hidden != null && Boolean.TRUE.equals(hidden.get(part));
        }
    }

    /** A 13-month trend as a small line: values oldest first, null for a month without complete figures. */
    record Sparkline(String description, Unit unit, List<Double> values) {
    }

    /**
     * One figure of the report for the CSV: section, indicator, period (2023, 2023-03 or 2023-03-05),
     * channel, queue or category ({@code ALL} for the total), the value, the norm and the value of
     * the same period a year earlier (null where there is none or it is incomplete).
     */
    record Fact(String section, String indicator, Unit unit, String period, String channel, String group, Double value,
                Double norm, Double previous) {
    }
}
