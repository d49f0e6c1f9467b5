package nl.kic.analytics.tools.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import nl.kic.analytics.cli.Main;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** Reading a written report back: the command's exit code and errors, the XHTML's tables, the Markdown's tables. */
public final class ReportFiles {
    private ReportFiles() {
    }

    public record Command(int exit, String err) {
    }

    public static Command command(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Command(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    /** Tables of a Markdown file by their bold caption: the header row, then the rows. The same caption twice keeps the first. */
    public static Map<String, List<List<String>>> markdownTables(List<String> lines) {
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("**") && line.endsWith("**") && i + 2 < lines.size() && lines.get(i + 2).startsWith("|")) {
                List<List<String>> rows = new ArrayList<>();
                for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                    if (j == i + 3) {
                        continue; // the alignment row
                    }
                    List<String> cells = new ArrayList<>();
                    for (String cell : lines.get(j).substring(1).split("(?<!\\\\)\\|")) {
                        cells.add(cell.trim().replace("\\|", "|"));
                    }
                    rows.add(cells);
                }
                tables.putIfAbsent(line.substring(2, line.length() - 2), rows);
            }
        }
        return tables;
    }

    public static Document xhtml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    public static Element table(Document html, String id) {
        NodeList tables = html.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            if (((Element) tables.item(i)).getAttribute("id").equals(id)) {
                return (Element) tables.item(i);
            }
        }
        throw new AssertionError("no table " + id);
    }

    public static List<String> headers(Document html, String id) {
        Element head = (Element) table(html, id).getElementsByTagName("thead").item(0);
        List<String> headers = new ArrayList<>();
        NodeList cells = head.getElementsByTagName("th");
        for (int i = 0; i < cells.getLength(); i++) {
            headers.add(cells.item(i).getTextContent());
        }
        return headers;
    }

    public static List<List<String>> tableRows(Document html, String id) {
        Element body = (Element) table(html, id).getElementsByTagName("tbody").item(0);
        List<List<String>> rows = new ArrayList<>();
        NodeList trs = body.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> cells = new ArrayList<>();
            NodeList children = trs.item(i).getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                if (children.item(c) instanceof Element cell) {
                    cells.add(cell.getTextContent());
                }
            }
            rows.add(cells);
        }
        return rows;
    }

}
