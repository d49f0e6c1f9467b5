package nl.kic.analytics.tools.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.kic.analytics.SharedBroker;
import nl.kic.analytics.TestKafka;
import nl.kic.analytics.cli.Main;
import nl.kic.analytics.tools.replay.CsvRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The simulator with its KiC defaults reproduces the KiC's published month (docs/simulation.md): about 41,500
 * answered calls, reachability 65–70%, an average wait to answer of 15–20 minutes. Simulated with
 * `simulate`, measured by replaying the events through the real pipeline.
 */
@ExtendWith(SharedBroker.class)
class SimulatedMonthCalibrationIT {

    @Test
    void aSimulatedMonthLooksLikeTheKic(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path events = dir.resolve("june.jsonl");
        CommandLine cli = new CommandLine(new Main());
        assertThat(cli.execute("simulate", "--from", "2023-06-01", "--days", "30", "--seed", "2022", "--output", events.toString())).isZero();
        assertThat(cli.execute("replay", "--input", events.toString(), "--output", dir.resolve("out").toString(),
                "--config", TestKafka.settingsFile(kafka.config(), dir.resolve("replay.properties")).toString())).isZero();

        List<Map<String, String>> rows = CsvRows.read(dir.resolve("out/contact_metrics.csv"));
        Map<String, String> june = rows.stream()
                .filter(r -> r.get("channel").equals("CALL") && r.get("queue").equals("ALL") && r.get("granularity").equals("month"))
                .filter(r -> r.get("interval_start").equals("2023-06-01T00:00+02:00"))
                .findFirst().orElseThrow();
        assertThat(Long.parseLong(june.get("answered"))).isBetween(39_000L, 44_000L);
        assertThat(Double.parseDouble(june.get("reachability"))).isBetween(0.65, 0.70);
        assertThat(Double.parseDouble(june.get("asa_seconds"))).isBetween(15 * 60.0, 20 * 60.0);
        assertThat(Long.parseLong(june.get("open")) + Long.parseLong(june.get("lost"))).isZero();

        // A month of e-mail is about a twelfth of 60,000 gross, of which about 50,000 net, about half answered.
        Map<String, String> mail = CsvRows.read(dir.resolve("out/email_metrics.csv")).stream()
                .filter(r -> r.get("category").equals("ALL") && r.get("granularity").equals("month")
                        && r.get("interval_start").equals("2023-06-01T00:00+02:00"))
                .findFirst().orElseThrow();
        assertThat(Long.parseLong(mail.get("received_gross"))).isBetween(4_500L, 5_500L);
        assertThat((double) Long.parseLong(mail.get("received_net")) / Long.parseLong(mail.get("received_gross"))).isBetween(0.80, 0.86);
        assertThat(Double.parseDouble(mail.get("answered_share"))).isBetween(0.45, 0.55);
        assertThat(Long.parseLong(mail.get("must_answer_violations"))).isZero();
    }
}
