package nl.kic.analytics.tools.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Consumer;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated KiC live on the application clock: some days of e-mail history and today so far at once, then every
 * event when the clock reaches its time.
 */
public final class LiveSimulation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSimulation.class);

    private final KicSimulator simulator;
    private final ApplicationClock clock;
    private final Thread thread;
    private volatile boolean running = true;

    public LiveSimulation(SimulationConfig config, WorkingDayCalendar calendar, ZoneId zone, ApplicationClock clock,
                          int historyDays, Consumer<SpecificRecord> sink) {
        this.clock = clock;
        LocalDate today = clock.now().atZone(zone).toLocalDate();
        // Only e-mail needs the days before: its backlog and deadlines run over working days, while
        // every live figure of calls and chats is of today.
        this.simulator = new KicSimulator(config, calendar, zone, today.minusDays(historyDays), today, sink);
        this.thread = new Thread(this::run, "live-simulation");
        thread.setDaemon(true);
    }

    /** How long the contact centre has been open when the demo's clock starts. */
    public static final Duration OPEN_FOR_AT_START = Duration.ofMinutes(30);

    /**
     * The demo's start: half an hour after the opening of the latest working day (today if it is one),
     * whatever the real time of day, so that the first figures are there as soon as the day so far
     * has been simulated ({@link #start()}).
     */
    public static Instant demoStart(WorkingDayCalendar calendar, ZoneId zone, Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return day.atTime(calendar.opening().plus(OPEN_FOR_AT_START)).atZone(zone).toInstant();
    }

    /** Simulates the history days and today up to the clock's now at once. */
    public void catchUp() {
        simulator.runUntil(clock.nowMillis());
    }

    /** Catches up ({@link #catchUp()}), then follows the clock. */
    public void start() {
        catchUp();
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                simulator.runUntil(clock.nowMillis());
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Live simulation failed", e);
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
