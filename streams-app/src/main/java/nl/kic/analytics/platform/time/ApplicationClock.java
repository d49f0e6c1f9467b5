package nl.kic.analytics.platform.time;

import java.time.Instant;

/**
 * The one clock of the application (docs/metrics.md, "The application clock"). "Now" in every live figure, in {@code lost}
 * and in overdue e-mail means this clock: the system clock in production, the simulator's
 * accelerated clock in the demo, and the latest event time of the input in {@code replay}.
 */
@FunctionalInterface
public interface ApplicationClock {

    long nowMillis();

    default Instant now() {
        return Instant.ofEpochMilli(nowMillis());
    }

    static ApplicationClock system() {
        return System::currentTimeMillis;
    }

    static ApplicationClock fixed(Instant instant) {
        long millis = instant.toEpochMilli();
        return () -> millis;
    }

    /**
     * A clock that starts at {@code start} and runs {@code speed} times faster than the wall clock,
     * as the demo's simulated contact centre does.
     */
    static ApplicationClock accelerated(Instant start, double speed) {
        AcceleratedClock clock = AcceleratedClock.held(start, speed);
        clock.release();
        return clock;
    }
}
