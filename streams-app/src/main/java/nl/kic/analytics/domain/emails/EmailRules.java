package nl.kic.analytics.domain.emails;

import java.util.Set;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.WorkingDayCalendar;

/** The e-mailgedragslijn as configured: the calendar, the acknowledgement window and the answer deadlines. */
public record EmailRules(WorkingDayCalendar calendar, long acknowledgeWithinMillis, int simpleAnswerWorkingDays,
                         int complexAnswerWorkingDays) {

    /** Categories that must always be answered (for OTHER_DEPARTMENT, forwarding is the answer). */
    public static final Set<EmailCategory> MUST_ANSWER =
            Set.of(EmailCategory.URGENT, EmailCategory.OTHER_DEPARTMENT, EmailCategory.NOT_ON_WEBSITE);

    public static EmailRules from(KicConfig config) {
        return new EmailRules(config.calendar(), config.acknowledgeWithin().toMillis(),
                config.simpleAnswerWorkingDays(), config.complexAnswerWorkingDays());
    }

    public int answerWorkingDays(EmailComplexity complexity) {
        return complexity == EmailComplexity.COMPLEX ? complexAnswerWorkingDays : simpleAnswerWorkingDays;
    }
}
