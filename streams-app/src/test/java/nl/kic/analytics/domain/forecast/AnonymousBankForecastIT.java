package nl.kic.analytics.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.tools.report.ReportFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real calls of the anonymous bank (../shared/data), February 1999, through {@code forecast
 * --input}: history 1–21 February, forecast 22–28 February. The bank works on Sundays (Israel's week
 * runs from Sunday to Thursday, Friday short, Saturday nearly closed), which the forecast must learn
 * from the data, and three weeks of history give the backtest only two origins, which backtest.json
 * must say. The events are made from the TSV by this test's own reading of it (as in
 * AnonymousBankReplayIT), and the actual calls per day of the forecast week counted from it.
 */
@ExtendWith(SharedBroker.class)
class AnonymousBankForecastIT {
    private static final Path TSV = Path.of("../../shared/data/anonymous-bank/anonymous_bank_1999_02.tsv");
    private static final ZoneId ISRAEL = ZoneId.of("Asia/Jerusalem");
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void forecastOfTheLastWeekLearnsTheBanksWeekWithSundayAndStatesItsTwoOrigins(TestKafka kafka, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(TSV), "skipped: " + TSV.toAbsolutePath() + " is not there");
        Path events = dir.resolve("bank.jsonl");
        Map<LocalDate, Long> offeredByDay = convert(TSV, events);
        Path settings = TestKafka.settingsFile(kafka.config().withSchemaRegistryUrl("mock://bank-forecast"), dir.resolve("bank.properties"));
        Path out = dir.resolve("forecast");
        ReportFiles.Command result = ReportFiles.command("forecast", "--input", events.toString(), "--from", "1999-02-22", "--weeks", "1",
                "--config", settings.toString(), "--output", out.toString());
        assertThat(result.exit()).as(result.err()).isZero();

        JsonNode backtest = new ObjectMapper().readTree(out.resolve("backtest.json").toFile());
        // History from Monday 1 February: 8 weeks would pass 22 February, so the Mondays from 1 week after it.
        assertThat(backtest.path("history_start").asText()).isEqualTo("1999-02-01");
        assertThat(backtest.path("origin_count").asInt()).isEqualTo(2);
        assertThat(backtest.path("origins").toString()).isEqualTo("[\"1999-02-08\",\"1999-02-15\"]");
        for (String method : List.of("chosen", "seasonal_naive")) {
            for (String horizon : List.of("day1", "week1", "weeks2_6")) {
                assertThat(backtest.path("methods").path(method).has(horizon)).as(method + " " + horizon).isTrue();
            }
        }
        // The first origin has no earlier residuals: only the second's days are covered or not.
        assertThat(backtest.path("methods").path("chosen").path("week1").path("coverage80").isNumber()).isTrue();
        assertThat(backtest.path("methods").path("seasonal_naive").path("week1").path("coverage80").isNull()).isTrue();

        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        assertThat(lines.get(0)).isEqualTo("channel,queue,interval_start,offered_forecast,lower80,upper80,agents_needed,agents_planned,shortfall");
        Map<LocalDate, Double> forecastByDay = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(9);
            LocalDate day = OffsetDateTime.parse(f[2]).atZoneSameInstant(AMSTERDAM).toLocalDate();
            assertThat(day).isBetween(LocalDate.of(1999, 2, 22), LocalDate.of(1999, 2, 28));
            if (f[1].equals("ALL")) {
                forecastByDay.merge(day, Double.parseDouble(f[3]), Double::sum);
                assertThat(Long.parseLong(f[4])).isLessThanOrEqualTo(Long.parseLong(f[5]));
                assertThat(f[6]).as("agents needed, from the handle time and patience of the history").isNotEmpty();
                assertThat(f[7]).as("no agent data: nothing planned").isEmpty();
            } else {
                assertThat(f[6]).as("staffing is per channel").isEmpty();
            }
        }
        LocalDate sunday = LocalDate.of(1999, 2, 28);
        LocalDate saturday = LocalDate.of(1999, 2, 27);
        // Sunday is a working day: the history's three Sundays had more than 500 calls each, and the
        // forecast for 28 February is their mean (no clear trend in three weeks), far above Saturday's.
        double sundays = 0;
        for (int day : new int[] {7, 14, 21}) {
            assertThat(offeredByDay.get(LocalDate.of(1999, 2, day))).isGreaterThan(500);
            sundays += offeredByDay.get(LocalDate.of(1999, 2, day)) / 3.0;
        }
        assertThat(forecastByDay.get(sunday)).isBetween(0.98 * sundays, 1.02 * sundays);
        assertThat(forecastByDay.getOrDefault(saturday, 0.0)).isLessThan(0.25 * forecastByDay.get(sunday));
        double weekForecast = forecastByDay.values().stream().mapToDouble(Double::doubleValue).sum();
        long weekActual = 0;
        for (LocalDate day = LocalDate.of(1999, 2, 22); !day.isAfter(sunday); day = day.plusDays(1)) {
            weekActual += offeredByDay.getOrDefault(day, 0L);
        }
        assertThat(weekForecast).isBetween(0.8 * weekActual, 1.2 * weekActual);
    }

    /** Writes the events of the TSV (queued calls, no phantoms) and returns the calls offered per day in Amsterdam time. */
    private static Map<LocalDate, Long> convert(Path tsv, Path output) throws IOException {
        Map<LocalDate, Long> offered = new TreeMap<>();
        List<String> lines = Files.readAllLines(tsv);
        try (Writer out = Files.newBufferedWriter(output)) {
            for (int n = 1; n < lines.size(); n++) {
                String[] f = lines.get(n).split("\t", -1);
                String outcome = f[12];
                if (f[9].equals("0:00:00") || outcome.equals("PHANTOM")) {
                    continue;
                }
                LocalDate day = LocalDate.parse("19" + f[5], DateTimeFormatter.ofPattern("yyyyMMdd"));
                Instant queued = day.atTime(LocalTime.parse(f[9].length() == 7 ? "0" + f[9] : f[9])).atZone(ISRAEL).toInstant();
                long wait = Long.parseLong(f[11]);
                String id = "bank-" + f[1] + "-" + n;
                write(out, id, "1", "OFFERED", f[4], queued);
                offered.merge(queued.atZone(AMSTERDAM).toLocalDate(), 1L, Long::sum);
                if (outcome.equals("AGENT")) {
                    Instant answered = queued.plusSeconds(wait);
                    write(out, id, "2", "ANSWERED", f[4], answered);
                    write(out, id, "3", "ENDED", f[4], answered.plusSeconds(Long.parseLong(f[15])));
                } else {
                    write(out, id, "2", "ABANDONED", f[4], queued.plusSeconds(wait));
                }
            }
        }
        return offered;
    }

    private static void write(Writer out, String contactId, String seq, String type, String queue, Instant at) throws IOException {
        out.write("{\"kind\":\"contact\",\"eventId\":\"" + contactId + "-" + seq + "\",\"contactId\":\"" + contactId
                + "\",\"channel\":\"CALL\",\"type\":\"" + type + "\",\"queue\":\"" + queue + "\",\"occurredAt\":\"" + at + "\"}\n");
    }
}
