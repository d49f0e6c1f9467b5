package nl.kic.analytics.domain.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.kic.analytics.domain.entity.Delivery;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.junit.jupiter.api.Test;

/**
 * A fuzz test of the per-contact state machine: for any order and duplication of a contact's events
 * (including impossible ones, several outcomes and a second OFFERED), the contribution is the same.
 */
class ContactStateOrderTest {
    private static final ContactRules RULES = new ContactRules(5_000, 20_000, 60_000, 8 * 3_600_000L);
    private static final long NOW = Instant.parse("2023-03-02T12:00:00Z").toEpochMilli();
    private static final long BASE = Instant.parse("2023-03-01T09:00:00Z").toEpochMilli();

    /** Delivers events as the processor does: duplicates by event id are dropped, the rest accepted. */
    private static Contribution deliver(List<ContactEvent> events) {
        return Delivery.deliver(new ContactState(), events, -1).judge(RULES, NOW);
    }

    private static List<ContactEvent> randomContact(Random random) {
        List<ContactEvent> events = new ArrayList<>();
        int seq = 0;
        String[] queues = {"asiel", "werk"};
        int types = 1 + random.nextInt(6);
        for (int i = 0; i < types; i++) {
            ContactEventType type = ContactEventType.values()[random.nextInt(ContactEventType.values().length)];
            if (i == 0 && random.nextInt(5) > 0) {
                type = ContactEventType.OFFERED;
            }
            events.add(ContactEvent.newBuilder()
                    .setEventId("e" + (++seq))
                    .setContactId("c")
                    .setChannel(random.nextBoolean() ? Channel.CALL : Channel.CHAT)
                    .setType(type)
                    .setQueue(queues[random.nextInt(queues.length)])
                    .setOccurredAt(Instant.ofEpochMilli(BASE + random.nextInt(4) * 2_500L + random.nextInt(600_000)))
                    .build());
        }
        return events;
    }

    @Test
    void anyOrderAndDuplicationOfAContactsEventsGivesTheSameContribution() {
        Random random = new Random(20230301);
        int contactsWithOutcome = 0;
        for (int contact = 0; contact < 20_000; contact++) {
            List<ContactEvent> events = randomContact(random);
            Contribution inOrder = deliver(events);
            contactsWithOutcome += inOrder != null && inOrder.hasOutcome() ? 1 : 0;
            for (int trial = 0; trial < 10; trial++) {
                List<ContactEvent> delivered = new ArrayList<>(events);
                int duplicates = random.nextInt(3);
                for (int d = 0; d < duplicates; d++) {
                    ContactEvent original = events.get(random.nextInt(events.size()));
                    // A duplicate carries the same event id, whatever else it says.
                    delivered.add(ContactEvent.newBuilder(original)
                            .setOccurredAt(original.getOccurredAt().plusSeconds(random.nextInt(100)))
                            .build());
                }
                Collections.shuffle(delivered, random);
                // The first delivery of an event id wins: compare with the same events, first copies only.
                List<ContactEvent> firstCopies = new ArrayList<>();
                List<String> seen = new ArrayList<>();
                for (ContactEvent e : delivered) {
                    if (!seen.contains(e.getEventId())) {
                        seen.add(e.getEventId());
                        firstCopies.add(e);
                    }
                }
                List<ContactEvent> sortedFirstCopies = new ArrayList<>(firstCopies);
                sortedFirstCopies.sort((a, b) -> a.getEventId().compareTo(b.getEventId()));
                assertThat(deliver(delivered)).as("contact %d, trial %d: %s", contact, trial, delivered)
                        .isEqualTo(deliver(sortedFirstCopies));
            }
        }
        assertThat(contactsWithOutcome).isGreaterThan(5_000); // the cases are not all trivial
    }
}
