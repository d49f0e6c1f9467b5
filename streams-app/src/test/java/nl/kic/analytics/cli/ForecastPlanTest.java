package nl.kic.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import nl.kic.analytics.app.ForecastQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastPlanTest {
    @TempDir
    Path dir;

    private Path plan(String text) throws IOException {
        return Files.writeString(dir.resolve("plan.csv"), text);
    }

    @Test
    void aPlanGivesTheAgentsPerChannelAndIntervalWhateverTheOffsetIsWritten() throws IOException {
        ForecastQuery.Plan plan = ForecastCommand.readPlan(plan("channel,interval_start,agents\nCALL,2023-03-01T09:00+01:00,12.5\n"
                + "CHAT,2023-03-01T08:00Z,3\n"));
        assertThat(plan.agents("CALL", OffsetDateTime.parse("2023-03-01T08:00Z"))).isEqualTo(12.5);
        assertThat(plan.agents("CHAT", OffsetDateTime.parse("2023-03-01T09:00+01:00"))).isEqualTo(3.0);
        assertThat(plan.agents("CALL", OffsetDateTime.parse("2023-03-01T09:15+01:00"))).isNull();
    }

    @Test
    void aBadLineIsRefusedByItsNumberAndFieldWithoutItsValue() throws IOException {
        String header = "channel,interval_start,agents\n";
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan(header + "CALL,2023-03-01T09:00+01:00,2\nFAX-secret,2023-03-01T09:00+01:00,2\n")))
                .hasMessageContaining("line 3").hasMessageContaining("'channel'").hasMessageNotContaining("FAX-secret");
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan(header + "CALL,tomorrow-secret,2\n")))
                .hasMessageContaining("line 2").hasMessageContaining("'interval_start'").hasMessageNotContaining("tomorrow-secret");
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan(header + "CALL,2023-03-01T09:00+01:00,-1\n")))
                .hasMessageContaining("line 2").hasMessageContaining("'agents'").hasMessageNotContaining("-1");
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan(header + "CALL,2023-03-01T09:00+01:00,NaN\n")))
                .hasMessageContaining("'agents'");
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan(header + "CALL,2023-03-01T09:00+01:00,2\nCALL,2023-03-01T08:00Z,3\n")))
                .hasMessageContaining("line 3").hasMessageContaining("came before");
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan("kanaal,start,aantal\n"))).hasMessageContaining("header");
        assertThatThrownBy(() -> ForecastCommand.readPlan(plan(header + "CALL,2023-03-01T09:00+01:00\n"))).hasMessageContaining("3 fields");
    }
}
