package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aShareIsJudgedAsPrintedWithOneDecimal() {
        // 79,95% prints as 80,0% and so meets 80%; 79,94% prints as 79,9% and does not.
        assertThat(Verdict.of(Unit.SHARE, 0.7995, 0.80, false)).isEqualTo(Verdict.MET);
        assertThat(Verdict.of(Unit.SHARE, 0.7994, 0.80, false)).isEqualTo(Verdict.NOT_MET);
        assertThat(Verdict.of(Unit.SHARE, 1.0, 1.0, false)).isEqualTo(Verdict.MET);
        assertThat(Verdict.of(Unit.SHARE, 0.9999, 1.0, false)).isEqualTo(Verdict.MET); // prints as 100,0%
        assertThat(Verdict.of(Unit.SHARE, 0.9994, 1.0, false)).isEqualTo(Verdict.NOT_MET); // prints as 99,9%
    }

    @Test
    void aWaitIsJudgedInWholeSecondsAgainstItsCeiling() {
        assertThat(Verdict.of(Unit.SECONDS, 480.4, 480.0, true)).isEqualTo(Verdict.MET); // 8:00
        assertThat(Verdict.of(Unit.SECONDS, 480.5, 480.0, true)).isEqualTo(Verdict.NOT_MET); // 8:01
        assertThat(Verdict.of(Unit.COUNT, 0.0, 0.0, true)).isEqualTo(Verdict.MET);
        assertThat(Verdict.of(Unit.COUNT, 1.0, 0.0, true)).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void withoutANormOrAFigureThereIsNoVerdict() {
        assertThat(Verdict.of(Unit.COUNT, 12.0, null, false)).isEqualTo(Verdict.NO_NORM);
        assertThat(Verdict.of(Unit.SHARE, null, 0.8, false)).isEqualTo(Verdict.UNDEFINED);
    }
}
