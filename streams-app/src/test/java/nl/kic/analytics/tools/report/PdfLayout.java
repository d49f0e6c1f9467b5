package nl.kic.analytics.tools.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a reader of the printed report must never see, found in the PDF itself: a table row or a
 * chart split over two pages, a continued table without its header row, a heading alone at the foot
 * of a page (all from the PDF's structure tree, which says on which pages each element's content
 * lies), and text printed over other text or off the page (from the position of every glyph). The charts' own
 * labels are drawn as shapes in the PDF, so they are checked in the report's SVG: every label's box,
 * measured in the shipped font, against every other label and every bar.
 */
final class PdfLayout {
    private PdfLayout() {
    }

    /** The problems of the PDF, each in words naming the page; empty when there is none. */
    static List<String> problems(Path pdf) throws IOException {
        List<String> problems = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            structure(document, document.getDocumentCatalog().getStructureTreeRoot(), problems);
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                overlappingText(document, page, problems);
            }
        }
        return problems;
    }

    private static void structure(PDDocument document, PDStructureNode node, List<String> problems) {
        List<PDStructureElement> kids = new ArrayList<>();
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement element) {
                kids.add(element);
            }
        }
        for (int i = 0; i < kids.size(); i++) {
            PDStructureElement element = kids.get(i);
            String type = element.getStructureType();
            Set<Integer> pages = pages(document, element);
            boolean bodyRow = type.equals("TR") && !(node instanceof PDStructureElement parent && parent.getStructureType().equals("THead"));
            if ((bodyRow || type.equals("Figure")) && pages.size() > 1) {
                problems.add(type + " split over pages " + pages + ": " + text(element));
            }
            if (type.equals("Figure") && i > 0 && !kids.get(i - 1).getStructureType().equals("Figure")) {
                Set<Integer> captionPages = pages(document, kids.get(i - 1));
                if (!captionPages.isEmpty() && !pages.isEmpty() && !captionPages.equals(pages)) {
                    problems.add("a chart's caption on page " + captionPages + " and the chart on " + pages);
                }
            }
            if (type.equals("Table") && i > 0 && kids.get(i - 1).getStructureType().equals("Caption")) {
                Set<Integer> captionPages = pages(document, kids.get(i - 1));
                Set<Integer> tablePages = pages(document, element);
                if (!captionPages.isEmpty() && !tablePages.isEmpty()
                        && ((TreeSet<Integer>) captionPages).last() < ((TreeSet<Integer>) tablePages).first()) {
                    problems.add("a table's caption stands alone at the foot of page " + ((TreeSet<Integer>) captionPages).last());
                }
            }
            if (type.equals("Table")) {
                Set<Integer> headerPages = new TreeSet<>();
                Set<Integer> bodyPages = new TreeSet<>();
                for (Object part : element.getKids()) {
                    if (part instanceof PDStructureElement section && section.getStructureType().equals("THead")) {
                        headerPages.addAll(pages(document, section));
                    } else if (part instanceof PDStructureElement section && section.getStructureType().equals("TBody")) {
                        bodyPages.addAll(pages(document, section));
                    }
                }
                if (!headerPages.isEmpty() && !bodyPages.isEmpty() && ((TreeSet<Integer>) headerPages).first() < ((TreeSet<Integer>) bodyPages).first()) {
                    problems.add("a table's header row stands alone at the foot of page " + ((TreeSet<Integer>) headerPages).first());
                }
                if (!headerPages.containsAll(bodyPages)) {
                    problems.add("a table continues on pages " + bodyPages + " with its header on " + headerPages + " only");
                }
            }
            if (type.matches("H[1-6]") && !pages.isEmpty()) {
                for (int j = i + 1; j < kids.size(); j++) {
                    Set<Integer> next = pages(document, kids.get(j));
                    if (!next.isEmpty()) {
                        if (((TreeSet<Integer>) next).first() > ((TreeSet<Integer>) pages).last()) {
                            problems.add("the heading '" + text(element) + "' stands alone at the foot of page " + ((TreeSet<Integer>) pages).last());
                        }
                        break;
                    }
                }
            }
            structure(document, element, problems);
        }
    }

    /** The pages on which an element's content lies. */
    private static Set<Integer> pages(PDDocument document, PDStructureElement element) {
        Set<Integer> pages = new TreeSet<>();
        PDPage page = element.getPage();
        for (Object kid : element.getKids()) {
            if (kid instanceof PDStructureElement child) {
                pages.addAll(pages(document, child));
            } else if (kid instanceof Integer && page != null) {
                pages.add(document.getPages().indexOf(page) + 1);
            } else if (kid instanceof PDMarkedContentReference reference && reference.getPage() != null) {
                pages.add(document.getPages().indexOf(reference.getPage()) + 1);
            }
        }
        return pages;
    }

    private static String text(PDStructureElement element) {
        String title = element.getTitle();
        return title != null ? title : element.getStructureType();
    }

    private record Box(double left, double top, double right, double bottom, String glyph) {
        boolean overlaps(Box other) {
            return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
        }
    }

    /** Glyphs of one page whose inner boxes (a little inside each glyph's cell, so that neighbours may touch) overlap. */
    /** The report's left and right page margin, 12 mm in points (its CSS {@code @page}). */
    private static final double SIDE_MARGIN = 12 / 25.4 * 72;

    private static void overlappingText(PDDocument document, int page, List<String> problems) throws IOException {
        List<Box> boxes = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (TextPosition p : positions) {
                    if (p.getUnicode().isBlank() || p.getWidthDirAdj() <= 0) {
                        continue;
                    }
                    double w = p.getWidthDirAdj();
                    double h = p.getHeightDir();
                    double top = p.getYDirAdj() - h;
                    boxes.add(new Box(p.getXDirAdj() + 0.15 * w, top + 0.15 * h, p.getXDirAdj() + 0.85 * w, p.getYDirAdj() - 0.05 * h,
                            p.getUnicode()));
                }
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        float pageWidth = document.getPage(page - 1).getMediaBox().getWidth();
        // Past the side margins a table's last column is cut off, even where the page itself has room.
        boxes.stream().filter(b -> b.right() > pageWidth - SIDE_MARGIN + 2 || b.left() < SIDE_MARGIN - 2).findFirst()
                .ifPresent(b -> problems.add("text runs off page " + page + ": '" + b.glyph() + "' at x " + Math.round(b.left())));
        boxes.sort(Comparator.comparingDouble(Box::left));
        int found = 0;
        for (int i = 0; i < boxes.size() && found < 5; i++) {
            for (int j = i + 1; j < boxes.size() && boxes.get(j).left() < boxes.get(i).right(); j++) {
                if (boxes.get(i).overlaps(boxes.get(j))) {
                    problems.add("text over text on page " + page + ": '" + boxes.get(i).glyph() + "' and '" + boxes.get(j).glyph() + "' at x "
                            + Math.round(boxes.get(i).left()) + ", y " + Math.round(boxes.get(i).top()));
                    found++;
                    break;
                }
            }
        }
    }

    // ---- the charts' labels, in the report's SVG ----

    private static final Font FONT = font();

    /** Every chart of the report's XHTML: labels that overlap another label or a bar. */
    static List<String> chartLabelProblems(Document html) {
        List<String> problems = new ArrayList<>();
        NodeList svgs = html.getElementsByTagName("svg");
        for (int s = 0; s < svgs.getLength(); s++) {
            Element svg = (Element) svgs.item(s);
            if (!svg.getAttribute("class").equals("chart")) {
                continue;
            }
            double size = Double.parseDouble(((Element) svg.getElementsByTagName("g").item(0)).getAttribute("font-size"));
            List<Box> labels = new ArrayList<>();
            NodeList texts = svg.getElementsByTagName("text");
            for (int i = 0; i < texts.getLength(); i++) {
                Element t = (Element) texts.item(i);
                String content = t.getTextContent();
                double width = FONT.deriveFont((float) size).getStringBounds(content, new FontRenderContext(null, true, true)).getWidth();
                double x = Double.parseDouble(t.getAttribute("x"));
                double y = Double.parseDouble(t.getAttribute("y"));
                double left = switch (t.getAttribute("text-anchor")) {
                    case "middle" -> x - width / 2;
                    case "end" -> x - width;
                    default -> x;
                };
                // Cap height above the baseline, descenders below it, as DejaVu Sans draws them.
                labels.add(new Box(left, y - 0.73 * size, left + width, y + 0.24 * size, content));
            }
            List<Box> bars = new ArrayList<>();
            NodeList rects = svg.getElementsByTagName("rect");
            for (int i = 0; i < rects.getLength(); i++) {
                Element r = (Element) rects.item(i);
                double x = Double.parseDouble(r.getAttribute("x"));
                double y = Double.parseDouble(r.getAttribute("y"));
                bars.add(new Box(x, y, x + Double.parseDouble(r.getAttribute("width")), y + Double.parseDouble(r.getAttribute("height")), "bar"));
            }
            String chart = svg.getElementsByTagName("title").getLength() > 0 ? svg.getElementsByTagName("title").item(0).getTextContent() : "a chart";
            double width = Double.parseDouble(svg.getAttribute("width"));
            for (int i = 0; i < labels.size(); i++) {
                Box a = labels.get(i);
                if (a.left() < 0 || a.right() > width) {
                    problems.add(chart + ": the label '" + a.glyph() + "' runs outside the chart");
                }
                for (int j = i + 1; j < labels.size(); j++) {
                    if (a.overlaps(labels.get(j))) {
                        problems.add(chart + ": the labels '" + a.glyph() + "' and '" + labels.get(j).glyph() + "' overlap");
                    }
                }
                for (Box bar : bars) {
                    if (a.overlaps(bar)) {
                        problems.add(chart + ": the label '" + a.glyph() + "' lies over a bar");
                        break;
                    }
                }
            }
        }
        return problems;
    }

    private static Font font() {
        try (InputStream in = PdfLayout.class.getResourceAsStream("/nl/kic/analytics/tools/report/fonts/DejaVuSans.ttf")) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (Exception e) {
            throw new IllegalStateException("the shipped font cannot be read", e);
        }
    }
}
