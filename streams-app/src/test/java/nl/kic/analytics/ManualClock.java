package nl.kic.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import nl.kic.analytics.platform.time.ApplicationClock;

/** An application clock that tests set by hand. */
public final class ManualClock implements ApplicationClock {
    private final AtomicLong nowMillis;

    public ManualClock(Instant start) {
        nowMillis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public long nowMillis() {
        return nowMillis.get();
    }

    public void set(String isoOffsetDateTime) {
        nowMillis.set(OffsetDateTime.parse(isoOffsetDateTime).toInstant().toEpochMilli());
    }

    public void advance(Duration duration) {
        nowMillis.addAndGet(duration.toMillis());
    }
}
