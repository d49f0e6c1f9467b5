package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * A wrap-up code logged after a call's queue entry is over restates the entry's last event with the
 * reason (docs/import.md): the contact figures the application computes are the same with and without
 * those restated events, for an answered call (talk time from the first end) and an abandoned one.
 */
class RestatedReasonTest {
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));

    private static List<SpecificRecord> imported(List<String> log) {
        Properties mapping = new Properties();
        mapping.setProperty("reason.event.REASON", "1");
        List<SpecificRecord> events = new ArrayList<>();
        QueueLogImport queueLog = new QueueLogImport(PSEUDONYMS, ImportMapping.of(mapping), ZoneId.of("Europe/Amsterdam"),
                new ImportReport(new StringWriter()), events::add);
        for (int i = 0; i < log.size(); i++) {
            queueLog.line(i + 1, log.get(i));
        }
        return events;
    }

    @Test
    void theRestatedEndAndAbandonWithTheirReasonsLeaveTheContactFiguresAsTheyWere() {
        // 1 March 2023, 10:00 in Amsterdam is 09:00Z = 1677661200.
        List<String> calls = List.of(
                "1677661200|1677661200.1|asiel|NONE|ENTERQUEUE||0612345678|1",
                "1677661260|1677661200.1|asiel|SIP/jan|CONNECT|60|1677661260.2|3",
                "1677661560|1677661200.1|asiel|SIP/jan|COMPLETEAGENT|60|300|1",
                "1677661300|1677661300.3|asiel|NONE|ENTERQUEUE||0612345679|1",
                "1677661420|1677661300.3|asiel|NONE|ABANDON|1|1|120");
        List<String> withReasons = new ArrayList<>(calls);
        withReasons.add("1677661620|1677661200.1|asiel|SIP/jan|REASON|verlenging");
        withReasons.add("1677661630|1677661300.3|asiel|NONE|REASON|biometrie");

        List<SpecificRecord> plain = imported(calls);
        List<SpecificRecord> restated = imported(withReasons);
        assertThat(restated).hasSize(plain.size() + 2);
        assertThat(restated.subList(plain.size(), restated.size())).map(e -> ((ContactEvent) e).getType() + " " + ((ContactEvent) e).getReason())
                .containsExactly("ENDED verlenging", "ABANDONED biometrie");

        String clock = "2023-03-01T18:00:00+01:00";
        try (TopologyHarness without = new TopologyHarness(clock); TopologyHarness with = new TopologyHarness(clock)) {
            plain.forEach(without::send);
            restated.forEach(with::send);
            var day = with.row(Granularity.DAY, Channel.CALL, "asiel", "2023-03-01T00:00+01:00");
            // Worked out by hand: two offered, one answered after 60 s with 300 s of talk, one abandoned after 120 s.
            assertThat(day.offered()).isEqualTo(2);
            assertThat(day.answered()).isEqualTo(1);
            assertThat(day.abandoned()).isEqualTo(1);
            assertThat(day.asaSeconds()).isEqualTo(60.0);
            assertThat(day.ahtSeconds()).isEqualTo(300.0);
            assertThat(day.avgAbandonWaitSeconds()).isEqualTo(120.0);
            assertThat(with.deadLetters()).isEmpty();
            assertThat(with.allRows()).isEqualTo(without.allRows());
        }
    }
}
