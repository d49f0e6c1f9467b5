package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.platform.checks.NameRule;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** A queue_log written by hand, line by line as Asterisk's app_queue.c logs it, and the events it becomes. */
class QueueLogImportTest {
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));
    private static final long T = 1_677_661_200L; // 2023-03-01T09:00:00Z

    private static String at(long seconds, String rest) {
        return (T + seconds) + "|" + rest;
    }

    @Test
    void callsAndAgentsOfAQueueLogBecomeEvents() {
        List<String> log = List.of(
                at(0, "NONE|NONE|NONE|QUEUESTART|"),
                at(1, "NONE|asiel|SIP/jan|ADDMEMBER|"),
                at(2, "1677661202.1|asiel|NONE|ENTERQUEUE||0612345678|1"),
                at(12, "1677661202.1|asiel|SIP/jan|RINGNOANSWER|5000"),
                at(20, "1677661202.1|asiel|SIP/jan|CONNECT|18|1677661220.2|3"),
                // The agent transfers the caller to another queue: a new contact under the same uniqueid.
                at(80, "1677661202.1|asiel|SIP/jan|BLINDTRANSFER|werk@default|18|60"),
                at(81, "1677661202.1|werk|NONE|ENTERQUEUE||0612345678|1"),
                at(90, "1677661202.1|werk|NONE|EXITEMPTY|1|1|9"),
                at(100, "1677661300.3|asiel|NONE|FULL|"),
                at(110, "1677661310.4|asiel|NONE|ENTERQUEUE||anonymous|1"),
                at(113, "1677661310.4|asiel|NONE|ABANDON|1|1|3"),
                at(120, "NONE|asiel|SIP/jan|PAUSE|lunch"),
                "16776614|too-short",
                at(130, "NONE|asiel|SIP/jan|REMOVEMEMBER|"),
                "not-a-time|1677661202.1|asiel|NONE|ENTERQUEUE||0612345678|1");
        List<SpecificRecord> events = new ArrayList<>();
        StringWriter errors = new StringWriter();
        ImportReport report = new ImportReport(errors);
        Properties mapping = new Properties();
        mapping.setProperty("team.SIP/jan", "team-1");
        QueueLogImport queueLog = new QueueLogImport(PSEUDONYMS, ImportMapping.of(mapping), ZoneId.of("Europe/Amsterdam"), report, events::add);
        for (int i = 0; i < log.size(); i++) {
            queueLog.line(i + 1, log.get(i));
        }

        List<ContactEvent> contacts = events.stream().filter(e -> e instanceof ContactEvent).map(e -> (ContactEvent) e).toList();
        assertThat(contacts).extracting(e -> e.getContactId() + " " + e.getType() + " " + e.getQueue() + " +"
                + (e.getOccurredAt().getEpochSecond() - T)).containsExactly(
                "1677661202.1-1 OFFERED asiel +2",
                "1677661202.1-1 ANSWERED asiel +20",
                "1677661202.1-1 ENDED asiel +80",
                "1677661202.1-2 OFFERED werk +81",
                "1677661202.1-2 REJECTED werk +90",
                "1677661300.3-1 REJECTED asiel +100",
                "1677661310.4-1 OFFERED asiel +110",
                "1677661310.4-1 ABANDONED asiel +113");
        String jan = PSEUDONYMS.agent("SIP/jan");
        assertThat(contacts.get(1).getAgentId()).isEqualTo(jan);
        // Both entries of the same caller in March have one key; a withheld number has none.
        assertThat(contacts.get(0).getCallerKey()).isNotNull().isEqualTo(contacts.get(3).getCallerKey());
        assertThat(contacts.get(6).getCallerKey()).isNull();

        List<AgentEvent> agents = events.stream().filter(e -> e instanceof AgentEvent).map(e -> (AgentEvent) e).toList();
        assertThat(agents).extracting(e -> e.getState() + " " + e.getQueues() + " +" + (e.getOccurredAt().getEpochSecond() - T))
                .containsExactly("LOGGED_IN [asiel] +1", "AVAILABLE [asiel] +1", "BUSY [asiel] +20", "AVAILABLE [asiel] +80",
                        "AWAY [asiel] +120", "LOGGED_OUT [] +130");
        assertThat(agents).allSatisfy(a -> {
            assertThat(a.getAgentId()).isEqualTo(jan);
            assertThat(a.getTeam()).isEqualTo("team-1");
        });
        assertThat(agents.get(5).getState()).isEqualTo(AgentState.LOGGED_OUT);

        assertThat(report.linesRead()).isEqualTo(15);
        assertThat(report.eventsWritten()).isEqualTo(8 + 6);
        assertThat(report.skipped()).isEqualTo(Map.of("queuestart_lines", 1L, "ringnoanswer_lines", 1L));
        assertThat(report.errors()).isEqualTo(2);
        assertThat(report.eventsWrittenByKind()).isEqualTo(Map.of("contact", 8L, "agent", 6L));
        assertThat(report.countsByReason()).isEqualTo(Map.of("queuestart_lines", 1L, "ringnoanswer_lines", 1L, "unreadable_lines", 2L));
        assertThat(errors.toString()).isEqualTo("line 13: too few fields (2 of at least 5: unixtime|uniqueid|queue|agent|EVENT)\n"
                + "line 15: the time is not a number of seconds\n");
        // Every event id differs, and comes again for the same log.
        assertThat(events.stream().map(e -> ((GenericRecord) e).get("eventId").toString()).distinct()).hasSize(events.size());
        assertThat(contacts.get(0).getOccurredAt()).isEqualTo(Instant.ofEpochSecond(T + 2));
    }

    /** The reasons of a queue_log whose mapping names a custom event (REASON, data field 1) and ENTERQUEUE's first field (Queue()'s URL argument). */
    private static List<String> reasonsOf(Properties mapping, StringWriter errors, ImportReport report, List<String> log) {
        List<SpecificRecord> events = new ArrayList<>();
        QueueLogImport queueLog = new QueueLogImport(PSEUDONYMS, ImportMapping.of(mapping), ZoneId.of("Europe/Amsterdam"), report, events::add);
        for (int i = 0; i < log.size(); i++) {
            queueLog.line(i + 1, log.get(i));
        }
        return events.stream().filter(e -> e instanceof ContactEvent).map(e -> (ContactEvent) e)
                .map(e -> e.getContactId() + " " + e.getType() + " +" + (e.getOccurredAt().getEpochSecond() - T) + " " + e.getReason()).toList();
    }

    private static Properties reasonMapping() {
        Properties mapping = new Properties();
        mapping.setProperty("reason.event.REASON", "1");
        mapping.setProperty("reason.event.ENTERQUEUE", "1");
        return mapping;
    }

    @Test
    void aReasonGoesOnTheEventOfItsLineOrOnTheCallsNextEventOrRestatesTheCallsEnd() {
        StringWriter errors = new StringWriter();
        ImportReport report = new ImportReport(errors);
        List<String> contacts = reasonsOf(reasonMapping(), errors, report, List.of(
                // The voice-menu choice, logged by the dialplan before Queue(): it waits for the OFFERED.
                at(0, "1677661200.1|NONE|NONE|REASON|verlenging"),
                at(2, "1677661200.1|asiel|NONE|ENTERQUEUE||0612345678|1"),
                at(20, "1677661200.1|asiel|SIP/jan|CONNECT|18|1677661220.2|3"),
                // A code the agent enters while talking goes on the end; one entered after the end restates the end.
                at(30, "1677661200.1|asiel|SIP/jan|REASON|biometrie"),
                at(80, "1677661200.1|asiel|SIP/jan|COMPLETEAGENT|18|60|1"),
                at(95, "1677661200.1|asiel|SIP/jan|REASON|naturalisatie"),
                // Queue(asiel,,status-aanvraag): ENTERQUEUE's URL field carries it.
                at(100, "1677661300.3|asiel|NONE|ENTERQUEUE|status-aanvraag|anonymous|1"),
                at(110, "1677661300.3|asiel|NONE|ABANDON|1|1|10"),
                // Refused like a queue name, the line whole and the value never quoted.
                at(111, "1677661400.4|asiel|NONE|ENTERQUEUE|=HYPERLINK(x)|0612345678|1"),
                at(112, "1677661300.3|asiel|NONE|REASON|all"),
                at(113, "1677661300.3|asiel|NONE|REASON|")));
        assertThat(contacts).containsExactly(
                "1677661200.1-1 OFFERED +2 verlenging",
                "1677661200.1-1 ANSWERED +20 null",
                "1677661200.1-1 ENDED +80 biometrie",
                "1677661200.1-1 ENDED +95 naturalisatie",
                "1677661300.3-1 OFFERED +100 status-aanvraag",
                "1677661300.3-1 ABANDONED +110 null");
        assertThat(errors.toString()).isEqualTo("line 9: invalid_name: field 'reason' does not match kic.name-pattern\n"
                + "line 10: invalid_name: field 'reason' is ALL, the reserved name of the totals\n");
        // The lines of a reason that waited, and the one without a reason, wrote no event of their own.
        assertThat(report.skipped()).isEqualTo(Map.of("reason_lines", 3L));
        assertThat(report.eventsWrittenByKind()).containsEntry("contact", 6L);
    }

    @Test
    void aReasonNotInTheMappingsReasonListIsRefusedWithoutQuotingIt() {
        Properties mapping = reasonMapping();
        mapping.setProperty("reasons", "verlenging,biometrie");
        StringWriter errors = new StringWriter();
        List<String> contacts = reasonsOf(mapping, errors, new ImportReport(errors), List.of(
                at(0, "1677661200.1|asiel|NONE|ENTERQUEUE|0612345678|0612345678|1"),
                at(1, "1677661201.2|asiel|NONE|ENTERQUEUE|biometrie|0612345678|1")));
        assertThat(contacts).containsExactly("1677661201.2-1 OFFERED +1 biometrie");
        assertThat(errors.toString()).isEqualTo("line 1: invalid_name: field 'reason' is not in the mapping's reason list (reasons=)\n");
    }

    @Test
    void aFollowThatRestartsKeepsTheWaitingReasonAndTheCallsLatestEvent() {
        List<SpecificRecord> events = new ArrayList<>();
        ImportReport report = new ImportReport(new StringWriter());
        QueueLogImport first = new QueueLogImport(PSEUDONYMS, ImportMapping.of(reasonMapping()), ZoneId.of("Europe/Amsterdam"), report, events::add);
        first.line(1, at(0, "1677661200.1|NONE|NONE|REASON|verlenging"));
        first.line(2, at(5, "1677661205.2|asiel|NONE|ENTERQUEUE||0612345678|1"));
        first.line(3, at(9, "1677661205.2|asiel|NONE|ABANDON|1|1|4"));
        QueueLogImport restarted = new QueueLogImport(PSEUDONYMS, ImportMapping.of(reasonMapping()), ZoneId.of("Europe/Amsterdam"), report,
                events::add);
        restarted.restore(first.state());
        restarted.line(4, at(10, "1677661200.1|asiel|NONE|ENTERQUEUE||0612345678|1"));
        restarted.line(5, at(11, "1677661205.2|asiel|NONE|REASON|biometrie"));
        assertThat(events).map(e -> (ContactEvent) e).extracting(e -> e.getContactId() + " " + e.getType() + " " + e.getReason())
                .containsExactly("1677661205.2-1 OFFERED null", "1677661205.2-1 ABANDONED null",
                        "1677661200.1-1 OFFERED verlenging", "1677661205.2-1 ABANDONED biometrie");
    }

    @Test
    void aReasonFollowsTheConfiguredNamePatternAndAMappingWithoutAFieldNumberIsRefusedAtTheStart() {
        List<SpecificRecord> events = new ArrayList<>();
        StringWriter errors = new StringWriter();
        ImportMapping lowercaseOnly = ImportMapping.of(reasonMapping()).checkedBy(NameRule.of("[a-z-]+"), Set.of());
        QueueLogImport queueLog = new QueueLogImport(PSEUDONYMS, lowercaseOnly, ZoneId.of("Europe/Amsterdam"), new ImportReport(errors),
                events::add);
        queueLog.line(1, at(0, "1677661200.1|asiel|NONE|ENTERQUEUE|Verlenging|0612345678|1"));
        queueLog.line(2, at(1, "1677661201.2|asiel|NONE|ENTERQUEUE|verlenging|0612345678|1"));
        assertThat(events).map(e -> ((ContactEvent) e).getReason()).containsExactly("verlenging");
        assertThat(errors.toString()).isEqualTo("line 1: invalid_name: field 'reason' does not match kic.name-pattern\n");

        Properties noNumber = new Properties();
        noNumber.setProperty("reason.event.REASON", "first");
        assertThatThrownBy(() -> new QueueLogImport(PSEUDONYMS, ImportMapping.of(noNumber), ZoneId.of("Europe/Amsterdam"),
                new ImportReport(new StringWriter()), events::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason.event.REASON");
    }

    @Test
    void aCallersMonthIsTheCalendarMonthInKicZone() {
        // 1675207800 is 23:30 UTC on 31 January 2023: 00:30 on 1 February in Amsterdam (kic.zone).
        List<SpecificRecord> events = new ArrayList<>();
        QueueLogImport queueLog = new QueueLogImport(PSEUDONYMS, ImportMapping.empty(), ZoneId.of("Europe/Amsterdam"),
                new ImportReport(new StringWriter()), events::add);
        queueLog.line(1, "1675207800|1675207800.1|asiel|NONE|ENTERQUEUE||0612345678|1");
        assertThat(((ContactEvent) events.get(0)).getOccurredAt()).hasToString("2023-01-31T23:30:00Z");
        assertThat(((ContactEvent) events.get(0)).getCallerKey()).isEqualTo(PSEUDONYMS.caller("0612345678", YearMonth.of(2023, 2)));
    }
}
