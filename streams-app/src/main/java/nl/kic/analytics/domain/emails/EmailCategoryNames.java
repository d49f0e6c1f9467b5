package nl.kic.analytics.domain.emails;

import java.util.Map;
import nl.kic.analytics.events.EmailCategory;

/** The e-mail categories' names for people, in Dutch and English: the same on the wallboard and in the report. */
public final class EmailCategoryNames {
    private EmailCategoryNames() {
    }

    public static final Map<EmailCategory, String> DUTCH = Map.of(
            EmailCategory.URGENT, "Spoed",
            EmailCategory.OTHER_DEPARTMENT, "Voor een andere afdeling",
            EmailCategory.NOT_ON_WEBSITE, "Antwoord niet op de website",
            EmailCategory.GENERAL, "Algemene vraag",
            EmailCategory.DOSSIER, "Vraag over een dossier",
            EmailCategory.SPAM, "Spam");

    public static final Map<EmailCategory, String> ENGLISH = Map.of(
            EmailCategory.URGENT, "Urgent",
            EmailCategory.OTHER_DEPARTMENT, "For another department",
            EmailCategory.NOT_ON_WEBSITE, "Answer not on the website",
            EmailCategory.GENERAL, "General question",
            EmailCategory.DOSSIER, "Question about a case",
            EmailCategory.SPAM, "Spam");
}
