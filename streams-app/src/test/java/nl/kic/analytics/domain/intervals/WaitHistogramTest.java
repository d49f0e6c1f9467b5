package nl.kic.analytics.domain.intervals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaitHistogramTest {

    @Test
    void percentilesAreWithinOnePercentOfTheExactNearestRank() {
        Random random = new Random(7);
        long[] waits = new long[10_000];
        WaitHistogram histogram = new WaitHistogram();
        for (int i = 0; i < waits.length; i++) {
            waits[i] = 1 + (long) (-Math.log(1 - random.nextDouble()) * 900_000); // exponential, mean 15 min
            histogram.add(waits[i], 1);
        }
        long[] sorted = waits.clone();
        Arrays.sort(sorted);
        for (double p : new double[] {0.1, 0.5, 0.9, 0.99, 1.0}) {
            long exact = sorted[(int) Math.ceil(p * sorted.length) - 1];
            assertThat(histogram.percentileMillis(p)).as("p%s", p).isCloseTo(exact, withinPercentage(1));
        }
    }

    @Test
    void retractedWaitsLeaveNoTraceAndMergeAddsCounts() {
        WaitHistogram a = new WaitHistogram();
        a.add(10_000, 1);
        a.add(500_000, 1);
        a.add(500_000, -1);
        assertThat(a.count()).isEqualTo(1);
        assertThat(a.maxMillis()).isCloseTo(10_000, withinPercentage(1));

        WaitHistogram b = new WaitHistogram();
        b.add(0, 1);
        b.add(20_000, 1);
        a.merge(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentileMillis(0.34)).isCloseTo(10_000, withinPercentage(1)); // rank 2 of {0, 10 s, 20 s}
        assertThat(a.percentileMillis(0.1)).isZero();
    }

    @Test
    void emptyHistogramHasNoPercentileAndNoMaximum() {
        WaitHistogram h = new WaitHistogram();
        assertThat(h.percentileMillis(0.5)).isEqualTo(-1);
        assertThat(h.maxMillis()).isEqualTo(-1);
        h.add(5_000, 0); // adding nothing leaves it empty
        assertThat(h.count()).isZero();
        assertThat(h.maxMillis()).isEqualTo(-1);
    }

    @Test
    void zeroWaitsAreCountedAsZeroUpToTheirRank() {
        WaitHistogram h = new WaitHistogram();
        h.add(0, 2);
        assertThat(h.maxMillis()).isZero();
        h.add(10_000, 1);
        assertThat(h.percentileMillis(0.5)).isZero();                               // rank 2 of {0, 0, 10 s}
        assertThat(h.percentileMillis(0.67)).isCloseTo(10_000, withinPercentage(1)); // rank 3
        assertThat(h.maxMillis()).isCloseTo(10_000, withinPercentage(1));
    }

    @Test
    void retractingAMiddleBucketKeepsTheOthersInOrder() {
        WaitHistogram h = new WaitHistogram();
        h.add(10_000, 1);
        h.add(20_000, 1);
        h.add(30_000, 1);
        h.add(20_000, -1);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentileMillis(0.5)).isCloseTo(10_000, withinPercentage(1));
        assertThat(h.percentileMillis(0.9)).isCloseTo(30_000, withinPercentage(1));
        h.add(10_000, -1);
        assertThat(h.percentileMillis(0.5)).isCloseTo(30_000, withinPercentage(1));
        assertThat(h.maxMillis()).isCloseTo(30_000, withinPercentage(1));
        h.add(30_000, -1);
        assertThat(h.maxMillis()).isEqualTo(-1);
    }
}
