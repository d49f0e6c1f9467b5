package nl.kic.analytics.tools.report;

import java.util.List;
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
import nl.kic.analytics.tools.report.ReportDocument.TableStyle;

/**
 * The report as one self-contained XHTML page (no scripts, no external files), made for WCAG 2.1 AA:
 * landmarks, one h1 and ordered headings, tables with captions and header cells, charts with a
 * title and a description, contrast of at least 4.5:1. The PDF is rendered from the same page, so
 * it must stay well-formed XML; its print rules keep a table row, a figure and a heading with what
 * follows it on one page, repeat a table's header row on every page it continues on, and put the
 * status (and "Gesimuleerde gegevens") at the top of every page.
 */
final class Html {
    private static final String STYLE = """
            @page { size: A4; margin: 20mm 12mm 15mm 12mm;
              @top-left { content: element(banner); }
              @bottom-right { content: "%PAGE% " counter(page) " / " counter(pages); font-family: 'DejaVu Sans'; font-size: 7.5pt; color: #4d4d4d; } }
            body { font-family: 'DejaVu Sans', Verdana, sans-serif; color: #1a1a1a; background: #ffffff; font-size: 9pt;
              line-height: 1.4; max-width: 1000px; margin: 0 auto; padding: 0 16px; }
            div.banner { font-size: 7.5pt; color: #4d4d4d; border-bottom: 1px solid #8c8c8c; padding: 2px 0; margin-bottom: 6px; }
            div.banner strong { color: #a32018; }
            header { border-bottom: 5px solid #154273; padding: 4px 0 6px; margin-bottom: 8px; }
            h1 { color: #154273; font-size: 15pt; margin: 0 0 3px; }
            h2 { color: #154273; font-size: 12.5pt; border-bottom: 2px solid #154273; margin: 16px 0 6px; page-break-after: avoid;
              -fs-page-break-min-height: 4cm; }
            h3 { color: #01689b; font-size: 10.5pt; margin: 12px 0 4px; page-break-after: avoid; -fs-page-break-min-height: 4cm; }
            p { margin: 3px 0 5px; }
            p.subtitle { color: #4d4d4d; margin: 0; }
            p.alert { border-left: 5px solid #d52b1e; background: #fdf0ef; padding: 4px 8px; font-weight: bold; }
            nav ol { margin: 4px 0; }
            a { color: #01689b; }
            table { border-collapse: collapse; font-size: 7.5pt; margin: 4px 0 10px; -fs-table-paginate: paginate; width: 100%; }
            table.heat { width: auto; }
            table.figures { font-size: 6.6pt; }
            table.figures th, table.figures td { padding: 1.5px 2.5px; }
            table#call-queues tbody th, table#chat-queues tbody th, table#email-categories tbody th { white-space: normal; }
            thead { display: table-header-group; }
            tr { page-break-inside: avoid; }
            caption { caption-side: top; text-align: left; font-weight: bold; padding: 2px 0 3px; color: #1a1a1a; }
            th, td { border: 1px solid #8c8c8c; padding: 1.5px 4px; }
            thead th { background: #154273; color: #ffffff; font-weight: bold; text-align: left; vertical-align: bottom; }
            tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
            td { text-align: right; white-space: nowrap; }
            tr.total th, tr.total td { font-weight: bold; background: #e8f1f8; }
            table.words td { text-align: left; white-space: normal; }
            table.key td { text-align: left; white-space: nowrap; }
            table.key tbody th { white-space: normal; }
            table.words tbody th { white-space: normal; }
            table.heat td { text-align: center; padding: 1.5px 2px; }
            td.s0 { background: #ffffff; color: #1a1a1a; }
            td.s1 { background: #dce9f5; color: #1a1a1a; }
            td.s2 { background: #a9c7e3; color: #1a1a1a; }
            td.s3 { background: #3d6a99; color: #ffffff; }
            td.s4 { background: #154273; color: #ffffff; }
            span.key { font-size: 7pt; color: #4d4d4d; }
            table.words td.nowrap { white-space: nowrap; }
            table.heat thead th { background: #ffffff; color: #1a1a1a; border-bottom: 2px solid #1a1a1a; }
            div.keep { page-break-inside: avoid; }
            td.trend { padding: 0 2px; }
            td.trend svg { width: 26mm; height: auto; }
            div.grid { margin: 4px 0 8px; }
            div.figure-row { page-break-inside: avoid; }
            figure { display: inline-block; width: 49%; vertical-align: top; margin: 0 0 8px 0; page-break-inside: avoid; }
            figcaption { font-weight: bold; color: #154273; font-size: 8pt; margin-bottom: 2px; }
            figure svg { width: 100%; height: auto; }
            section.reader-note { border: 1px solid #8c8c8c; padding: 2px 8px; margin: 6px 0; page-break-inside: avoid; }
            ol.notes li, ul.notes li { margin-bottom: 2px; }
            footer { border-top: 1px solid #8c8c8c; margin-top: 16px; padding: 4px 0; color: #4d4d4d; font-size: 7.5pt; }
            @media print {
              div.banner { position: running(banner); }
              nav { display: none; }
              section.new-page { page-break-before: always; }
              div.long { page-break-before: always; }
            }
            """;

