package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} as an operator runs it: in its own JVM, with its output, its log and its error file. */
class ImportCommandIT {
    /** Distinctive made-up numbers and names, which must appear nowhere the import writes. */
    private static final List<String> PERSONAL = List.of("0687654321", "+31687654321", "687654321", "Wilhelmina Kroonenberg",
            "Kroonenberg", "Bartholomeus", "0201112223");

    private static Process run(Path dir, boolean withKey, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        if (withKey) {
            builder.environment().put("KIC_PSEUDONYM_KEY", "a test key of 32 bytes, not real");
        }
        Process process = builder.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    @Test
    void noPersonalDataReachesTheOutputTheLogOrTheErrorFile(@TempDir Path dir) throws Exception {
        long t = 1_677_661_200L;
        Files.writeString(dir.resolve("queue_log"), String.join("\n",
                t + "|NONE|asiel|SIP/Wilhelmina Kroonenberg|ADDMEMBER|",
                (t + 1) + "|1677661201.1|asiel|NONE|ENTERQUEUE||0687654321|1",
                (t + 9) + "|1677661201.1|asiel|SIP/Wilhelmina Kroonenberg|CONNECT|8|1677661209.2|2",
                (t + 99) + "|1677661201.1|asiel|SIP/Wilhelmina Kroonenberg|COMPLETECALLER|8|90|1",
                (t + 120) + "|1677661220.3|asiel|NONE|ENTERQUEUE||+31687654321|1",
                // Broken lines that carry a number and a name: the error file names the line, never its content.
                (t + 121) + "|1677661220.3|asiel",
                "noon|1677661230.4|asiel|NONE|ENTERQUEUE||0201112223|1",
                (t + 130) + "|1677661220.3|asiel|Agent/Bartholomeus|", ""));
        Files.writeString(dir.resolve("mapping"), "team.SIP/Wilhelmina\\ Kroonenberg=team-noord\n");
        Process process = run(dir, true, "--format", "asterisk-queue-log", "--input", "queue_log", "--mapping", "mapping",
                "--output", "events.jsonl", "--errors", "errors.txt");
        assertThat(process.exitValue()).isZero();
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        assertThat(stdout).contains("Read 8 lines, wrote").contains("3 lines could not be read");
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"callerKey\"").contains("\"team\":\"team-noord\"");
        assertThat(Files.readString(dir.resolve("errors.txt")).lines()).hasSize(3);

        try (Stream<Path> written = Files.list(dir)) {
            for (Path file : written.filter(f -> !f.getFileName().toString().equals("queue_log")
                    && !f.getFileName().toString().equals("mapping")).toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                for (String personal : PERSONAL) {
                    assertThat(content).as(file.getFileName() + " holds " + personal).doesNotContain(personal);
                }
            }
        }
    }

    @Test
    void noPersonalDataFromACsvExportReachesTheOutputTheLogOrTheErrorFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("calls.csv"), String.join("\n",
                "id;queue;caller;agent;day;entered;left;ended;result",
                "1;asiel;0687654321;Wilhelmina Kroonenberg;2023-03-01;09:00:00;09:00:40;09:03:00;answered",
                "2;asiel;+31687654321;;2023-03-01;09:01:00;09:01:30;;abandoned",
                "3;asiel;0201112223;Bartholomeus;2023-03-01;nine o'clock;09:05:00;;answered",
                "4;asiel;0687654321;Bartholomeus;2023-03-01;09:06:00;09:06:10;;transferred", ""));
        Files.writeString(dir.resolve("mapping"), String.join("\n", "csv.separator=;", "column.call-id=id", "column.queue=queue",
                "column.caller=caller", "column.agent=agent", "column.outcome=result", "column.date=day", "date.format=yyyy-MM-dd",
                "time.format=HH:mm:ss", "column.entry-time=entered", "column.answer-time=left", "column.abandon-time=left",
                "column.end-time=ended", "outcome.answered=answered", "outcome.abandoned=abandoned", ""));
        Process process = run(dir, true, "--format", "csv", "--input", "calls.csv", "--mapping", "mapping", "--output", "events.jsonl",
                "--errors", "errors.txt");
        assertThat(process.exitValue()).isZero();
        // Two calls read (3 and 2 events), the time of one and the outcome of another unreadable.
        assertThat(Files.readString(dir.resolve("stdout.txt"))).contains("Read 5 lines, wrote 5 events").contains("2 lines could not be read");
        assertThat(Files.readString(dir.resolve("errors.txt"))).isEqualTo("line 4: the entry-time is not in the format HH:mm:ss\n"
                + "line 5: unknown outcome; the mapping names [answered], [abandoned] and []\n");
        try (Stream<Path> written = Files.list(dir)) {
            for (Path file : written.filter(f -> !f.getFileName().toString().equals("calls.csv")).toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                for (String personal : PERSONAL) {
                    assertThat(content).as(file.getFileName() + " holds " + personal).doesNotContain(personal);
                }
            }
        }
    }

    @Test
    void importWithoutAKeyRefusesToStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("queue_log"), "1677661200|1.1|asiel|NONE|ENTERQUEUE||0687654321|1\n");
        Process process = run(dir, false, "--format", "asterisk-queue-log", "--input", "queue_log", "--output", "events.jsonl");
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("KIC_PSEUDONYM_KEY").contains("--key-file");
        assertThat(dir.resolve("events.jsonl")).doesNotExist();
    }

    @Test
    void importExitsZeroWithItsBadLinesListedOneWhenTooManyOrNoneCanBeReadOrTheFileIsMissing(@TempDir Path dir) throws Exception {
        String good = "1677661200|1.1|asiel|NONE|ENTERQUEUE||0687654321|1\n";
        String bad = "99999999999999999|1.2|asiel|NONE|ENTERQUEUE||0687654321|1\n";
        Files.writeString(dir.resolve("mostly-good"), good + good.replace("1.1", "1.3") + bad);
        Process mostlyGood = run(dir, true, "--format", "asterisk-queue-log", "--input", "mostly-good", "--output", "a.jsonl");
        assertThat(mostlyGood.exitValue()).isZero();
        assertThat(Files.readAllLines(dir.resolve("a.jsonl"))).hasSize(2);
        assertThat(Files.readString(dir.resolve("import-errors.txt"))).isEqualTo("line 3: the time is not a Unix time of the years 1970 to 9999\n");

        Files.writeString(dir.resolve("mostly-bad"), good + bad + bad);
        assertThat(run(dir, true, "--format", "asterisk-queue-log", "--input", "mostly-bad", "--output", "b.jsonl").exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("--max-error-share");
        assertThat(run(dir, true, "--format", "asterisk-queue-log", "--input", "mostly-bad", "--output", "b.jsonl",
                "--max-error-share", "0.7").exitValue()).isZero();

        Files.write(dir.resolve("binary"), new byte[] {0, (byte) 0xFF, (byte) 0xFE, '\n', (byte) 0xC3, 0x28, '\n'});
        assertThat(run(dir, true, "--format", "asterisk-queue-log", "--input", "binary", "--output", "c.jsonl").exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("No line of the input could be read");

        Process missing = run(dir, true, "--format", "asterisk-queue-log", "--input", "no-such-file", "--output", "d.jsonl");
        assertThat(missing.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.txt")).strip()).isEqualTo("--input: no such file.");
    }
}
