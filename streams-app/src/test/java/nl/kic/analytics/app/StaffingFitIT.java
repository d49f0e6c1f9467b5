package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.staffing.FitSummary;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * The model's fit on the past, measured: simulated calls and agents run through the topology, and
 * per working day the reachability Erlang A predicts for the agents present (weighted by the calls of
 * each quarter hour) against the measured one. Writes target/staffing-fit/daily.csv and summary.txt,
 * the figures docs/staffing.md publishes. No threshold on the error (the figure is the deliverable);
 * the test holds that every working day is compared and every prediction is a share.
 * {@code -Dkic.staffing-fit.days=365} measures a year (docs/staffing.md); the suite runs 30 days.
 */
class StaffingFitIT {
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 2);

    @Test
    void predictedAgainstMeasuredDailyReachability() throws Exception {
        int days = Integer.getInteger("kic.staffing-fit.days", 30);
        KicConfig config = KicConfig.defaults();
        long workingDays = FIRST_DAY.datesUntil(FIRST_DAY.plusDays(days)).filter(d -> config.calendar().isWorkingDay(d)).count();

        // In chunks of at most 30 days, each with a topology of its own and its own seed: the test
        // driver keeps what the topology writes, and a year of it does not fit in memory. Agents log
        // out every evening and the patience is estimated per day, so a chunk loses nothing.
        List<StaffingQuery.DayStaffing> dayRows = new ArrayList<>();
        List<StaffingQuery.IntervalStaffing> intervals = new ArrayList<>();
        double norm = 0;
        for (int chunkStart = 0; chunkStart < days; chunkStart += 30) {
            LocalDate first = FIRST_DAY.plusDays(chunkStart);
            LocalDate end = FIRST_DAY.plusDays(Math.min(days, chunkStart + 30));
            try (TopologyHarness harness = new TopologyHarness(end.plusDays(1) + "T12:00:00+01:00")) {
                new KicSimulator(SimulationConfig.kicDefaults(2022 + chunkStart), config.calendar(), config.zone(), first, event -> {
                    if (event instanceof ContactEvent e && e.getChannel() == Channel.CALL || event instanceof AgentEvent) {
                        harness.send(event);
                    }
                }).runDaysUntil(end);
                StaffingQuery.Answer chunk = harness.queries().staffing().between(null, null, Channel.CALL, 1);
                dayRows.addAll(chunk.days());
                intervals.addAll(chunk.intervals());
                norm = chunk.normReachability();
            }
        }
        List<Double> errors = new ArrayList<>();
        dayRows.forEach(d -> errors.add(d.predictedReachability() - d.measuredReachability()));

        List<String> lines = new ArrayList<>(List.of("day,offered,predicted_reachability,predicted_reachability_one_more_agent,measured_reachability,error"));
        for (StaffingQuery.DayStaffing d : dayRows) {
            lines.add(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f", d.dayStart().toLocalDate(), d.offered(), d.predictedReachability(),
                    d.predictedReachabilityWithExtra(), d.measuredReachability(), d.predictedReachability() - d.measuredReachability()));
        }
        Path dir = Path.of("target", "staffing-fit");
        Files.createDirectories(dir);
        Files.write(dir.resolve("daily.csv"), lines);
        FitSummary fit = FitSummary.of(errors);
        double meanAgentsForNorm = intervals.stream().filter(i -> i.agentsForNorm() != null)
                .mapToInt(StaffingQuery.IntervalStaffing::agentsForNorm).average().orElse(Double.NaN);
        double meanPresent = intervals.stream().mapToDouble(StaffingQuery.IntervalStaffing::agentsPresent).average().orElse(Double.NaN);
        Files.writeString(dir.resolve("summary.txt"), String.format(Locale.ROOT,
                "days %d from %s, working days compared %d%n"
                        + "daily error predicted - measured reachability: mean %+.4f, mean absolute %.4f, p10 %+.4f, median %+.4f, p90 %+.4f, min %+.4f, max %+.4f%n"
                        + "quarter hours %d: mean agents present %.2f, mean agents the norm %.2f takes %.2f%n",
                days, FIRST_DAY, fit.periods(), fit.meanError(), fit.meanAbsoluteError(), fit.p10Error(), fit.p50Error(), fit.p90Error(),
                fit.minError(), fit.maxError(), intervals.size(), meanPresent, norm, meanAgentsForNorm));

        assertThat(fit.periods()).isEqualTo((int) workingDays);
        for (StaffingQuery.DayStaffing d : dayRows) {
            assertThat(d.predictedReachability()).isBetween(0.0, 1.0);
            assertThat(d.predictedReachabilityWithExtra()).isGreaterThanOrEqualTo(d.predictedReachability());
        }
    }
}
