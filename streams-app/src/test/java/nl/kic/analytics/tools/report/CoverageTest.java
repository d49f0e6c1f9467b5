package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.kic.analytics.platform.time.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(ZoneId.of("Europe/Amsterdam"), LocalTime.of(9, 0),
            LocalTime.of(17, 0), false, true, Set.of(LocalDate.of(2023, 3, 17)));
    private static final ReportPeriod MARCH_2022 = ReportPeriod.parse("2022-03");
    private static final ReportPeriod MARCH_2023 = ReportPeriod.parse("2023-03");

    @Test
    void aMonthWithDataOnItsLastThreeDaysOnlyIsIncomplete() {
        // March 2022 has 23 weekdays and no Dutch public holiday; the data covers Tuesday 29 to Thursday 31.
        Set<LocalDate> days = Set.of(LocalDate.of(2022, 3, 29), LocalDate.of(2022, 3, 30), LocalDate.of(2022, 3, 31));
        Coverage c = Coverage.of(ReportChannel.CALL, MARCH_2022, days, false, CALENDAR, Map.of(), LocalDate.of(2023, 4, 1));
        assertThat(c.daysExpected()).isEqualTo(23);
        assertThat(c.daysWithData()).isEqualTo(3);
        assertThat(c.firstDayWithData()).isEqualTo(LocalDate.of(2022, 3, 29));
        assertThat(c.complete()).isFalse();
    }

    @Test
    void everyWorkingDayWithDataAndNothingRefusedIsComplete() {
        Set<LocalDate> days = new HashSet<>();
        for (LocalDate d = MARCH_2023.start(); d.isBefore(MARCH_2023.end()); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5 && d.getDayOfMonth() != 17) {
                days.add(d);
            }
        }
        // 23 weekdays in March 2023, less the closure day of the 17th.
        Coverage c = Coverage.of(ReportChannel.CALL, MARCH_2023, days, false, CALENDAR, Map.of(), LocalDate.of(2023, 3, 31));
        assertThat(c.daysExpected()).isEqualTo(22);
        assertThat(c.complete()).isTrue();
        // One refused event of the month makes it incomplete; unknown refusals do not decide.
        assertThat(Coverage.of(ReportChannel.CALL, MARCH_2023, days, false, CALENDAR, Map.of(LocalDate.of(2023, 3, 2), 1L),
                LocalDate.of(2023, 3, 31)).complete()).isFalse();
        assertThat(Coverage.of(ReportChannel.CALL, MARCH_2023, days, false, CALENDAR, null, LocalDate.of(2023, 3, 31)).complete()).isTrue();
        // A month replayed up to the 15th has not ended.
        assertThat(Coverage.of(ReportChannel.CALL, MARCH_2023, days, false, CALENDAR, Map.of(), LocalDate.of(2023, 3, 15)).complete()).isFalse();
    }

    @Test
    void emailIsExpectedEveryDayButTheClosureDays() {
        Coverage c = Coverage.of(ReportChannel.EMAIL, MARCH_2023, Set.of(), true, CALENDAR, Map.of(), LocalDate.of(2023, 4, 1));
        assertThat(c.daysExpected()).isEqualTo(30);
        assertThat(c.hasData()).isFalse();
    }
}
