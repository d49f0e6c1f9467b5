package nl.kic.analytics.domain.contacts;

import static nl.kic.analytics.events.ContactEventType.OFFERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/** Calendar intervals in Europe/Amsterdam: DST days, the doubled hour, month, week and year boundaries. */
class CalendarIntervalsTest {

    private static List<String> starts(TopologyHarness h, Granularity granularity) {
        return h.rows(granularity, Channel.CALL, "asiel").stream()
                .map(ContactMetricsRow::intervalStart).map(OffsetDateTime::toString).toList();
    }

    @Test
    void springForwardDayHas23Hours() {
        try (TopologyHarness h = new TopologyHarness("2023-03-28T12:00:00Z")) {
            h.call("a", OFFERED, "2023-03-26T00:30:00Z"); // 01:30+01:00
            h.call("b", OFFERED, "2023-03-26T01:30:00Z"); // 03:30+02:00: 02:00-03:00 does not exist
            h.call("c", OFFERED, "2023-03-26T21:59:00Z"); // 23:59+02:00, still 26 March
            h.call("d", OFFERED, "2023-03-26T22:00:00Z"); // 00:00+02:00 on 27 March

            assertThat(starts(h, Granularity.HOUR)).containsExactly(
                    "2023-03-26T01:00+01:00", "2023-03-26T03:00+02:00", "2023-03-26T23:00+02:00", "2023-03-27T00:00+02:00");
            assertThat(starts(h, Granularity.DAY)).containsExactly("2023-03-26T00:00+01:00", "2023-03-27T00:00+02:00");
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-26T00:00+01:00").offered()).isEqualTo(3);
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-27T00:00+02:00").offered()).isEqualTo(1);
            // 26 March is a Sunday: it belongs to the week of Monday 20 March, 27 March starts a new one.
            assertThat(starts(h, Granularity.WEEK)).containsExactly("2023-03-20T00:00+01:00", "2023-03-27T00:00+02:00");
        }
    }

    @Test
    void autumnBackDayHas25HoursAndTheDoubledHourIsTwoIntervals() {
        try (TopologyHarness h = new TopologyHarness("2023-10-31T12:00:00Z")) {
            h.call("a", OFFERED, "2023-10-28T22:00:00Z"); // 00:00+02:00 on 29 October
            h.call("b", OFFERED, "2023-10-29T00:15:00Z"); // 02:15+02:00, first 02:00 hour
            h.call("c", OFFERED, "2023-10-29T01:15:00Z"); // 02:15+01:00, second 02:00 hour
            h.call("d", OFFERED, "2023-10-29T01:20:00Z"); // 02:20+01:00, second 02:00 hour
            h.call("e", OFFERED, "2023-10-29T22:59:00Z"); // 23:59+01:00, still 29 October

            assertThat(h.row(Granularity.HOUR, Channel.CALL, "asiel", "2023-10-29T02:00+02:00").offered()).isEqualTo(1);
            assertThat(h.row(Granularity.HOUR, Channel.CALL, "asiel", "2023-10-29T02:00+01:00").offered()).isEqualTo(2);
            assertThat(h.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-10-29T02:15+02:00").offered()).isEqualTo(1);
            assertThat(h.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-10-29T02:15+01:00").offered()).isEqualTo(2);
            assertThat(starts(h, Granularity.DAY)).containsExactly("2023-10-29T00:00+02:00");
            assertThat(h.row(Granularity.DAY, Channel.CALL, "asiel", "2023-10-29T00:00+02:00").offered()).isEqualTo(5);
        }
    }

    @Test
    void monthAndYearBoundariesFollowAmsterdamTimeNotUtc() {
        try (TopologyHarness h = new TopologyHarness("2023-04-02T12:00:00Z")) {
            h.call("a", OFFERED, "2022-12-31T23:30:00Z"); // 2023-01-01T00:30+01:00
            h.call("b", OFFERED, "2023-01-31T23:30:00Z"); // 2023-02-01T00:30+01:00, a Wednesday
            h.call("c", OFFERED, "2023-03-31T22:30:00Z"); // 2023-04-01T00:30+02:00

            assertThat(starts(h, Granularity.MONTH)).containsExactly(
                    "2023-01-01T00:00+01:00", "2023-02-01T00:00+01:00", "2023-04-01T00:00+02:00");
            assertThat(starts(h, Granularity.YEAR)).containsExactly("2023-01-01T00:00+01:00");
            assertThat(h.row(Granularity.YEAR, Channel.CALL, "asiel", "2023-01-01T00:00+01:00").offered()).isEqualTo(3);
            assertThat(starts(h, Granularity.WEEK)).containsExactly(
                    "2022-12-26T00:00+01:00", "2023-01-30T00:00+01:00", "2023-03-27T00:00+02:00");
        }
    }

    @Test
    void longIntervalsAskedForByPartOfARangeAreWholeAndChosenByTheirStart() {
        try (TopologyHarness h = new TopologyHarness("2023-03-10T12:00:00Z")) {
            h.call("a", OFFERED, "2023-01-20T10:00:00Z");
            h.call("b", OFFERED, "2023-02-01T09:00:00Z"); // 10:00+01:00, the first day of February
            h.call("c", OFFERED, "2023-02-27T15:00:00Z");
            h.call("d", OFFERED, "2023-03-01T08:00:00Z");

            // Starts in [15 January, 15 February): only February, with all of its contacts (also
            // those after 15 February); January started before the range.
            List<ContactMetricsRow> months = h.metricsQuery().rows(Granularity.MONTH,
                    Instant.parse("2023-01-15T00:00:00Z"), Instant.parse("2023-02-15T00:00:00Z"), Channel.CALL, "asiel");
            assertThat(months).extracting(r -> r.intervalStart().toString()).containsExactly("2023-02-01T00:00+01:00");
            assertThat(months.get(0).figures().offered()).isEqualTo(2);
            // An hour starting at the range's last instant is not in it; the one before is, whole.
            List<ContactMetricsRow> hours = h.metricsQuery().rows(Granularity.HOUR,
                    Instant.parse("2023-02-01T08:30:00Z"), Instant.parse("2023-02-01T10:00:00Z"), Channel.CALL, "asiel");
            assertThat(hours).extracting(r -> r.intervalStart().toString()).containsExactly("2023-02-01T10:00+01:00");
            assertThat(hours.get(0).figures().offered()).isEqualTo(1);
        }
    }
}