    /** A chart alone in its grid (the callers' six attempt buckets) is drawn lower than a pair of month charts. */
    private static final int LONE_CHART_HEIGHT = 140;

    /**
     * Up to this many rows a table is kept whole on one page; a longer one starts on a page of its own
     * and continues, its header repeated, when it needs more. So no caption or header row is ever left
     * at a page foot.
     */
    private static final int KEEP_WHOLE_ROWS = 25;

    private Html() {
    }

    static String render(ReportDocument report, ReportText text) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(report.language())
                .append("\" xml:lang=\"").append(report.language()).append("\">\n<head>\n<meta charset=\"UTF-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(report.title())).append("</title>\n")
                .append("<meta name=\"author\" content=\"kic-analytics\"/>\n")
                .append("<meta name=\"subject\" content=\"").append(escape(report.subtitle())).append("\"/>\n")
                .append("<style>\n").append(STYLE.replace("%PAGE%", text.t("page"))).append("</style>\n</head>\n<body>\n");
        // The banner opens the header landmark; in print it runs at the top of every page.
        h.append("<header>\n<div class=\"banner\">").append(escape(report.banner()));
        if (report.simulated()) {
            h.append(" · <strong>").append(escape(text.t("simulated"))).append("</strong>");
        }
        h.append("</div>\n<h1>").append(escape(report.title())).append("</h1>\n<p class=\"subtitle\">")
                .append(escape(report.subtitle())).append("</p>\n</header>\n");
        h.append("<nav aria-label=\"").append(escape(text.t("contents"))).append("\">\n<h2 id=\"contents\">")
                .append(escape(text.t("contents"))).append("</h2>\n<ol>\n");
        for (Section section : report.sections()) {
            h.append("<li><a href=\"#").append(section.id()).append("\">").append(escape(section.heading().replaceFirst("^\\d+\\. ", "")))
                    .append("</a></li>\n");
        }
        h.append("</ol>\n</nav>\n<main>\n");
        for (Section section : report.sections()) {
            h.append("<section id=\"").append(section.id()).append("\" aria-labelledby=\"").append(section.id()).append("-heading\"")
                    .append(section.newPage() ? " class=\"new-page\"" : "").append(">\n")
                    .append("<h2 id=\"").append(section.id()).append("-heading\">").append(escape(section.heading())).append("</h2>\n");
            for (Block block : section.blocks()) {
                block(h, block, text);
            }
            h.append("</section>\n");
        }
        h.append("</main>\n<footer>\n<p>").append(escape(text.t("footer"))).append("</p>\n</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void block(StringBuilder h, Block block, ReportText text) {
        if (block instanceof Paragraph p) {
            h.append("<p>").append(escape(p.text())).append("</p>\n");
        } else if (block instanceof Alert a) {
            h.append("<p class=\"alert\">").append(escape(a.text())).append("</p>\n");
        } else if (block instanceof Heading heading) {
            h.append("<h3 id=\"").append(heading.id()).append("\">").append(escape(heading.text())).append("</h3>\n");
        } else if (block instanceof Table table) {
            table(h, table, text);
        } else if (block instanceof FigureGrid grid) {
            h.append("<div class=\"grid\" id=\"").append(grid.id()).append("\">");
            // Two figures side by side, each pair in a block kept on one page: a page break between the
            // inline figures of one line moved them without their tags and left a gap under the captions.
            for (int i = 0; i < grid.figures().size(); i++) {
                Figure figure = grid.figures().get(i);
                if (i % 2 == 0) {
                    h.append("<div class=\"figure-row\">");
                }
                h.append("<figure id=\"").append(figure.id()).append("\" aria-labelledby=\"").append(figure.id()).append("-caption\">")
                        .append("<figcaption id=\"").append(figure.id()).append("-caption\">").append(escape(figure.caption()))
                        .append("</figcaption>").append(SvgChart.render(figure.id() + "-chart", figure.chart(), text,
                                grid.figures().size() == 1 ? LONE_CHART_HEIGHT : SvgChart.HEIGHT)).append("</figure>");
                if (i % 2 == 1 || i == grid.figures().size() - 1) {
                    h.append("</div>");
                }
            }
            h.append("</div>\n");
            grid.allZero().forEach(sentence -> h.append("<p>").append(escape(sentence)).append("</p>\n"));
        } else if (block instanceof Notes notes) {
            String tag = notes.numbered() ? "ol" : "ul";
            h.append('<').append(tag).append(" class=\"notes\">\n");
            notes.items().forEach(item -> h.append("<li>").append(escape(item)).append("</li>\n"));
            h.append("</").append(tag).append(">\n");
        } else if (block instanceof ReaderNote note) {
            h.append("<section class=\"reader-note\" aria-labelledby=\"reader-note\">\n<h3 id=\"reader-note\">").append(escape(note.heading()))
                    .append("</h3>\n").append(ReaderNotes.toXhtml(note.markdown())).append("</section>\n");
        }
    }

    private static void table(StringBuilder h, Table table, ReportText text) {
        String style = switch (table.style()) {
            case FIGURES -> "figures";
            case WORDS -> "words";
            case HEAT_MAP -> "heat";
            case KEY_FIGURES -> "key";
        };
        h.append(table.rows().size() <= KEEP_WHOLE_ROWS ? "<div class=\"table keep\">" : "<div class=\"table long\">").append("<table id=\"").append(table.id()).append("\" class=\"").append(style).append("\">\n<caption>").append(escape(table.caption()))
                .append("</caption>\n<thead><tr>");
        for (String header : table.headers()) {
            h.append("<th scope=\"col\">").append(escape(header)).append("</th>");
        }
        if (table.sparklines() != null) {
            h.append("<th scope=\"col\">").append(escape(table.trendHeader())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        List<List<String>> rows = table.rows();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            h.append(table.lastRowIsTotal() && r == rows.size() - 1 ? "<tr class=\"total\">" : "<tr>");
            h.append("<th scope=\"row\">");
            cell(h, row.get(0));
            h.append("</th>");
            for (int c = 1; c < row.size(); c++) {
                if (table.style() == TableStyle.HEAT_MAP) {
                    h.append("<td class=\"s").append(table.shades().get(r).get(c - 1)).append("\">");
                } else if (table.style() == TableStyle.WORDS && c == 1) {
                    // A norm, a value or a size: kept on one line, so that "ten minste" is never copied without its figure.
                    h.append("<td class=\"nowrap\">");
                } else {
                    h.append("<td>");
                }
                cell(h, row.get(c));
                h.append("</td>");
            }
            if (table.sparklines() != null) {
                var line = table.sparklines().get(r);
                h.append("<td class=\"trend\">").append(line == null ? escape(text.t("trend.none")) : SvgChart.sparkline(table.id() + "-trend-" + r, line))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    /** A cell's text; a second line (a setting's key after its description) in small print. */
    private static void cell(StringBuilder h, String content) {
        int newline = content.indexOf('\n');
        if (newline < 0) {
            h.append(escape(content));
        } else {
            h.append(escape(content.substring(0, newline))).append(" <span class=\"key\">").append(escape(content.substring(newline + 1)))
                    .append("</span>");
        }
    }

    /** Text with only the characters XML 1.0 allows. */
    static String xmlCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (allowed(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** Text as XHTML: markup escaped, and the characters XML 1.0 forbids (control characters, lone surrogates) left out. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (allowed(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
