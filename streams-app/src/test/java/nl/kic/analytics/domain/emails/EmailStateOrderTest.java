package nl.kic.analytics.domain.emails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.kic.analytics.domain.entity.Delivery;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.config.KicConfig;
import org.junit.jupiter.api.Test;

/**
 * A fuzz test of the per-e-mail state: for any order and duplication of an e-mail's events
 * (several RECEIVED and CLASSIFIED events, categories and complexities at the same millisecond,
 * events before the RECEIVED, closes with and without answer), the contribution is the same, also
 * when the state was compacted in between.
 */
class EmailStateOrderTest {
    private static final EmailRules RULES = EmailRules.from(KicConfig.defaults());
    private static final long NOW = Instant.parse("2023-03-20T12:00:00Z").toEpochMilli();
    private static final long BASE = Instant.parse("2023-03-01T09:00:00Z").toEpochMilli();

    /** Delivers events as the processor does; compacts the state after {@code compactAfter} events (never when negative). */
    private static EmailContribution deliver(List<EmailEvent> events, int compactAfter) {
        return Delivery.deliver(new EmailState(), events, compactAfter).judge(RULES, NOW);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static List<EmailEvent> randomEmail(Random random) {
        List<EmailEvent> events = new ArrayList<>();
        int count = 1 + random.nextInt(7);
        for (int i = 0; i < count; i++) {
            EmailEventType type = i == 0 && random.nextInt(5) > 0 ? EmailEventType.RECEIVED : pick(random, EmailEventType.values());
            boolean categorised = type == EmailEventType.CLASSIFIED || random.nextInt(4) == 0;
            events.add(EmailEvent.newBuilder()
                    .setEventId("m" + i)
                    .setEmailId("mail")
                    .setType(type)
                    // Few distinct times, so that events often share a millisecond.
                    .setOccurredAt(Instant.ofEpochMilli(BASE + random.nextInt(6) * 3_600_000L * (1 + random.nextInt(30))))
                    .setCategory(categorised ? pick(random, EmailCategory.values()) : null)
                    .setComplexity(categorised && random.nextBoolean() ? pick(random, EmailComplexity.values()) : null)
                    .setCloseReason(type == EmailEventType.CLOSED ? pick(random, CloseReason.values()) : null)
                    .build());
        }
        return events;
    }

    @Test
    void anyOrderAndDuplicationOfAnEmailsEventsGivesTheSameContribution() {
        Random random = new Random(20230301);
        int judged = 0;
        for (int email = 0; email < 20_000; email++) {
            List<EmailEvent> events = randomEmail(random);
            EmailContribution inOrder = deliver(events, -1);
            judged += inOrder != null ? 1 : 0;
            for (int trial = 0; trial < 10; trial++) {
                List<EmailEvent> delivered = new ArrayList<>(events);
                for (int d = random.nextInt(3); d > 0; d--) {
                    delivered.add(events.get(random.nextInt(events.size())));
                }
                Collections.shuffle(delivered, random);
                assertThat(deliver(delivered, random.nextInt(delivered.size() + 1) - 1))
                        .as("e-mail %d, trial %d: %s", email, trial, delivered)
                        .isEqualTo(inOrder);
            }
        }
        assertThat(judged).isGreaterThan(10_000); // the cases are not all trivial
    }
}
