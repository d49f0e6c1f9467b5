package nl.kic.analytics.tools.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import nl.kic.analytics.tools.report.ReportDocument.Chart;
import org.junit.jupiter.api.Test;

/** Value axes tick at round numbers, and an indicator without a norm has no norm line. */
class SvgChartTest {
    private static final ReportText DUTCH = ReportText.of("nl");

    private static Chart chart(Unit unit, Double norm, Double... values) {
        List<String> labels = Arrays.stream(values).map(v -> "x").toList();
        return new Chart("t", "d", unit, labels, List.of(values), "maart 2023", null, null, norm, norm == null ? null : "Norm");
    }

    @Test
    void waitsTickByWholeMinutes() {
        // 17:45 is the largest wait: five-minute steps reach 20 minutes in four (no more than five) steps.
        assertThat(SvgChart.axis(chart(Unit.SECONDS, 480.0, 1065.0, 700.0)).ticks()).containsExactly(0.0, 300.0, 600.0, 900.0, 1200.0);
        assertThat(SvgChart.render("c", chart(Unit.SECONDS, 480.0, 1065.0, 700.0), DUTCH))
                .contains(">0 min<", ">5 min<", ">10 min<", ">15 min<", ">20 min<").doesNotContain("16:40");
        // 2½ hours tick by half hours; three by whole hours, written in hours.
        assertThat(SvgChart.axis(chart(Unit.SECONDS, null, 9000.0)).ticks()).containsExactly(0.0, 1800.0, 3600.0, 5400.0, 7200.0, 9000.0);
        assertThat(SvgChart.axis(chart(Unit.SECONDS, null, 10800.0)).ticks()).containsExactly(0.0, 3600.0, 7200.0, 10800.0);
        assertThat(SvgChart.render("c", chart(Unit.SECONDS, null, 10800.0), DUTCH)).contains(">1 u<", ">3 u<");
    }

    @Test
    void sharesTickByTwentyPercentAndCountsByRoundSteps() {
        assertThat(SvgChart.axis(chart(Unit.SHARE, 0.8, 0.68)).ticks()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(SvgChart.axis(chart(Unit.COUNT, null, 3389.0, 2292.0)).ticks()).containsExactly(0.0, 1000.0, 2000.0, 3000.0, 4000.0);
    }

    @Test
    void onlyAnIndicatorWithANormHasANormLine() {
        assertThat(SvgChart.render("c", chart(Unit.COUNT, null, 0.0, 0.0), DUTCH)).doesNotContain("#d52b1e").doesNotContain("Norm");
        assertThat(SvgChart.render("c", chart(Unit.SHARE, 0.8, 0.5), DUTCH)).contains("stroke=\"#d52b1e\"");
    }
}
