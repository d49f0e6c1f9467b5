package nl.kic.analytics.tools.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The reader's own explanation under the summary ({@code report --note FILE}): Markdown, at most
 * {@value #MAX_BYTES} bytes of UTF-8. Raw HTML is shown as text, never as markup; an image is shown
 * as its description, so that the report never fetches a file; headings become sub-headings of the
 * note, so that the report's own heading order stays whole.
 */
final class ReaderNotes {
    static final int MAX_BYTES = 20_000;

    private ReaderNotes() {
    }

    /** The note's text; a file that is too long or not UTF-8 is refused with the reason (never its content). */
    static String read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read the note " + file.getFileName());
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("the note " + file.getFileName() + " has more than " + MAX_BYTES + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IOException("the note " + file.getFileName() + " is not UTF-8 text");
        }
    }

    /** The note as an XHTML fragment. */
    static String toXhtml(String markdown) {
        Node document = Parser.builder().build().parse(Html.xmlCharacters(markdown));
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(4);
                visitChildren(heading);
            }

            @Override
            public void visit(Image image) {
                StringBuilder description = new StringBuilder();
                for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
                    if (child instanceof Text t) {
                        description.append(t.getLiteral());
                    }
                }
                image.insertBefore(new Text(description.toString()));
                image.unlink();
            }
        });
        return HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).softbreak(" ").build().render(document);
    }
}
