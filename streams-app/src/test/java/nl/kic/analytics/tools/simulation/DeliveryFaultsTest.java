package nl.kic.analytics.tools.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The simulator's faults on request (duplicates, disorder, late delivery) are real faults, and the
 * figures do not depend on them: the same simulated days delivered cleanly and with faults give the
 * same rows of every granularity, for calls, chats and e-mail.
 */
class DeliveryFaultsTest {
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 3, 6);

    private static List<SpecificRecord> simulate(SimulationConfig.Faults faults) {
        KicConfig config = KicConfig.defaults();
        SimulationConfig simulation = SimulationConfig.kicDefaults(11).withFaults(faults);
        List<SpecificRecord> events = new ArrayList<>();
        FaultyDelivery delivery = new FaultyDelivery(faults, 11, events::add);
        new KicSimulator(simulation, config.calendar(), config.zone(), FIRST_DAY, delivery).runDaysUntil(FIRST_DAY.plusDays(2));
        delivery.flush();
        return events;
    }

    @Test
    void figuresAreTheSameWithDuplicatesDisorderAndLateDelivery() {
        List<SpecificRecord> clean = simulate(SimulationConfig.Faults.NONE);
        List<SpecificRecord> faulty = simulate(new SimulationConfig.Faults(0.03, 25, 0.01, 90));

        assertThat(faulty.size()).isGreaterThan(clean.size()); // duplicates were added
        long outOfOrder = 0;
        for (int i = 1; i < faulty.size(); i++) {
            if (faulty.get(i) instanceof ContactEvent e && faulty.get(i - 1) instanceof ContactEvent before
                    && e.getOccurredAt().isBefore(before.getOccurredAt())) {
                outOfOrder++;
            }
        }
        assertThat(outOfOrder).isGreaterThan(1000);

        // Both judged at the same clock: two weeks after the days, when e-mail has been handled.
        String clock = "2023-03-31T12:00:00+02:00";
        try (TopologyHarness cleanRun = new TopologyHarness(clock);
             TopologyHarness faultyRun = new TopologyHarness(clock)) {
            clean.forEach(cleanRun::send);
            faulty.forEach(faultyRun::send);
            assertThat(faultyRun.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.CONTACT)).isPositive();
            assertThat(cleanRun.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.CONTACT)).isZero();
            assertThat(faultyRun.metricsQuery().allRows()).isNotEmpty().isEqualTo(cleanRun.metricsQuery().allRows());
            assertThat(faultyRun.emailRows(Granularity.DAY, null))
                    .isNotEmpty().isEqualTo(cleanRun.emailRows(Granularity.DAY, null));
            assertThat(faultyRun.agents()).isEqualTo(cleanRun.agents());
        }
    }
}
