package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout checks find what they look for: PDFs made here with a split row, a header that does not repeat, a lone heading, text over text. */
class PdfLayoutTest {
    private static final String HEAD = "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nl\" xml:lang=\"nl\"><head>"
            + "<meta charset=\"UTF-8\"/><title>t</title><style>@page { size: A4; margin: 20mm; } body { font-family: 'DejaVu Sans'; font-size: 10pt; }"
            + " table { border-collapse: collapse; } %s</style></head><body><main>";

    @Test
    void aRowSplitOverTwoPagesAndAHeaderThatDoesNotRepeatAreFound(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            rows.append("<tr><th scope=\"row\">rij ").append(i).append("</th><td>").append("regel<br/>".repeat(3)).append("</td></tr>");
        }
        String html = HEAD.formatted("") + "<table><caption>Tabel</caption><thead><tr><th scope=\"col\">Kop</th><th scope=\"col\">Waarde</th></tr></thead><tbody>"
                + rows + "</tbody></table></main></body></html>";
        Path pdf = dir.resolve("split.pdf");
        Pdf.write(html, pdf);
        assertThat(PdfLayout.problems(pdf)).anyMatch(p -> p.startsWith("TR split over pages"))
                .anyMatch(p -> p.startsWith("a table continues on pages"));
    }

    @Test
    void aTableWiderThanThePageIsFound(@TempDir Path dir) throws Exception {
        String cells = "<td>1.234.567.890</td>".repeat(16);
        String html = HEAD.formatted("td { white-space: nowrap; }") + "<table><caption>Breed</caption><thead><tr><th scope=\"col\">Kop</th>"
                + "<th scope=\"col\" colspan=\"16\">Waarden</th></tr></thead><tbody><tr><th scope=\"row\">rij</th>" + cells
                + "</tr></tbody></table></main></body></html>";
        Path pdf = dir.resolve("wide.pdf");
        Pdf.write(html, pdf);
        assertThat(PdfLayout.problems(pdf)).anyMatch(p -> p.startsWith("text runs off page 1"));
    }

    @Test
    void textInTheSideMarginIsFoundThoughThePageHasRoomForIt(@TempDir Path dir) throws Exception {
        // The report's 12 mm side margins; a line 6 mm wider than the text area ends inside the page but past the margin,
        // where the last column of a too-wide table is cut off.
        String html = HEAD.replace("margin: 20mm;", "margin: 20mm 12mm;").formatted("p.wide { width: 192mm; text-align: right; white-space: nowrap; }")
                + "<p class=\"wide\">rechts</p></main></body></html>";
        Path pdf = dir.resolve("margin.pdf");
        Pdf.write(html, pdf);
        assertThat(PdfLayout.problems(pdf)).anyMatch(p -> p.startsWith("text runs off page 1"));
    }

    @Test
    void aHeadingAtThePageFootAndTextOverTextAreFound(@TempDir Path dir) throws Exception {
        String html = HEAD.formatted("div.tall { height: 232mm; } div.big { height: 100mm; page-break-inside: avoid; }"
                + " p.a { position: absolute; top: 40mm; left: 20mm; } p.b { position: absolute; top: 40.5mm; left: 22mm; }")
                + "<div class=\"tall\"><p>Begin</p><p class=\"a\">Eerste regel</p><p class=\"b\">Tweede regel</p></div>"
                + "<h2>Alleen</h2><div class=\"big\"><p>Inhoud</p></div></main></body></html>";
        Path pdf = dir.resolve("heading.pdf");
        Pdf.write(html, pdf);
        assertThat(PdfLayout.problems(pdf)).anyMatch(p -> p.startsWith("the heading") && p.endsWith("stands alone at the foot of page 1"))
                .anyMatch(p -> p.startsWith("text over text on page 1"));
    }
}
