package nl.kic.analytics.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class GranularityTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** Every minute from {@code from} for {@code days}: each lies in [start, next(start)), and next(start) starts an interval. */
    private static void assertNextEndsTheInterval(String from, int days) {
        Instant first = Instant.parse(from);
        for (Granularity g : Granularity.values()) {
            for (Instant t = first; t.isBefore(first.plusSeconds(days * 86_400L)); t = t.plusSeconds(60)) {
                ZonedDateTime start = g.intervalStart(t, AMSTERDAM);
                ZonedDateTime next = g.next(start);
                assertThat(start.toInstant()).as("%s of %s", g, t).isBeforeOrEqualTo(t);
                assertThat(next.toInstant()).as("%s of %s", g, t).isAfter(t);
                assertThat(g.intervalStart(next.toInstant(), AMSTERDAM)).as("%s after %s", g, t).isEqualTo(next);
            }
        }
    }

    @Test
    void nextIsWhereTheIntervalEndsAroundSpringForward() {
        assertNextEndsTheInterval("2023-03-25T00:00:00Z", 3);
    }

    @Test
    void nextIsWhereTheIntervalEndsAroundTheDoubledHour() {
        assertNextEndsTheInterval("2023-10-28T00:00:00Z", 3);
    }

    @Test
    void nextIsWhereTheIntervalEndsAtTheTurnOfTheYear() {
        assertNextEndsTheInterval("2023-12-31T12:00:00Z", 1);
    }

    @Test
    void dstDaysLast23And25Hours() {
        // Worked out by hand: 26 March 2023 loses 02:00-03:00, 29 October 2023 has 02:00-03:00 twice.
        ZonedDateTime spring = ZonedDateTime.parse("2023-03-26T00:00+01:00[Europe/Amsterdam]");
        ZonedDateTime autumn = ZonedDateTime.parse("2023-10-29T00:00+02:00[Europe/Amsterdam]");
        assertThat(Granularity.DAY.next(spring).toInstant().toEpochMilli() - spring.toInstant().toEpochMilli()).isEqualTo(23 * 3_600_000L);
        assertThat(Granularity.DAY.next(autumn).toInstant().toEpochMilli() - autumn.toInstant().toEpochMilli()).isEqualTo(25 * 3_600_000L);
        assertThat(Granularity.HOUR.next(ZonedDateTime.parse("2023-10-29T02:00+02:00[Europe/Amsterdam]")))
                .isEqualTo(ZonedDateTime.parse("2023-10-29T02:00+01:00[Europe/Amsterdam]"));
    }

    @Test
    void labelsAreReadBackAndAnUnknownOneIsRefused() {
        for (Granularity g : Granularity.values()) {
            assertThat(Granularity.fromLabel(g.label())).isEqualTo(g);
        }
        assertThat(Granularity.FIFTEEN_MINUTES.label()).isEqualTo("15m");
        assertThat(Granularity.HOUR.label()).isEqualTo("hour");
        Assertions.assertThatThrownBy(() -> Granularity.fromLabel("minute"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15m, hour, day, week, month, year");
    }

    @Test
    void onlyQuartersAndHoursAreFineRows() {
        assertThat(Arrays.stream(Granularity.values()).filter(Granularity::isFine))
                .containsExactly(Granularity.FIFTEEN_MINUTES, Granularity.HOUR);
    }

    @Test
    void startAtOrAfterAnIntervalStartIsThatStart() {
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        Instant start = OffsetDateTime.parse("2023-03-01T10:15:00+01:00").toInstant();
        assertThat(Granularity.FIFTEEN_MINUTES.startAtOrAfter(start, zone)).isEqualTo(start);
        assertThat(Granularity.FIFTEEN_MINUTES.startAtOrAfter(start.plusMillis(1), zone))
                .isEqualTo(OffsetDateTime.parse("2023-03-01T10:30:00+01:00").toInstant());
    }
}
