package nl.kic.analytics.tools.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The queue model against the exact steady state of the M/M/c+M (Erlang-A) birth–death chain in
 * docs/simulation.md: 100 calls per 30 minutes, mean handle time 3 minutes, mean patience 5 minutes. With
 * constant parameters over thousands of simulated hours, the abandonment, the mean wait of all
 * arrivals and the share answered within 20 s must lie within three standard errors (batch means)
 * of the exact values (../shared/DOMAIN.md's table, corrected 2026-12-04; {@code ErlangModelTest}
 * holds the product's Erlang A to them to six decimals).
 */
class ErlangATest {
    private static final long HOUR = 3_600_000;
    private static final int WARM_UP_HOURS = 10;
    private static final int BATCHES = 40;
    private static final int HOURS_PER_BATCH = 100;

    /** Per batch: arrivals, abandoned, total wait (ms) of all arrivals, answered within 20 s. */
    private static final class Batch {
        long arrivals;
        long abandoned;
        double waitMillis;
        long answeredWithin20s;
    }

    @ParameterizedTest(name = "{0} agents")
    @CsvSource({
            "12, 0.042711, 0.213556, 0.772279",
            "13, 0.024963, 0.124817, 0.858178",
            "14, 0.013984, 0.069919, 0.916792",
    })
    void abandonmentAndWaitMatchTheExactSteadyState(int agents, double pAbandon, double meanWaitMinutes, double within20s) {
        Batch[] batches = new Batch[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            batches[i] = new Batch();
        }
        Map<String, Long> offeredAt = new HashMap<>();
        long measureFrom = WARM_UP_HOURS * HOUR;
        ContactCentreModel model = new ContactCentreModel(new Random(agents), event -> {
            if (!(event instanceof ContactEvent e)) {
                return;
            }
            long t = e.getOccurredAt().toEpochMilli();
            if (e.getType() == ContactEventType.OFFERED) {
                offeredAt.put(e.getContactId(), t);
                return;
            }
            if (e.getType() != ContactEventType.ANSWERED && e.getType() != ContactEventType.ABANDONED) {
                return;
            }
            long offered = offeredAt.remove(e.getContactId());
            if (offered < measureFrom) {
                return;
            }
            int batch = (int) ((offered - measureFrom) / (HOURS_PER_BATCH * HOUR));
            if (batch >= BATCHES) {
                return;
            }
            Batch b = batches[batch];
            long wait = t - offered;
            b.arrivals++;
            b.waitMillis += wait;
            if (e.getType() == ContactEventType.ABANDONED) {
                b.abandoned++;
            } else if (wait <= 20_000) {
                b.answeredWithin20s++;
            }
        });
        model.addQueue(new ContactCentreModel.Queue(Channel.CALL, "q", 180, 300, Integer.MAX_VALUE));
        for (int i = 0; i < agents; i++) {
            model.addAgent(new ContactCentreModel.Agent("a" + i, "t", List.of("q")));
            model.scheduleAgentState("a" + i, 0, AgentState.LOGGED_IN);
        }
        Random arrivals = new Random(1000 + agents);
        double meanGapMillis = 30 * 60_000 / 100.0;
        double t = 0;
        long end = measureFrom + (long) BATCHES * HOURS_PER_BATCH * HOUR + 2 * HOUR;
        for (long hourEnd = HOUR; hourEnd <= end; hourEnd += HOUR) {
            while (t < hourEnd) {
                t += -Math.log(1 - arrivals.nextDouble()) * meanGapMillis;
                model.scheduleArrival("q", (long) t);
            }
            model.runUntil(hourEnd - HOUR);
        }
        model.runUntil(end);

        assertWithinThreeStandardErrors("P(abandon)", batches, b -> (double) b.abandoned / b.arrivals, pAbandon);
        assertWithinThreeStandardErrors("mean wait (min)", batches, b -> b.waitMillis / b.arrivals / 60_000, meanWaitMinutes);
        assertWithinThreeStandardErrors("answered within 20 s", batches, b -> (double) b.answeredWithin20s / b.arrivals, within20s);
    }

    private static void assertWithinThreeStandardErrors(String figure, Batch[] batches,
                                                        ToDoubleFunction<Batch> value, double exact) {
        double sum = 0;
        for (Batch b : batches) {
            sum += value.applyAsDouble(b);
        }
        double mean = sum / batches.length;
        double squares = 0;
        for (Batch b : batches) {
            squares += Math.pow(value.applyAsDouble(b) - mean, 2);
        }
        double standardError = Math.sqrt(squares / (batches.length - 1)) / Math.sqrt(batches.length);
        assertThat(Math.abs(mean - exact)).as("%s: simulated %.6f ± %.6f, exact %.6f", figure, mean, standardError, exact)
                .isLessThanOrEqualTo(3 * standardError);
    }
}
