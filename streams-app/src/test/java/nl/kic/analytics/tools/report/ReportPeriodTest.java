package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    @Test
    void aYearIsShownPerMonthAndAMonthPerDay() {
        ReportPeriod year = ReportPeriod.parse("2023");
        assertThat(year.whole()).isEqualTo(Granularity.YEAR);
        assertThat(year.parts()).isEqualTo(Granularity.MONTH);
        assertThat(year.partStarts()).hasSize(12).startsWith(LocalDate.of(2023, 1, 1)).endsWith(LocalDate.of(2023, 12, 1));
        ReportPeriod february = ReportPeriod.parse("2024-02");
        assertThat(february.parts()).isEqualTo(Granularity.DAY);
        assertThat(february.partStarts()).hasSize(29);
        assertThat(february.end()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(february.previous().key()).isEqualTo("2023-02");
        assertThat(february.partKey(LocalDate.of(2024, 2, 5))).isEqualTo("2024-02-05");
    }

    @Test
    void leapDayHasNoDayAYearEarlier() {
        assertThat(ReportPeriod.yearEarlier(LocalDate.of(2024, 2, 29), true)).isNull();
        assertThat(ReportPeriod.yearEarlier(LocalDate.of(2024, 2, 28), true)).isEqualTo(LocalDate.of(2023, 2, 28));
        assertThat(ReportPeriod.yearEarlier(LocalDate.of(2024, 2, 1), false)).isEqualTo(LocalDate.of(2023, 2, 1));
    }

    @Test
    void anythingButAYearOrAMonthIsRefused() {
        for (String wrong : new String[] {"2023-13", "23", "2023-3", "maart 2023", "2023-03-01", ""}) {
            assertThatThrownBy(() -> ReportPeriod.parse(wrong)).as(wrong)
                    .hasMessage("unknown period '" + wrong + "': give a year (2023) or a month (2023-03)");
        }
    }
}
