package nl.kic.analytics.tools.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import nl.kic.analytics.platform.system.WholeFiles;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report as a tagged PDF (PDF/UA), rendered from the report's XHTML: the structure tree follows
 * the headings, tables and lists of the page, the charts become figures with their description as
 * alternative text, and the text is in the DejaVu fonts shipped with the product (a free licence),
 * embedded.
 */
final class Pdf {
    private static final String FONTS = "/nl/kic/analytics/tools/report/fonts/";

    private Pdf() {
    }

    static void write(String xhtml, Path file) throws IOException {
        WholeFiles.write(file, out -> render(xhtml, out));
    }

    private static void render(String xhtml, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.useFont(font(document, "DejaVuSans.ttf"), "DejaVu Sans", 400, FontStyle.NORMAL, true);
            builder.useFont(font(document, "DejaVuSans-Bold.ttf"), "DejaVu Sans", 700, FontStyle.NORMAL, true);
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withProducer("kic-analytics");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        }
    }

    /**
     * A shipped font, with the font's own letter substitutions off: PDFBox would otherwise set "fi"
     * as one ligature glyph, and the PDF's text ("Definities") would no longer read as its letters.
     */
    private static PDFontSupplier font(PDDocument document, String name) throws IOException {
        try (InputStream in = Pdf.class.getResourceAsStream(FONTS + name)) {
            if (in == null) {
                throw new IOException("the font " + name + " is missing from the build");
            }
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
            font.setEnableGsub(false);
            return new PDFontSupplier(PDType0Font.load(document, font, true));
        }
    }
}
