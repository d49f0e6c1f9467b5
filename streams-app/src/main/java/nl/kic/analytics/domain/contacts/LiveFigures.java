package nl.kic.analytics.domain.contacts;

import nl.kic.analytics.events.Channel;

/**
 * The live figures of one channel and queue (or ALL) at the application clock's "now":
 * contacts waiting now and the longest current wait (0 when none waits), and the rolling figures of the last 15
 * minutes and of today (since 00:00 local time), counted by outcome time.
 */
public record LiveFigures(
        Channel channel,
        String queue,
        long waitingNow,
        double longestWaitNowSeconds,
        RollingFigures last15Minutes,
        RollingFigures today,
        double newestEventAgeSeconds,
        boolean stale) {
}
