package nl.kic.analytics.tools.report;

import nl.kic.analytics.tools.report.ReportDocument.Alert;
import nl.kic.analytics.tools.report.ReportDocument.Block;
import nl.kic.analytics.tools.report.ReportDocument.Figure;
import nl.kic.analytics.tools.report.ReportDocument.FigureGrid;
import nl.kic.analytics.tools.report.ReportDocument.Heading;
import nl.kic.analytics.tools.report.ReportDocument.Notes;
import nl.kic.analytics.tools.report.ReportDocument.Paragraph;
import nl.kic.analytics.tools.report.ReportDocument.ReaderNote;
import nl.kic.analytics.tools.report.ReportDocument.Section;
import nl.kic.analytics.tools.report.ReportDocument.Table;

/**
 * The report as Markdown: the same sections, paragraphs and tables as the HTML; a chart is its
 * caption and description (its figures are in the appendix's tables), a trend line its description.
 */
final class Markdown {
    private Markdown() {
    }

    static String render(ReportDocument report, ReportText text) {
        StringBuilder m = new StringBuilder();
        m.append("# ").append(report.title()).append("\n\n").append(report.banner())
                .append(report.simulated() ? " · **" + text.t("simulated") + "**" : "").append("\n\n").append(report.subtitle()).append("\n");
        for (Section section : report.sections()) {
            m.append("\n## ").append(section.heading()).append("\n");
            for (Block block : section.blocks()) {
                m.append('\n');
                if (block instanceof Paragraph p) {
                    m.append(p.text()).append('\n');
                } else if (block instanceof Alert a) {
                    m.append("> **").append(a.text()).append("**\n");
                } else if (block instanceof Heading heading) {
                    m.append("### ").append(heading.text()).append('\n');
                } else if (block instanceof Table table) {
                    table(m, table, text);
                } else if (block instanceof FigureGrid grid) {
                    for (Figure figure : grid.figures()) {
                        m.append("- *").append(figure.caption()).append("*: ").append(figure.chart().description()).append('\n');
                    }
                    grid.allZero().forEach(sentence -> m.append('\n').append(sentence).append('\n'));
                } else if (block instanceof Notes notes) {
                    for (int i = 0; i < notes.items().size(); i++) {
                        m.append(notes.numbered() ? (i + 1) + ". " : "- ").append(notes.items().get(i)).append('\n');
                    }
                } else if (block instanceof ReaderNote note) {
                    m.append("### ").append(note.heading()).append("\n\n").append(note.markdown().strip()).append('\n');
                }
            }
        }
        return m.toString();
    }

    private static void table(StringBuilder m, Table table, ReportText text) {
        m.append("**").append(table.caption()).append("**\n\n|");
        table.headers().forEach(h -> m.append(' ').append(cell(h)).append(" |"));
        if (table.sparklines() != null) {
            m.append(' ').append(cell(table.trendHeader())).append(" |");
        }
        m.append("\n|");
        int columns = table.headers().size() + (table.sparklines() != null ? 1 : 0);
        for (int c = 0; c < columns; c++) {
            m.append(c == 0 ? "---|" : "---:|");
        }
        m.append('\n');
        for (int r = 0; r < table.rows().size(); r++) {
            m.append('|');
            table.rows().get(r).forEach(value -> m.append(' ').append(cell(value)).append(" |"));
            if (table.sparklines() != null) {
                var line = table.sparklines().get(r);
                m.append(' ').append(line == null ? cell(text.t("trend.none")) : cell(line.description())).append(" |");
            }
            m.append('\n');
        }
    }

    /**
     * A table cell as text, never as markup: HTML and the syntax of links, emphasis and code are
     * escaped, and a line break becomes a space.
     */
    private static String cell(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r', '\n' -> out.append(' ');
                case '|', '\\', '[', ']', '`', '*', '_' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
