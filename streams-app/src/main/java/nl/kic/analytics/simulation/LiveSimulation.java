package nl.kic.analytics.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Consumer;
import nl.kic.analytics.time.ApplicationClock;
import nl.kic.analytics.time.WorkingDayCalendar;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated KiC live on the application clock: some days of history at once, then every
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
        this.simulator = new KicSimulator(config, calendar, zone, today.minusDays(historyDays), sink);
        this.thread = new Thread(this::run, "live-simulation");
        thread.setDaemon(true);
    }

    /**
     * The demo's start: 08:50 on the latest working day (today if it is one), so that the wallboard
     * fills as the KiC opens whatever the real time of day.
     */
    public static Instant demoStart(WorkingDayCalendar calendar, ZoneId zone, Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return day.atTime(calendar.opening().minusMinutes(10)).atZone(zone).toInstant();
    }

    public void start() {
        simulator.runUntil(clock.nowMillis());
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
