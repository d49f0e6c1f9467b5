package nl.kic.analytics;

import java.time.Duration;
import nl.kic.analytics.app.KicApplication;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;

/** The broker tests' calls all go to queue asiel on one day: its day row, once the pipeline has counted them. */
public final class AsielDay {
    private AsielDay() {
    }

    /** Waits until the day row of asiel has {@code offered} calls, {@code judged} of them answered or abandoned. */
    public static ContactFigures await(KicApplication app, long offered, long judged, Duration timeout) throws InterruptedException {
        return Await.until("the day row of asiel with " + offered + " calls, " + judged + " of them with an outcome", timeout, () -> {
            var rows = app.queries().contactMetrics().rows(Granularity.DAY, null, null, Channel.CALL, "asiel");
            return rows.isEmpty() ? null : rows.get(0).figures();
        }, day -> day != null && day.offered() == offered && day.answered() + day.abandoned() == judged);
    }
}
