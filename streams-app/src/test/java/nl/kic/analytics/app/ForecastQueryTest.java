package nl.kic.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.domain.agents.AgentPresenceQuery;
import nl.kic.analytics.domain.contacts.ContactFigures;
import nl.kic.analytics.domain.contacts.ContactMetricsRow;
import nl.kic.analytics.domain.staffing.QueueInputs;
import nl.kic.analytics.domain.staffing.Staffing;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * Eight weeks, Monday 2 January to Sunday 26 February 2023, of 25 calls at 09:00 every working day
 * (werk 15, asiel 10), 20 answered after 60 s with 180 s of talk, 5 abandoned after 120 s: a patience of
 * (20·60 + 5·120) / 5 = 360 s. The forecast from Monday 27 February.
 */
class ForecastQueryTest {
    private static final KicConfig CONFIG = KicConfig.defaults();
    private static final ZoneId ZONE = CONFIG.zone();
    private static final LocalDate FROM = LocalDate.of(2023, 2, 27);
    private static final OffsetDateTime WEDNESDAY_0900 = OffsetDateTime.parse("2023-03-01T09:00+01:00");

    private static List<ContactMetricsRow> history(boolean withFuture) {
        List<ContactMetricsRow> rows = new ArrayList<>();
        LocalDate last = withFuture ? FROM.plusWeeks(2) : FROM;
        for (LocalDate day = LocalDate.of(2023, 1, 2); day.isBefore(last); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            OffsetDateTime start = day.atTime(9, 0).atZone(ZONE).toOffsetDateTime();
            long scale = day.isBefore(FROM) ? 1 : 40; // the future is very different, and must not count
            rows.add(row("ALL", start, 25 * scale));
            rows.add(row("werk", start, 15 * scale));
            rows.add(row("asiel", start, 10 * scale));
        }
        return rows;
    }

    private static ContactMetricsRow row(String queue, OffsetDateTime start, long offered) {
        long answered = offered * 4 / 5;
        long abandoned = offered - answered;
        return new ContactMetricsRow(Channel.CALL, queue, Granularity.FIFTEEN_MINUTES, start,
                new ContactFigures(offered, answered, abandoned, 0, 0, 0, 0, 0.8, 0.0, 60.0, 60.0, 60.0, 60.0, 120.0, 180.0));
    }

    private static List<AgentPresenceQuery.Row> presence() {
        // Wednesdays at 09:00 of the last four weeks: 4, 6, none (15 February), 10 agents: a mean of 5.
        return List.of(
                new AgentPresenceQuery.Row("CALL", Granularity.FIFTEEN_MINUTES, OffsetDateTime.parse("2023-02-01T09:00+01:00"), 4),
                new AgentPresenceQuery.Row("CALL", Granularity.FIFTEEN_MINUTES, OffsetDateTime.parse("2023-02-08T09:00+01:00"), 6),
                new AgentPresenceQuery.Row("CALL", Granularity.FIFTEEN_MINUTES, OffsetDateTime.parse("2023-02-22T09:00+01:00"), 10),
                new AgentPresenceQuery.Row("CALL", Granularity.FIFTEEN_MINUTES, OffsetDateTime.parse("2023-01-25T09:00+01:00"), 100));
    }

    @Test
    void aSteadyHistoryIsForecastPerQueueAndForTheChannelWithTheAgentsTheNormTakesAndTheShortfall() {
        ForecastQuery.Answer answer = ForecastQuery.of(history(false), presence(), null, FROM, 1, CONFIG);
        assertThat(answer.rows()).hasSize(3 * 5);
        assertThat(answer.rows()).extracting(ForecastQuery.Row::queue).containsSubsequence("ALL", "asiel", "werk");
        assertThat(answer.ahtSecondsByChannel().get("CALL")).isCloseTo(180.0, within(1e-9));
        assertThat(answer.patienceByChannel().get("CALL").meanPatienceSeconds()).isCloseTo(360.0, within(1e-9));

        // 25 calls a quarter hour: 100 an hour. The fewest agents by Erlang A, found here by scanning 1 … 30.
        QueueInputs inputs = new QueueInputs(100, 180, 360, 1, 20, 5);
        int needed = Staffing.compare(inputs, 1, 30).stream().filter(f -> f.erlangA().reachability() >= 0.8).findFirst().orElseThrow().agents();
        assertThat(needed).isBetween(4, 8); // an offered load of 5 Erlang

        ForecastQuery.Row wednesday = answer.rows().stream()
                .filter(r -> r.queue().equals("ALL") && r.intervalStart().equals(WEDNESDAY_0900)).findFirst().orElseThrow();
        assertThat(wednesday.offeredForecast()).isCloseTo(25.0, within(1e-9));
        assertThat(wednesday.agentsNeeded()).isEqualTo(needed);
        assertThat(wednesday.agentsPlanned()).isCloseTo(5.0, within(1e-9));
        assertThat(wednesday.shortfall()).isCloseTo(Math.max(0, needed - 5.0), within(1e-9));
        ForecastQuery.Row monday = answer.rows().get(0);
        assertThat(monday.intervalStart()).isEqualTo(OffsetDateTime.parse("2023-02-27T09:00+01:00"));
        assertThat(monday.agentsPlanned()).as("no agents on Mondays in the last four weeks").isZero();
        assertThat(monday.shortfall()).isEqualTo((double) needed);
        for (ForecastQuery.Row row : answer.rows()) {
            if (row.queue().equals("ALL")) {
                assertThat(row.agentsNeeded()).isNotNull();
            } else {
                assertThat(row.agentsNeeded()).isNull();
                assertThat(row.agentsPlanned()).isNull();
                assertThat(row.offeredForecast()).isCloseTo(row.queue().equals("werk") ? 15.0 : 10.0, within(1e-9));
            }
        }
    }

    @Test
    void onlyThePastBeforeTheFirstDayIsUsed() {
        ForecastQuery.Answer without = ForecastQuery.of(history(false), presence(), null, FROM, 1, CONFIG);
        ForecastQuery.Answer with = ForecastQuery.of(history(true), presence(), null, FROM, 1, CONFIG);
        assertThat(with.rows()).isEqualTo(without.rows());
        assertThat(with.backtest().toMap()).isEqualTo(without.backtest().toMap());
    }

    @Test
    void aPlanReplacesTheAgentsPresentAndLeavesIntervalsItLacksEmpty() {
        ForecastQuery.Plan plan = new ForecastQuery.Plan(Map.of(ForecastQuery.Plan.key("CALL", WEDNESDAY_0900.toInstant()), 7.5));
        ForecastQuery.Answer answer = ForecastQuery.of(history(false), presence(), plan, FROM, 1, CONFIG);
        for (ForecastQuery.Row row : answer.rows()) {
            if (!row.queue().equals("ALL")) {
                continue;
            }
            if (row.intervalStart().equals(WEDNESDAY_0900)) {
                assertThat(row.agentsPlanned()).isEqualTo(7.5);
                assertThat(row.shortfall()).isEqualTo(Math.max(0, row.agentsNeeded() - 7.5));
            } else {
                assertThat(row.agentsPlanned()).isNull();
                assertThat(row.shortfall()).isNull();
            }
        }
    }
}
