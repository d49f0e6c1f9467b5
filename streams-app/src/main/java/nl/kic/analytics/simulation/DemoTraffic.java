package nl.kic.analytics.simulation;

import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.time.ApplicationClock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal live event generator for the demo: calls and chats arrive by a Poisson process per
 * queue on the application clock, wait an exponential time for an agent and abandon after an
 * exponential patience; 2% are rejected. Each contact's events are sent when the clock reaches
 * them. Deterministic for a seed (given the same clock readings).
 */
public final class DemoTraffic implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    /** A queue with its channel and its arrivals per hour of simulated time. */
    public record QueueLoad(Channel channel, String queue, double arrivalsPerHour) {
    }

    public static final List<QueueLoad> KIC_QUEUES = List.of(
            new QueueLoad(Channel.CALL, "asiel", 60),
            new QueueLoad(Channel.CALL, "regulier", 90),
            new QueueLoad(Channel.CALL, "werk", 40),
            new QueueLoad(Channel.CALL, "studie", 30),
            new QueueLoad(Channel.CALL, "naturalisatie", 30),
            new QueueLoad(Channel.CALL, "algemeen", 45),
            new QueueLoad(Channel.CHAT, "livechat", 40));

    private static final double MEAN_WAIT_FOR_AGENT_SECONDS = 8 * 60;
    private static final double MEAN_PATIENCE_SECONDS = 16 * 60;
    private static final double MEAN_TALK_SECONDS = 6 * 60;
    private static final double REJECTED_SHARE = 0.02;

    private final Producer<String, ContactEvent> producer;
    private final String topic;
    private final ApplicationClock clock;
    private final Random random;
    private final PriorityQueue<ContactEvent> due = new PriorityQueue<>((a, b) -> a.getOccurredAt().compareTo(b.getOccurredAt()));
    private final Thread thread;
    private volatile boolean running = true;
    private long contactSequence;
    private long eventSequence;

    public DemoTraffic(Producer<String, ContactEvent> producer, String topic, ApplicationClock clock, long seed) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "demo-traffic");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        long last = clock.nowMillis();
        while (running) {
            long now = clock.nowMillis();
            for (QueueLoad load : KIC_QUEUES) {
                arrivals(load, last, now);
            }
            while (!due.isEmpty() && due.peek().getOccurredAt().toEpochMilli() <= now) {
                ContactEvent event = due.poll();
                producer.send(new ProducerRecord<>(topic, event.getContactId(), event));
            }
            last = now;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Poisson arrivals in (from, to]: exponential gaps, drawn one after the other. */
    private void arrivals(QueueLoad load, long fromMillis, long toMillis) {
        double ratePerMilli = load.arrivalsPerHour() / 3_600_000.0;
        double t = fromMillis + exponential(1 / ratePerMilli);
        while (t <= toMillis) {
            schedule(load, (long) t);
            t += exponential(1 / ratePerMilli);
        }
    }

    private void schedule(QueueLoad load, long arrival) {
        String contactId = "demo-" + (++contactSequence);
        if (random.nextDouble() < REJECTED_SHARE) {
            due.add(event(contactId, load, ContactEventType.REJECTED, arrival));
            return;
        }
        due.add(event(contactId, load, ContactEventType.OFFERED, arrival));
        double wait = exponential(MEAN_WAIT_FOR_AGENT_SECONDS * 1000);
        double patience = exponential(MEAN_PATIENCE_SECONDS * 1000);
        if (wait < patience) {
            long answered = arrival + (long) wait;
            due.add(event(contactId, load, ContactEventType.ANSWERED, answered));
            due.add(event(contactId, load, ContactEventType.ENDED, answered + (long) exponential(MEAN_TALK_SECONDS * 1000)));
        } else {
            due.add(event(contactId, load, ContactEventType.ABANDONED, arrival + (long) patience));
        }
    }

    private ContactEvent event(String contactId, QueueLoad load, ContactEventType type, long at) {
        return ContactEvent.newBuilder()
                .setEventId("demo-e" + (++eventSequence))
                .setContactId(contactId)
                .setChannel(load.channel())
                .setType(type)
                .setQueue(load.queue())
                .setOccurredAt(Instant.ofEpochMilli(at))
                .build();
    }

    private double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Demo traffic stopped after {} contacts", contactSequence);
    }
}
