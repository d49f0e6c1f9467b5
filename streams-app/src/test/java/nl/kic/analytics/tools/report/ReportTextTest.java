package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportTextTest {
    private final ReportText dutch = ReportText.of("nl");
    private final ReportText english = ReportText.of("en");

    @Test
    void countsAreGroupedByThousandsInTheLanguagesWay() {
        assertThat(dutch.count(18_058)).isEqualTo("18.058");
        assertThat(english.count(18_058)).isEqualTo("18,058");
        assertThat(dutch.count(1_234_567)).isEqualTo("1.234.567");
        assertThat(dutch.count(999)).isEqualTo("999");
    }

    @Test
    void sharesHaveOneDecimalWithHalvesRoundedUp() {
        assertThat(dutch.share(0.676)).isEqualTo("67,6%");
        assertThat(english.share(0.676)).isEqualTo("67.6%");
        assertThat(dutch.share(0.6765)).isEqualTo("67,7%");
        assertThat(dutch.share(0.67649)).isEqualTo("67,6%");
        assertThat(dutch.share(1.0)).isEqualTo("100,0%");
        assertThat(dutch.share(null)).isEqualTo("n.v.t.");
        assertThat(english.share(null)).isEqualTo("n/a");
    }

    @Test
    void wholeNormsAreWrittenWithoutDecimals() {
        assertThat(dutch.normShare(0.8)).isEqualTo("80%");
        assertThat(dutch.normShare(0.855)).isEqualTo("85,5%");
    }

    @Test
    void waitsAreMinutesAndSecondsUnderAnHourAndHoursAbove() {
        assertThat(dutch.duration(79.0)).isEqualTo("1:19");
        assertThat(dutch.duration(4.5)).isEqualTo("0:05");
        assertThat(dutch.duration(3599.4)).isEqualTo("59:59");
        assertThat(dutch.duration(3599.5)).isEqualTo("1:00:00");
        assertThat(english.duration(3725.0)).isEqualTo("1:02:05");
    }

    @Test
    void waitsInRunningTextKeepMinutesAndSecondsAsTheTablesRoundThem() {
        assertThat(dutch.durationInWords(1079.0)).isEqualTo("17 minuten en 59 seconden");
        assertThat(dutch.durationInWords(79.4)).isEqualTo("1 minuut en 19 seconden");
        assertThat(dutch.durationInWords(60.0)).isEqualTo("1 minuut");
        assertThat(dutch.durationInWords(480.0)).isEqualTo("8 minuten");
        assertThat(english.durationInWords(1081.0)).isEqualTo("18 minutes and 1 second");
        assertThat(dutch.durationInWords(20.0)).isEqualTo("20 seconden");
        assertThat(dutch.durationInWords(59.5)).isEqualTo("1 minuut");
    }

    @Test
    void periodsAndPartsAreNamedInTheLanguage() {
        assertThat(dutch.periodName(ReportPeriod.parse("2023-03"))).isEqualTo("maart 2023");
        assertThat(english.periodName(ReportPeriod.parse("2023-03"))).isEqualTo("March 2023");
        assertThat(dutch.periodName(ReportPeriod.parse("2023"))).isEqualTo("2023");
        assertThat(dutch.partName(LocalDate.of(2023, 3, 5), true)).isEqualTo("5 maart");
        assertThat(dutch.partName(LocalDate.of(2023, 3, 1), false)).isEqualTo("Maart");
        assertThat(dutch.partLabel(LocalDate.of(2023, 3, 1), false)).isEqualTo("mrt");
    }

    @Test
    void bothLanguagesHaveEveryText() {
        assertThat(Words.ENGLISH.keySet()).isEqualTo(Words.DUTCH.keySet());
        assertThatThrownBy(() -> ReportText.of("de")).hasMessage("unknown language 'de': give nl or en");
    }
}
