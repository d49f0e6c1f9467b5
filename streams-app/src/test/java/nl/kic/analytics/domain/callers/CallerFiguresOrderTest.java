package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * The caller figures do not depend on the order in which events arrive, nor on duplicates: callers
 * redialling across queues and days, with every outcome, delivered in time order and then shuffled
 * with repeated events, give the same rows; and the month's ALL row holds the people and attempts
 * counted straight from the events.
 */
class CallerFiguresOrderTest {
    private static final long MARCH_1 = Instant.parse("2023-03-01T07:00:00Z").toEpochMilli();
    private static final String[] QUEUES = {"asiel", "werk", "studie"};

    /** One made-up contact: its events, and whether it is an attempt of its caller (known from how it was made). */
    private record Contact(List<ContactEvent> events, String key, boolean attempt) {
    }

    private static List<Contact> contacts(Random random) {
        List<Contact> contacts = new ArrayList<>();
        int contactNumber = 0;
        for (int caller = 0; caller < 60; caller++) {
            String key = caller < 50 ? "K" + caller : null; // ten callers withhold their number
            long time = MARCH_1 + random.nextInt(20) * 86_400_000L + random.nextInt(8 * 3_600_000);
            int tries = 1 + random.nextInt(6);
            for (int t = 0; t < tries; t++) {
                String id = "c" + (++contactNumber);
                String queue = QUEUES[random.nextInt(QUEUES.length)];
                List<ContactEvent> events = new ArrayList<>();
                events.add(event(id, key, ContactEventType.OFFERED, queue, time));
                int outcome = random.nextInt(5);
                long wait = 10_000L + random.nextInt(900_000); // above the 5 s of a short abandon
                boolean attempt = true;
                switch (outcome) {
                    case 0 -> {
                        events.add(event(id, null, ContactEventType.ANSWERED, queue, time + wait));
                        events.add(event(id, null, ContactEventType.ENDED, queue, time + wait + 200_000));
                    }
                    case 1 -> events.add(event(id, null, ContactEventType.ABANDONED, queue, time + wait));
                    case 2 -> {
                        events.add(event(id, null, ContactEventType.ABANDONED, queue, time + 2_000)); // short: no attempt
                        attempt = false;
                    }
                    case 3 -> events.add(event(id, null, ContactEventType.REJECTED, queue, time + 1_000));
                    default -> { } // no outcome yet: open, lost after eight hours
                }
                contacts.add(new Contact(events, key, attempt));
                time += 60_000L + random.nextInt(3) * 3_600_000L * (1 + random.nextInt(30));
            }
        }
        return contacts;
    }

    private static int sequence;

    private static ContactEvent event(String contactId, String key, ContactEventType type, String queue, long at) {
        return ContactEvent.newBuilder().setEventId("e" + (++sequence)).setContactId(contactId).setChannel(Channel.CALL).setType(type)
                .setQueue(queue).setOccurredAt(Instant.ofEpochMilli(at)).setCallerKey(key).build();
    }

    private static List<CallerMetricsRow> deliver(List<ContactEvent> events) {
        try (TopologyHarness harness = new TopologyHarness("2023-05-01T12:00:00+02:00")) {
            events.forEach(harness::send);
            harness.runClockCheck();
            return harness.queries().callerMetrics().allRows();
        }
    }

    @Test
    void anyOrderAndDuplicationOfTheEventsGivesTheSameCallerRows() {
        Random random = new Random(20230301);
        List<Contact> contacts = contacts(random);
        List<ContactEvent> inOrder = new ArrayList<>();
        contacts.forEach(c -> inOrder.addAll(c.events()));
        inOrder.sort((a, b) -> a.getOccurredAt().compareTo(b.getOccurredAt()));
        List<CallerMetricsRow> expected = deliver(inOrder);

        // The month's ALL row against the events: people with an attempt, attempts, contacts without a key.
        Set<String> people = new HashSet<>();
        long attempts = 0;
        long unidentified = 0;
        Instant april = Instant.parse("2023-03-31T22:00:00Z");
        for (Contact c : contacts) {
            if (!c.events().get(0).getOccurredAt().isBefore(april)) {
                continue; // in April's row
            }
            if (c.attempt() && c.key() != null) {
                people.add(c.key());
                attempts++;
            } else if (c.attempt()) {
                unidentified++;
            }
        }
        CallerCounts month = expected.stream().filter(r -> r.granularity() == Granularity.MONTH && r.queue().equals("ALL")
                && r.intervalStart().getMonthValue() == 3).findFirst().orElseThrow().counts();
        assertThat(month.callers()).isEqualTo(people.size());
        assertThat(month.attempts()).isEqualTo(attempts);
        assertThat(month.unidentifiedContacts()).isEqualTo(unidentified);
        assertThat(month.callers()).isEqualTo(month.reached() + month.stillOpen() + month.neverReached());
        assertThat(month.reached()).isPositive();
        assertThat(month.neverReached()).isPositive();

        for (int trial = 0; trial < 3; trial++) {
            List<ContactEvent> delivered = new ArrayList<>(inOrder);
            for (int d = 0; d < 40; d++) {
                delivered.add(inOrder.get(random.nextInt(inOrder.size()))); // the same event again
            }
            Collections.shuffle(delivered, random);
            assertThat(deliver(delivered)).as("trial %d", trial).isEqualTo(expected);
        }
    }
}
