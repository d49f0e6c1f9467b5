package nl.kic.analytics.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import nl.kic.analytics.domain.forecast.Backtest.Horizon;
import nl.kic.analytics.domain.forecast.Backtest.Method;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecast's error measured on two simulated years with their public holidays (2023 and 2024),
 * for a forecast from Monday 6 January 2025: the backtest over the Mondays of both years. The offered
 * calls and chats per channel and 15 minutes are counted straight from the simulator's OFFERED events
 * (what the replay's rows count, without the broker); {@code -Dkic.forecast-accuracy.scale} sets the
 * share of the KiC's traffic (default 0.1). The figures are written to target/forecast-accuracy.txt
 * and published in docs/forecast.md.
 */
class ForecastAccuracyIT {
    private static final KicConfig CONFIG = KicConfig.defaults();
    private static final WorkingDayCalendar CALENDAR = CONFIG.calendar();
    private static final Predicate<LocalDate> CLOSED = d -> CALENDAR.holidays(d.getYear()).containsKey(d) || CALENDAR.isClosureDay(d);
    private static final LocalDate FROM = LocalDate.of(2025, 1, 6);
    private static Backtest.Result result;

    @BeforeAll
    static void simulateTwoYearsAndBacktest() throws IOException {
        double scale = Double.parseDouble(System.getProperty("kic.forecast-accuracy.scale", "0.1"));
        ZoneId zone = CONFIG.zone();
        Map<String, CountSeries> channels = new TreeMap<>();
        SimulationConfig simulation = SimulationConfig.kicDefaults(2025).scaled(scale);
        new KicSimulator(simulation, CALENDAR, zone, LocalDate.of(2023, 1, 1), record -> {
            if (record instanceof ContactEvent event && event.getType() == ContactEventType.OFFERED) {
                LocalDateTime local = event.getOccurredAt().atZone(zone).toLocalDateTime();
                channels.computeIfAbsent(event.getChannel().name(), c -> new CountSeries())
                        .add(local.toLocalDate(), (local.getHour() * 60 + local.getMinute()) / 15, 1);
            }
        }).runDaysUntil(LocalDate.of(2025, 1, 1));
        result = Backtest.run(channels, FROM, CLOSED);
        StringBuilder text = new StringBuilder("scale " + scale + ", origins " + result.origins().size() + " (" + result.origins().get(0) + " … "
                + result.origins().get(result.origins().size() - 1) + ")\n");
        text.append(table("all channels", result.methods()));
        result.byChannel().forEach((channel, scores) -> text.append(table(channel, scores)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/forecast-accuracy.txt"), text);
        System.out.print(text);
    }

    private static String table(String title, Map<Method, Map<Horizon, Backtest.Scores>> scores) {
        StringBuilder text = new StringBuilder(title + "\n");
        scores.forEach((method, byHorizon) -> byHorizon.forEach((horizon, s) -> text.append(String.format(Locale.ROOT,
                "  %-14s %-8s wape_15m %.3f wape_day %.3f mase_day %.3f coverage80 %s floor_15m %.3f floor_day %.3f (%d intervals, %d days)%n",
                method.key, horizon.key, s.wape15m(), s.wapeDay(), s.maseDay(), s.coverage80() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.coverage80()),
                s.poissonFloor15m(), s.poissonFloorDay(), s.intervals(), s.days()))));
        return text.toString();
    }

    @Test
    void dayLevelMaseIsBelowOneFromOneToSixWeeksAhead() {
        for (Horizon horizon : new Horizon[] {Horizon.WEEK1, Horizon.WEEKS2_6}) {
            assertThat(result.methods().get(Method.CHOSEN).get(horizon).maseDay()).as(horizon.key).isLessThan(1.0);
            result.byChannel().forEach((channel, scores) ->
                    assertThat(scores.get(Method.CHOSEN).get(horizon).maseDay()).as(channel + " " + horizon.key).isLessThan(1.0));
        }
    }

    @Test
    void eightyPercentIntervalsCoverSeventyFiveToEightyFivePercentOfTheQuarterHours() {
        for (Horizon horizon : Horizon.values()) {
            assertThat(result.methods().get(Method.CHOSEN).get(horizon).coverage80()).as(horizon.key).isBetween(0.75, 0.85);
        }
    }
}
