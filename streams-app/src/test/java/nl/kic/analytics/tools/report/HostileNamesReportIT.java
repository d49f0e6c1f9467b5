package nl.kic.analytics.tools.report;

import static nl.kic.analytics.tools.report.ReportFiles.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.platform.config.KicConfig;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue names no person should have to trust, let through by a permissive kic.name-pattern so that
 * what is tested is the report's own care: every file is written, the CSV is safe to open in a
 * spreadsheet, and the Markdown and HTML show the names as text.
 */
@ExtendWith(SharedBroker.class)
class HostileNamesReportIT {
    private static final List<String> NAMES = List.of("=1+1", "a\rb", "x\u0001y", "<script>alert(1)</script>",
            "[klik](javascript:alert(1))", "@SUM(A1)", "asiel");

    @Test
    void aReportOfOddQueueNamesWritesEveryFileWithTheNamesAsText(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String queue = JsonNodeFactory.instance.textNode(NAMES.get(i)).toString();
            lines.add("{\"kind\":\"contact\",\"eventId\":\"o" + i + "\",\"contactId\":\"c" + i + "\",\"channel\":\"CALL\",\"type\":\"OFFERED\","
                    + "\"queue\":" + queue + ",\"occurredAt\":\"2023-03-01T09:00:00Z\"}");
            lines.add("{\"kind\":\"contact\",\"eventId\":\"a" + i + "\",\"contactId\":\"c" + i + "\",\"channel\":\"CALL\",\"type\":\"ANSWERED\","
                    + "\"queue\":" + queue + ",\"occurredAt\":\"2023-03-01T09:05:00Z\"}");
        }
        Files.write(events, lines);
        Properties settings = kafka.config().toProperties();
        settings.setProperty("kic.name-pattern", "(?s).{1,200}");
        Path settingsFile = TestKafka.settingsFile(KicConfig.fromProperties(settings), dir.resolve("report.properties"));
        Path out = dir.resolve("report");

        ReportFiles.Command result = command("report", "--period", "2023-03", "--input", events.toString(), "--config", settingsFile.toString(),
                "--no-compare-previous", "--output", out.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        for (String file : List.of("report.html", "report.pdf", "report.md", "report.csv", "report.json")) {
            assertThat(Files.size(out.resolve(file))).as(file).isPositive();
        }
        // CSV: every name is there, each in one field; none starts a formula.
        List<String> names = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(out.resolve("report.csv")); CSVParser csv = CSVParser.parse(in, CSVFormat.RFC4180)) {
            for (CSVRecord record : csv) {
                assertThat(record.size()).isEqualTo(8);
                for (String field : record) {
                    if (!field.matches("-?[0-9.]+")) {
                        assertThat(field).as("a field a spreadsheet would run").doesNotStartWith("=").doesNotStartWith("+")
                                .doesNotStartWith("-").doesNotStartWith("@");
                    }
                }
                names.add(record.get(4));
            }
        }
        assertThat(names).contains("'=1+1", "a\rb", "x\u0001y", "<script>alert(1)</script>", "'@SUM(A1)", "asiel");
        // Markdown and HTML: the names as text, never markup or a link.
        String markdown = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        // A link needs "](" unescaped: the escaped brackets leave the text a text.
        assertThat(markdown).doesNotContain("<script>").doesNotContainPattern("(?<!\\\\)\\]\\(javascript:").contains("&lt;script&gt;")
                .contains("\\[klik\\](javascript:alert(1))");
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("\u0001");
        assertThat(Files.list(out).map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
}
