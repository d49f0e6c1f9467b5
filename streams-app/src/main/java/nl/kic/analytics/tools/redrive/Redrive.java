package nl.kic.analytics.tools.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import nl.kic.analytics.app.DeadLetterHandler;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.kafka.TopicReader;
import nl.kic.analytics.platform.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back to the topic they were read from, so that events dead-lettered for a cause
 * that has since been fixed (a schema registered late, a queue added to the list) are counted after
 * all. Each dead letter is sent back at most once, however often this runs: every re-sent record is
 * noted, in the same transaction, on {@code <dead-letter topic>.redriven} (compacted, keyed by the
 * dead letter's partition and offset), and dead letters noted there are passed over. The fixed
 * transactional id also fences a second redrive that runs at the same time.
 */
public final class Redrive {
    /** Header on a re-sent record: the dead letter it came from ({@code kic.dlq-0@17}). */
    public static final String REDRIVEN_FROM_HEADER = "kic.redriven-from";
    private static final Logger log = LoggerFactory.getLogger(Redrive.class);

    /** Which dead letters: these reasons, dead-lettered at or after {@code from} and before {@code to} (either may be null). */
    public record Selection(Set<String> reasons, Instant from, Instant to) {
        boolean matches(String reason, Instant deadLetteredAt) {
            return reasons.contains(reason) && (from == null || !deadLetteredAt.isBefore(from))
                    && (to == null || deadLetteredAt.isBefore(to));
        }
    }

    /** What a redrive did: per source topic, the records re-sent; dead letters passed over because they were re-sent before. */
    public record Result(Map<String, Integer> resentByTopic, int alreadyResent, Instant firstDeadLettered, Instant lastDeadLettered) {
        public int resent() {
            return resentByTopic.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Redrive() {
    }

    public static String redrivenTopic(KicConfig config) {
        return config.deadLetterTopic() + ".redriven";
    }

    /** Re-sends the selected dead letters that were not re-sent before; with {@code dryRun} only counts them. */
    public static Result run(KicConfig config, Selection selection, boolean dryRun, Consumer<String> audit) {
        String redriven = redrivenTopic(config);
        Topics.createCompacted(config.kafkaClientProperties(), redriven, config.replicationFactor());
        Set<String> done = new HashSet<>();
        TopicReader.readToEnd(config.kafkaClientProperties(), redriven, record -> done.add(new String(record.key(), StandardCharsets.UTF_8)));

        List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>();
        int[] alreadyResent = {0};
        TopicReader.readToEnd(config.kafkaClientProperties(), config.deadLetterTopic(), record -> {
            String reason = header(record, DeadLetterHandler.REASON_HEADER);
            if (reason == null || header(record, DeadLetterHandler.TOPIC_HEADER) == null
                    || !selection.matches(reason, Instant.ofEpochMilli(record.timestamp()))) {
                return;
            }
            if (done.contains(markerKey(record))) {
                alreadyResent[0]++;
            } else {
                selected.add(record);
            }
        });

        Map<String, Integer> resentByTopic = new TreeMap<>();
        selected.forEach(record -> resentByTopic.merge(header(record, DeadLetterHandler.TOPIC_HEADER), 1, Integer::sum));
        Instant first = selected.stream().map(r -> Instant.ofEpochMilli(r.timestamp())).min(Instant::compareTo).orElse(null);
        Instant last = selected.stream().map(r -> Instant.ofEpochMilli(r.timestamp())).max(Instant::compareTo).orElse(null);
        if (!dryRun && !selected.isEmpty()) {
            resend(config, redriven, selected);
        }
        Result result = new Result(resentByTopic, alreadyResent[0], first, last);
        String line = String.format("redrive%s: reasons %s, dead-lettered %s to %s: %s %d records (%s); %d re-sent before, passed over",
                dryRun ? " (dry run)" : "", String.join(",", new TreeSet<>(selection.reasons())),
                first == null ? "-" : first, last == null ? "-" : last, dryRun ? "would re-send" : "re-sent", result.resent(),
                resentByTopic.isEmpty() ? "none" : resentByTopic.toString(), result.alreadyResent());
        log.info(line);
        audit.accept(line);
        return result;
    }

    private static void resend(KicConfig config, String redriven, List<ConsumerRecord<byte[], byte[]>> selected) {
        Properties props = config.kafkaClientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kic-redrive-" + config.deadLetterTopic());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Set<String> sourceTopics = new HashSet<>();
        selected.forEach(record -> sourceTopics.add(header(record, DeadLetterHandler.TOPIC_HEADER)));
        Topics.awaitWritable(config.kafkaClientProperties(), sourceTopics);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (ConsumerRecord<byte[], byte[]> record : selected) {
                String marker = markerKey(record);
                RecordHeaders headers = new RecordHeaders();
                headers.add(REDRIVEN_FROM_HEADER, marker.getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(header(record, DeadLetterHandler.TOPIC_HEADER), null, record.key(), record.value(), headers));
                String note = header(record, DeadLetterHandler.REASON_HEADER) + " " + Instant.now();
                producer.send(new ProducerRecord<>(redriven, marker.getBytes(StandardCharsets.UTF_8), note.getBytes(StandardCharsets.UTF_8)));
            }
            producer.commitTransaction();
        }
    }

    /** The dead letter's place, which never changes: the key of its note on the redriven topic. */
    private static String markerKey(ConsumerRecord<byte[], byte[]> deadLetter) {
        return deadLetter.topic() + "-" + deadLetter.partition() + "@" + deadLetter.offset();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
