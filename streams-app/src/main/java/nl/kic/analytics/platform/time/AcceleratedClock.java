package nl.kic.analytics.platform.time;

import java.time.Instant;

/**
 * A clock that stands at {@code start} until it is released and from then runs {@code speed} times
 * faster than the wall clock: the demo's simulated contact centre. The demo holds it while the day so
 * far is simulated and processed, so that the board opens on figures instead of on a clock that ran
 * ahead while the application started.
 */
public final class AcceleratedClock implements ApplicationClock {
    private final long startMillis;
    private final double speed;
    private volatile long releasedAtNanos;
    private volatile boolean released;

    private AcceleratedClock(Instant start, double speed) {
        this.startMillis = start.toEpochMilli();
        this.speed = speed;
    }

    /** A clock standing at {@code start} until {@link #release()}. */
    public static AcceleratedClock held(Instant start, double speed) {
        return new AcceleratedClock(start, speed);
    }

    /** Lets the clock run; a second call changes nothing. */
    public synchronized void release() {
        if (!released) {
            releasedAtNanos = System.nanoTime();
            released = true;
        }
    }

    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    @Override
    public long nowMillis() {
        if (!released) {
            return startMillis;
        }
        return startMillis + (long) ((System.nanoTime() - releasedAtNanos) / 1_000_000.0 * speed);
    }
}
