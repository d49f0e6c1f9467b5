package nl.kic.analytics.tools.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * Delivers events with the faults of real systems, on request: some twice (the same event id, a
 * little later), some out of order (moved up to a window of places), some late (held back by up to
 * some minutes of event time). Without faults it passes events straight on.
 */
public final class FaultyDelivery implements Consumer<SpecificRecord> {
    private record Held(long releaseAtMillis, long sequence, SpecificRecord event) {
    }

    private final SimulationConfig.Faults faults;
    private final Consumer<SpecificRecord> next;
    private final Random random;
    private final List<SpecificRecord> window = new ArrayList<>();
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) ->
            a.releaseAtMillis != b.releaseAtMillis ? Long.compare(a.releaseAtMillis, b.releaseAtMillis) : Long.compare(a.sequence, b.sequence));
    private long sequence;

    public FaultyDelivery(SimulationConfig.Faults faults, long seed, Consumer<SpecificRecord> next) {
        this.faults = faults;
        this.next = next;
        this.random = new Random(seed);
    }

    @Override
    public void accept(SpecificRecord event) {
        long time = occurredAtMillis(event);
        while (!held.isEmpty() && held.peek().releaseAtMillis <= time) {
            toWindow(held.poll().event);
        }
        if (random.nextDouble() < faults.lateShare()) {
            long delay = (long) (random.nextDouble() * faults.lateMaxMinutes() * 60_000);
            held.add(new Held(time + delay, sequence++, event));
        } else {
            toWindow(event);
        }
        if (random.nextDouble() < faults.duplicateShare()) {
            held.add(new Held(time + random.nextInt(60_000), sequence++, event));
        }
    }

    private void toWindow(SpecificRecord event) {
        if (faults.disorderWindow() <= 0) {
            next.accept(event);
            return;
        }
        window.add(event);
        if (window.size() > faults.disorderWindow()) {
            next.accept(window.remove(random.nextInt(window.size())));
        }
    }

    /** Delivers everything still held back. */
    public void flush() {
        while (!held.isEmpty()) {
            toWindow(held.poll().event);
        }
        while (!window.isEmpty()) {
            next.accept(window.remove(random.nextInt(window.size())));
        }
    }

    static long occurredAtMillis(SpecificRecord event) {
        if (event instanceof ContactEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        if (event instanceof EmailEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        return ((AgentEvent) event).getOccurredAt().toEpochMilli();
    }
}
