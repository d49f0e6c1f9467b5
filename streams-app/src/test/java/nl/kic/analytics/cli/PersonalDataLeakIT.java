package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.kic.analytics.Await;
import nl.kic.analytics.RunningInstances.Instance;
import nl.kic.analytics.RunningInstances;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.registry.FakeConfluentRegistryServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty made-up callers and agents, each with a phone number and a name, in a queue_log and a CSV
 * export as a careless supplier writes them: in their own fields, in the queue's place (shifted
 * fields), as an event name, inside quoted commas. Imported to Kafka with the queue list set in the
 * mapping and in kic.queues, counted by `run`, shown by the API and /metrics and reported by
 * `report`: no number and no name appears in anything the product writes or serves.
 */
@ExtendWith(SharedBroker.class)
class PersonalDataLeakIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"Wilhelmina", "Bartholomeus", "Fenneke", "Hendrikus", "Gerritdina", "Aaltje", "Jozefien",
        "Reinoutje", "Marijke", "Cornelis"};
    private static final String[] LAST = {"Kroonenberg", "Oosterwijck", "Schimmelpeninck", "Valkenburgh", "Doornbosch"};
    private static final int PEOPLE = 50;

    /** One made-up person: a name (an agent's or a caller's) and a phone number. */
    private record Person(String name, String number) {
    }

    @Test
    void noNumberOrNameOfTheInputReachesAnythingTheProductWritesOrServes(TestKafka kafka, @TempDir Path dir) throws Exception {
        List<Person> people = people();
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        LocalDate day = LocalDate.now(zone).minusDays(2);
        long t = day.atTime(10, 0).atZone(zone).toEpochSecond();
        StringBuilder log = new StringBuilder();
        StringBuilder csv = new StringBuilder("id,queue,caller,agent,day,entered,left,ended,result\n");
        int calls = 0;
        for (int i = 0; i < PEOPLE; i++) {
            Person p = people.get(i);
            String queue = i % 2 == 0 ? "asiel" : "werk";
            long at = t + i * 60L;
            String uid = at + "." + i;
            log.append(at).append("|NONE|").append(queue).append("|SIP/").append(p.name()).append("|ADDMEMBER|\n");
            log.append(at + 1).append('|').append(uid).append('|').append(queue).append("|NONE|ENTERQUEUE||").append(p.number()).append("|1\n");
            log.append(at + 20).append('|').append(uid).append('|').append(queue).append("|SIP/").append(p.name()).append("|CONNECT|19|x|3\n");
            log.append(at + 50).append('|').append(uid).append('|').append(queue).append("|SIP/").append(p.name()).append("|COMPLETECALLER|19|30|1\n");
            calls++;
            // In odd places: the number and the name where the queue belongs, the name as an event, a line cut short.
            log.append(at + 2).append('|').append(uid).append("-b|").append(p.number()).append("|NONE|ENTERQUEUE||asiel|1\n");
            log.append(at + 3).append('|').append(uid).append("-c|").append(p.name()).append("|NONE|ENTERQUEUE||").append(p.number()).append("|1\n");
            log.append(at + 4).append('|').append(uid).append("-d|asiel|NONE|").append(p.name()).append('|').append(p.number()).append('\n');
            log.append(p.number()).append('|').append(p.name()).append('\n');
            String time = LocalTime.of(11, 0).plusMinutes(i).toString();
            String left = LocalTime.of(11, 0, 30).plusMinutes(i).toString();
            // A quoted name with a comma shifts no column.
            csv.append("c").append(i).append(',').append(queue).append(',').append(p.number()).append(",\"Jansen, ").append(p.name())
                    .append("\",").append(day).append(',').append(time).append(":00,").append(left).append(",,answered\n");
            calls++;
            // A row whose queue column was left empty by the export: the number and the name move one column left.
            csv.append("d").append(i).append(",").append(p.number()).append(',').append(p.name()).append(",,").append(day)
                    .append(',').append(time).append(":10,").append(left).append(",,answered\n");
        }
        Files.writeString(dir.resolve("queue_log"), log);
        Files.writeString(dir.resolve("calls.csv"), csv);
        String queues = "queues=asiel,werk\n";
        Files.writeString(dir.resolve("queue_log.mapping"), queues);
        Files.writeString(dir.resolve("csv.mapping"), queues + String.join("\n", "column.call-id=id", "column.queue=queue",
                "column.caller=caller", "column.agent=agent", "column.outcome=result", "column.date=day", "date.format=yyyy-MM-dd",
                "time.format=HH:mm:ss", "column.entry-time=entered", "column.answer-time=left", "column.abandon-time=left",
                "column.end-time=ended", "outcome.answered=answered", "outcome.abandoned=abandoned", ""));

        try (FakeConfluentRegistryServer registry = new FakeConfluentRegistryServer(1)) {
            KicConfig config = kafka.config().withSchemaRegistryUrl(registry.url());
            Map<String, String> settings = new LinkedHashMap<>(kafka.environment());
            settings.put("KIC_SCHEMA_REGISTRY_URL", registry.url());
            settings.put("KIC_QUEUES", "asiel,werk");
            assertThat(command(dir, settings, "queue_log", "import", "--format", "asterisk-queue-log", "--input", "queue_log",
                    "--mapping", "queue_log.mapping", "--to-kafka", "--errors", "queue_log.errors")).isZero();
            assertThat(command(dir, settings, "csv", "import", "--format", "csv", "--input", "calls.csv", "--mapping", "csv.mapping",
                    "--to-kafka", "--errors", "csv.errors")).isZero();
            assertThat(command(dir, settings, "events", "import", "--format", "asterisk-queue-log", "--input", "queue_log",
                    "--mapping", "queue_log.mapping", "--output", "events.jsonl", "--errors", "events.errors")).isZero();
            // Every shifted line is refused, by number, as unknown_queue.
            assertThat(Files.readString(dir.resolve("queue_log.errors"))).contains("unknown_queue");
            assertThat(Files.readString(dir.resolve("csv.errors")).lines().filter(l -> l.contains("unknown_queue")).count())
                    .isEqualTo(PEOPLE);

            RunningInstances.Http http = RunningInstances.Http.plain();
            Instance instance = RunningInstances.instances(dir, 1).get(0);
            Process run = RunningInstances.start(instance, kafka, registry.url(), http, Map.of("KIC_QUEUES", "asiel,werk"));
            try {
                RunningInstances.awaitRunning(instance, http);
                int expected = calls;
                Await.until("the " + expected + " calls counted", Duration.ofMinutes(2),
                        () -> offered(http, instance), offered -> offered == expected);
                List<String> served = new ArrayList<>();
                for (String path : List.of("/metrics", "/api/contacts/metrics?granularity=day", "/api/contacts/metrics?granularity=15m",
                        "/api/contacts/live", "/api/agents/live", "/api/emails/live", "/api/wallboard/settings")) {
                    served.add(path + "\n" + http.client().send(http.request(instance, path).build(), HttpResponse.BodyHandlers.ofString()).body());
                }
                Files.write(dir.resolve("served.txt"), served);
                String period = day.toString().substring(0, 7);
                assertThat(command(dir, settings, "report", "report", "--period", period, "--api", "http://" + instance.address(),
                        "--output", "report")).isZero();
                Files.writeString(dir.resolve("topics.txt"), topics(config));
            } finally {
                run.destroy();
                run.waitFor();
            }
        }
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("report/report.pdf").toFile())) {
            Files.writeString(dir.resolve("report-pdf.txt"), new PDFTextStripper().getText(pdf));
        }

        List<String> inputs = List.of("queue_log", "calls.csv", "queue_log.mapping", "csv.mapping");
        List<Path> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).filter(f -> !inputs.contains(f.getFileName().toString()))
                    .toList();
        }
        assertThat(written.stream().map(f -> dir.relativize(f).toString())).contains("events.jsonl", "queue_log.errors", "csv.errors",
                "queue_log.stdout", "csv.stderr", "instance-0.log", "served.txt", "topics.txt", "report/report.csv", "report/report.md",
                "report/report.html", "report-pdf.txt");
        for (Path file : written) {
            if (file.getFileName().toString().endsWith(".pdf")) {
                continue; // its text is in report-pdf.txt
            }
            // Latin-1 reads any byte: binary records are searched as they are.
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (Person p : people) {
                for (String personal : List.of(p.number(), p.number().substring(1), p.name(), p.name().split(" ")[1])) {
                    assertThat(content).as(dir.relativize(file) + " holds a made-up number or name").doesNotContain(personal);
                }
            }
        }
    }

    private static List<Person> people() {
        Random random = new Random(20261205);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String name = FIRST[i % FIRST.length] + " " + LAST[i / FIRST.length];
            people.add(new Person(name, String.format("06%08d", 10_000_000 + random.nextInt(89_999_999))));
        }
        return people;
    }

    private static int command(Path dir, Map<String, String> settings, String name, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KIC_"));
        builder.environment().putAll(settings);
        builder.environment().put("KIC_PSEUDONYM_KEY", "a test key of 32 bytes, not real");
        Process process = builder.redirectOutput(dir.resolve(name + ".stdout").toFile()).redirectError(dir.resolve(name + ".stderr").toFile())
                .start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static long offered(RunningInstances.Http http, Instance instance) throws Exception {
        HttpResponse<String> answer = http.client().send(http.request(instance, "/api/contacts/metrics?granularity=year&queue=ALL").build(),
                HttpResponse.BodyHandlers.ofString());
        long offered = 0;
        if (answer.statusCode() == 200) {
            for (JsonNode row : JSON.readTree(answer.body()).path("rows")) {
                offered += row.path("offered").asLong();
            }
        }
        return offered;
    }

    /** Every record (key, value, headers) of every topic of this test's application and inputs, as Latin-1 text. */
    private static String topics(KicConfig config) throws Exception {
        StringBuilder all = new StringBuilder();
        Properties props = config.kafkaClientProperties();
        try (Admin admin = Admin.create(props)) {
            List<String> names = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(config.applicationId()) || t.equals(config.contactEventsTopic())
                            || t.equals(config.agentEventsTopic()) || t.equals(config.emailEventsTopic()) || t.equals(config.deadLetterTopic()))
                    .toList();
            assertThat(names).contains(config.contactEventsTopic(), config.deadLetterTopic());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : names) {
                    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        all.append(record.topic()).append(' ');
                        latin1(all, record.key());
                        latin1(all, record.value());
                        for (Header header : record.headers()) {
                            all.append(header.key()).append('=');
                            latin1(all, header.value());
                        }
                        all.append('\n');
                    }
                }
                assertThat(partitions).as("partitions read to their end").allMatch(p -> consumer.position(p) >= ends.get(p));
            }
        }
        return all.toString();
    }

    private static void latin1(StringBuilder out, byte[] bytes) {
        if (bytes != null) {
            out.append(new String(bytes, StandardCharsets.ISO_8859_1)).append(' ');
        }
    }
}
