package nl.kic.analytics.tools.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.time.WorkingDayCalendar;

/**
 * How the KiC handles contact-form e-mail (docs/simulation.md): every mail gets an automatic acknowledgement
 * and is screened; spam is closed; urgent mail, mail for other departments (forwarded) and questions
 * not answered on the website are always answered, mostly within the deadline; general questions
 * are mostly closed with a pointer to the website and dossier questions with a pointer to the phone.
 */
final class EmailPolicy {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final WorkingDayCalendar calendar;
    private final Random random;
    private final String emailIdPrefix;
    private long sequence;

    /** A policy whose e-mail ids (and so their event ids) begin with {@code idPrefix}. */
    EmailPolicy(WorkingDayCalendar calendar, Random random, String idPrefix) {
        this.calendar = calendar;
        this.random = random;
        this.emailIdPrefix = idPrefix + "mail-";
    }

    /** The events of one e-mail received at {@code received}, in no particular order. */
    List<EmailEvent> handle(long received) {
        String id = emailIdPrefix + (++sequence);
        List<EmailEvent> events = new ArrayList<>();
        Builder b = new Builder(id, events);
        b.add(EmailEventType.RECEIVED, received, null, null, null);
        if (random.nextDouble() < 0.95) {
            b.add(EmailEventType.ACKNOWLEDGED, received + MINUTE + (long) (random.nextDouble() * 20 * MINUTE), null, null, null);
        }
        long screened = received + 10 * MINUTE + (long) (random.nextDouble() * 4 * HOUR);
        double r = random.nextDouble();
        if (r < 1.0 / 6) {
            b.add(EmailEventType.CLASSIFIED, screened, EmailCategory.SPAM, null, null);
            b.add(EmailEventType.CLOSED, screened + MINUTE, null, null, CloseReason.SPAM);
            return events;
        }
        double c = random.nextDouble();
        EmailCategory category = c < 0.06 ? EmailCategory.URGENT : c < 0.16 ? EmailCategory.OTHER_DEPARTMENT
                : c < 0.30 ? EmailCategory.NOT_ON_WEBSITE : c < 0.70 ? EmailCategory.GENERAL : EmailCategory.DOSSIER;
        EmailComplexity complexity = random.nextDouble() < 0.15 ? EmailComplexity.COMPLEX : EmailComplexity.SIMPLE;
        b.add(EmailEventType.CLASSIFIED, screened, category, complexity, null);
        boolean answer = switch (category) {
            case URGENT, OTHER_DEPARTMENT, NOT_ON_WEBSITE -> true;
            case GENERAL -> random.nextDouble() < 0.38;
            default -> random.nextDouble() < 0.15;
        };
        EmailEventType answerType = category == EmailCategory.OTHER_DEPARTMENT ? EmailEventType.FORWARDED : EmailEventType.ANSWERED;
        if (!answer) {
            CloseReason reason = category == EmailCategory.DOSSIER ? CloseReason.NOT_BY_EMAIL : CloseReason.ANSWER_ON_WEBSITE;
            b.add(EmailEventType.CLOSED, Math.max(screened, workingMoment(received, random.nextInt(2))) + MINUTE, null, null, reason);
        } else if (complexity == EmailComplexity.COMPLEX) {
            long interim = Math.max(screened, workingMoment(received, 2 + random.nextInt(8)));
            b.add(EmailEventType.INTERIM_REPLY, interim, null, null, null);
            b.add(answerType, Math.max(interim + HOUR, workingMoment(received, 8 + random.nextInt(13))), null, null, null);
        } else {
            int days = random.nextDouble() < 0.9 ? 1 + random.nextInt(2) : 3 + random.nextInt(3); // 10% late
            b.add(answerType, Math.max(screened, workingMoment(received, days)), null, null, null);
        }
        return events;
    }

    /** A moment in the working day that ends {@code workingDays} after the deadline clock starts. */
    private long workingMoment(long received, int workingDays) {
        long end = calendar.deadline(Instant.ofEpochMilli(received), workingDays).toEpochMilli();
        return end - (long) (random.nextDouble() * 7 * HOUR);
    }

    private final class Builder {
        private final String emailId;
        private final List<EmailEvent> events;
        private int eventSequence;

        Builder(String emailId, List<EmailEvent> events) {
            this.emailId = emailId;
            this.events = events;
        }

        void add(EmailEventType type, long at, EmailCategory category, EmailComplexity complexity, CloseReason reason) {
            events.add(EmailEvent.newBuilder()
                    .setEventId(emailId + "-" + (++eventSequence))
                    .setEmailId(emailId)
                    .setType(type)
                    .setOccurredAt(Instant.ofEpochMilli(at))
                    .setCategory(category)
                    .setComplexity(complexity)
                    .setCloseReason(reason)
                    .build());
        }
    }
}
