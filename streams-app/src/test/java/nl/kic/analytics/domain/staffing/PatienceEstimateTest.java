package nl.kic.analytics.domain.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The patience estimate on a hand-made interval, with the χ² quantiles from a printed table. */
class PatienceEstimateTest {

    @Test
    void aHandMadeInterval() {
        // Three answered after 100, 200 and 300 s; four abandoned after 50, 100, 150 and 100 s.
        // Waiting time of all: 600 + 400 = 1,000 s; 4 abandonments: mean patience 250 s.
        // χ² with 8 degrees of freedom (table): 2.5% point 2.17973, 97.5% point 17.53455, so the
        // interval is 2,000 / 17.53455 = 114.06 s to 2,000 / 2.17973 = 917.55 s.
        PatienceEstimate estimate = PatienceEstimate.of(4, 1_000);

        assertThat(estimate.meanPatienceSeconds()).isEqualTo(250.0);
        assertThat(estimate.lower95Seconds()).isCloseTo(114.06, within(0.01));
        assertThat(estimate.upper95Seconds()).isCloseTo(917.55, within(0.01));
        assertThat(estimate.abandonments()).isEqualTo(4);
    }

    @Test
    void withoutAbandonmentsThereIsNoEstimate() {
        PatienceEstimate estimate = PatienceEstimate.of(0, 1_000);
        assertThat(estimate.meanPatienceSeconds()).isNull();
        assertThat(estimate.lower95Seconds()).isNull();
        assertThat(estimate.upper95Seconds()).isNull();
    }

    @Test
    void twoIntervalsAddTheirAbandonmentsAndWaits() {
        // 1 abandonment in 300 s and 3 in 700 s: 4 in 1,000 s, as above.
        PatienceEstimate day = PatienceEstimate.of(1, 300).plus(PatienceEstimate.of(3, 700));
        assertThat(day.meanPatienceSeconds()).isEqualTo(250.0);
        assertThat(day.lower95Seconds()).isCloseTo(114.06, within(0.01));
    }
}
