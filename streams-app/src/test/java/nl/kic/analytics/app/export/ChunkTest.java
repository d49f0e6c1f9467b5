package nl.kic.analytics.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/** The recent intervals a sweep reads: per granularity, from the start of the one that contains the given instant, on the Amsterdam calendar. */
class ChunkTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    @Test
    void recentIntervalsStartAtTheLocalIntervalThatContainsTheInstant() {
        // Sunday 26 March 2023, 03:40 summer time (01:40 UTC), the day the clocks went forward.
        List<Chunk> chunks = Chunk.recent(at("2023-03-26T03:40+02:00"), AMSTERDAM);
        assertThat(chunks.get(0)).isEqualTo(Chunk.WHOLE_TABLES);
        assertThat(chunks.subList(1, chunks.size())).extracting(c -> c.granularity().label() + " " + c.from().atZone(AMSTERDAM).toOffsetDateTime())
                .containsExactly("15m 2023-03-26T03:30+02:00", "hour 2023-03-26T03:00+02:00", "day 2023-03-26T00:00+01:00",
                        "week 2023-03-20T00:00+01:00", "month 2023-03-01T00:00+01:00", "year 2023-01-01T00:00+01:00");
        assertThat(chunks.subList(1, chunks.size())).allSatisfy(c -> {
            assertThat(c.to()).isNull();
            // Rows the product no longer has are deleted in exactly the range read.
            assertThat(c.deleteFrom()).isEqualTo(c.from());
        });
        assertThat(chunks).extracting(Chunk::granularity).containsOnly(null, Granularity.FIFTEEN_MINUTES, Granularity.HOUR, Granularity.DAY,
                Granularity.WEEK, Granularity.MONTH, Granularity.YEAR);
    }
}
