package nl.kic.analytics.report;

import java.util.List;
import nl.kic.analytics.report.ReportDocument.Block;
import nl.kic.analytics.report.ReportDocument.Figure;
import nl.kic.analytics.report.ReportDocument.Heading;
import nl.kic.analytics.report.ReportDocument.Notes;
import nl.kic.analytics.report.ReportDocument.Paragraph;
import nl.kic.analytics.report.ReportDocument.Section;
import nl.kic.analytics.report.ReportDocument.Table;

/**
 * The report as one self-contained XHTML page (no scripts, no external files), made for WCAG 2.1 AA:
 * landmarks, one h1 and ordered headings, tables with captions and header cells, charts with a
 * title and a description, contrast of at least 4.5:1. The PDF is rendered from the same page, so
 * it must stay well-formed XML.
 */
final class Html {
    private static final String STYLE = """
            @page { size: A4 landscape; margin: 14mm 14mm 16mm 14mm;
              @bottom-center { content: counter(page) " / " counter(pages); font-family: 'DejaVu Sans'; font-size: 8pt; color: #4d4d4d; } }
            body { font-family: 'DejaVu Sans', Verdana, sans-serif; color: #1a1a1a; background: #ffffff; font-size: 10pt;
              line-height: 1.45; max-width: 1120px; margin: 0 auto; padding: 0 16px; }
            header { border-bottom: 6px solid #154273; padding: 8px 0 6px; margin-bottom: 12px; }
            h1 { color: #154273; font-size: 17pt; margin: 0 0 4px; }
            h2 { color: #154273; font-size: 14pt; border-bottom: 2px solid #154273; margin: 26px 0 8px; page-break-after: avoid; }
            h3 { color: #01689b; font-size: 12pt; margin: 18px 0 6px; page-break-after: avoid; }
            p.subtitle { color: #4d4d4d; margin: 0; }
            nav ol { margin: 4px 0; }
            a { color: #01689b; }
            table { border-collapse: collapse; font-size: 8.5pt; margin: 6px 0 14px; page-break-inside: auto; }
            caption { caption-side: top; text-align: left; font-weight: bold; padding: 2px 0 4px; color: #1a1a1a; }
            th, td { border: 1px solid #8c8c8c; padding: 2px 5px; }
            thead th { background: #154273; color: #ffffff; font-weight: bold; text-align: left; vertical-align: bottom; }
            tbody th { text-align: left; font-weight: normal; }
            td { text-align: right; white-space: nowrap; }
            tr.total th, tr.total td { font-weight: bold; background: #e8f1f8; }
            td.text { text-align: left; white-space: normal; }
            tbody th { white-space: nowrap; }
            figure { margin: 10px 0 18px; page-break-inside: avoid; }
            figcaption { font-weight: bold; color: #154273; margin-bottom: 4px; }
            div.chart-box { display: inline-block; width: 58%; vertical-align: top; }
            div.chart-box svg { width: 100%; height: auto; }
            div.data-box { display: inline-block; width: 40%; vertical-align: top; margin-left: 1%; }
            div.data-box table { margin-top: 0; }
            ol.notes li, ul.notes li { margin-bottom: 3px; }
            footer { border-top: 1px solid #8c8c8c; margin-top: 24px; padding: 6px 0; color: #4d4d4d; font-size: 8.5pt; }
            """;

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
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>").append(escape(report.title())).append("</h1>\n<p class=\"subtitle\">")
                .append(escape(report.subtitle())).append("</p>\n</header>\n");
        h.append("<nav aria-label=\"").append(escape(text.t("contents"))).append("\">\n<h2 id=\"contents\">")
                .append(escape(text.t("contents"))).append("</h2>\n<ol>\n");
        for (Section section : report.sections()) {
            h.append("<li><a href=\"#").append(section.id()).append("\">").append(escape(section.heading().replaceFirst("^\\d+\\. ", "")))
                    .append("</a></li>\n");
        }
        h.append("</ol>\n</nav>\n<main>\n");
        for (Section section : report.sections()) {
            h.append("<section id=\"").append(section.id()).append("\" aria-labelledby=\"").append(section.id()).append("-heading\">\n")
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
        } else if (block instanceof Heading heading) {
            h.append("<h3 id=\"").append(heading.id()).append("\">").append(escape(heading.text())).append("</h3>\n");
        } else if (block instanceof Table table) {
            table(h, table);
        } else if (block instanceof Figure figure) {
            h.append("<figure id=\"").append(figure.id()).append("\" aria-labelledby=\"").append(figure.id()).append("-caption\">\n")
                    .append("<figcaption id=\"").append(figure.id()).append("-caption\">").append(escape(figure.caption()))
                    .append("</figcaption>\n<div class=\"chart-box\">").append(SvgChart.render(figure.id() + "-chart", figure.chart(), text))
                    .append("</div><div class=\"data-box\">");
            table(h, figure.table());
            h.append("</div>\n</figure>\n");
        } else if (block instanceof Notes notes) {
            String tag = notes.numbered() ? "ol" : "ul";
            h.append('<').append(tag).append(" class=\"notes\">\n");
            notes.items().forEach(item -> h.append("<li>").append(escape(item)).append("</li>\n"));
            h.append("</").append(tag).append(">\n");
        }
    }

    private static void table(StringBuilder h, Table table) {
        boolean lastIsTotal = table.id().endsWith("-parts") || table.id().endsWith("-queues") || table.id().endsWith("-categories")
                || table.id().endsWith("-table");
        // Settings and input files hold words and hashes, not figures to line up.
        boolean textCells = table.id().equals("settings") || table.id().equals("inputs");
        h.append("<table id=\"").append(table.id()).append("\">\n<caption>").append(escape(table.caption())).append("</caption>\n<thead><tr>");
        for (String header : table.headers()) {
            h.append("<th scope=\"col\">").append(escape(header)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        List<List<String>> rows = table.rows();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            h.append(lastIsTotal && r == rows.size() - 1 ? "<tr class=\"total\">" : "<tr>");
            h.append("<th scope=\"row\">").append(escape(row.get(0))).append("</th>");
            for (int c = 1; c < row.size(); c++) {
                h.append(textCells ? "<td class=\"text\">" : "<td>").append(escape(row.get(c))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
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
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
                    if (allowed) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
