package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.staffing.PatienceEstimate;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * The patience estimate on simulated calls whose true mean patience is known: the simulator's
 * setting. Two parts, so that twenty months need not each run through the topology: a simulated
 * week through the topology gives, from its day rows, the same abandonments and waiting time as
 * counted here from the events themselves; and on twenty simulated months, counted from their
 * events, the 95% interval holds the truth for at least 16 seeds (a correct interval fails that with
 * a chance of about 1.6%: P(Binomial(20, 0.05) > 4)).
 */
class PatienceOnSimulatedMonthsIT {
    private static final int SEEDS = 20;
    private static final LocalDate JUNE = LocalDate.of(2023, 6, 1);

    /** Abandonments, and the waiting time of every answered or abandoned call, counted from the events. */
    private record Counted(long abandonments, double waitSeconds, List<ContactEvent> calls) {
    }

    private static Counted simulateCalls(long seed, int days) {
        KicConfig config = KicConfig.defaults();
        List<ContactEvent> calls = new ArrayList<>();
        new KicSimulator(SimulationConfig.kicDefaults(seed), config.calendar(), config.zone(), JUNE, event -> {
            if (event instanceof ContactEvent e && e.getChannel() == Channel.CALL) {
                calls.add(e);
            }
        }).runDaysUntil(JUNE.plusDays(days));
        Map<String, Long> offeredAt = new HashMap<>();
        long abandonments = 0;
        long waitMillis = 0;
        for (ContactEvent e : calls) { // the simulator writes every call's events in time order
            long at = e.getOccurredAt().toEpochMilli();
            if (e.getType() == ContactEventType.OFFERED) {
                offeredAt.put(e.getContactId(), at);
            } else if (e.getType() == ContactEventType.ANSWERED || e.getType() == ContactEventType.ABANDONED) {
                waitMillis += at - offeredAt.get(e.getContactId());
                if (e.getType() == ContactEventType.ABANDONED) {
                    abandonments++;
                }
            }
        }
        return new Counted(abandonments, waitMillis / 1000.0, calls);
    }

    @Test
    void theDayRowsGiveTheAbandonmentsAndWaitsOfTheEvents() {
        Counted week = simulateCalls(1, 7);
        PatienceEstimate fromFigures;
        try (TopologyHarness harness = new TopologyHarness("2023-06-09T12:00:00+02:00")) {
            week.calls().forEach(harness::send);
            fromFigures = StaffingInputs.patience(harness.rows(Granularity.DAY, Channel.CALL, ContactMetricsRow.ALL_QUEUES)
                    .stream().map(ContactMetricsRow::figures).toList());
        }
        assertThat(week.abandonments()).isGreaterThan(1_000);
        assertThat(fromFigures.abandonments()).isEqualTo(week.abandonments());
        assertThat(fromFigures.waitSecondsTotal()).isCloseTo(week.waitSeconds(), within(1e-6 * week.waitSeconds()));
    }

    @Test
    void theIntervalHoldsTheSimulatorsPatienceForAtLeast16Of20Seeds() {
        double truePatience = SimulationConfig.kicDefaults(1).callPatienceSeconds();
        assertThat(truePatience).isEqualTo(3_000.0); // docs/simulation.md: mean 50 minutes
        List<String> misses = new ArrayList<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            Counted month = simulateCalls(seed, 30);
            PatienceEstimate estimate = PatienceEstimate.of(month.abandonments(), month.waitSeconds());
            assertThat(estimate.abandonments()).as("seed %d", seed).isGreaterThan(10_000);
            if (!(estimate.lower95Seconds() <= truePatience && truePatience <= estimate.upper95Seconds())) {
                misses.add("seed " + seed + ": " + estimate);
            }
        }
        assertThat(misses).as("intervals without the true patience").hasSizeLessThanOrEqualTo(SEEDS - 16);
    }
}
