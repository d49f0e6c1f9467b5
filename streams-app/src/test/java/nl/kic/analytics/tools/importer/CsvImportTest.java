package nl.kic.analytics.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.kic.analytics.events.ContactEvent;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV mapping's rules for times, worked out by hand: two-digit years, past midnight, the doubled October hour. */
class CsvImportTest {
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8));
    /** kic.zone, the calendar of the callers' monthly keys. */
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static List<String> times(Properties extra, String... rows) {
        Properties p = mapping();
        p.putAll(extra);
        List<SpecificRecord> events = new ArrayList<>();
        CsvImport csv = new CsvImport(PSEUDONYMS, ImportMapping.of(p), AMSTERDAM, new ImportReport(new StringWriter()), events::add);
        csv.line(1, "id;date;in;out;outcome");
        for (int i = 0; i < rows.length; i++) {
            csv.line(i + 2, rows[i]);
        }
        return events.stream().map(e -> ((ContactEvent) e).getType() + " " + ((ContactEvent) e).getOccurredAt()).toList();
    }

    @Test
    void twoDigitYearsOfTheNinetiesAreTheNineteenNineties() {
        Properties zone = new Properties();
        zone.setProperty("zone", "UTC");
        assertThat(times(zone, "1;990201;9:00:00;9:01:00;A", "2;230301;9:00:00;9:00:30;H")).containsExactly(
                "OFFERED 1999-02-01T09:00:00Z", "ANSWERED 1999-02-01T09:01:00Z",
                "OFFERED 2023-03-01T09:00:00Z", "ABANDONED 2023-03-01T09:00:30Z");
    }

    @Test
    void anAnswerEarlierOnTheClockThanTheEntryIsPastMidnight() {
        // Amsterdam in winter: 23:59:30 is 22:59:30Z; the answer at 0:00:40 is on the next day.
        assertThat(times(new Properties(), "1;230301;23:59:30;0:00:40;A")).containsExactly(
                "OFFERED 2023-03-01T22:59:30Z", "ANSWERED 2023-03-01T23:00:40Z");
    }

    @Test
    void theDoubledOctoberHourIsItsFirstPassUnlessTheMappingSaysLater() {
        // 29 October 2023, Amsterdam: 02:30 happens at 00:30Z (summer time) and again at 01:30Z (winter time).
        assertThat(times(new Properties(), "1;231029;2:30:00;2:31:00;A")).containsExactly(
                "OFFERED 2023-10-29T00:30:00Z", "ANSWERED 2023-10-29T00:31:00Z");
        Properties later = new Properties();
        later.setProperty("doubled-hour", "later");
        assertThat(times(later, "1;231029;2:30:00;2:31:00;A")).containsExactly(
                "OFFERED 2023-10-29T01:30:00Z", "ANSWERED 2023-10-29T01:31:00Z");
    }

    @Test
    void aQuotedFieldWithTheSeparatorInsideIsOneFieldAndShiftsNoColumn() {
        Properties p = mapping();
        List<SpecificRecord> events = new ArrayList<>();
        StringWriter errors = new StringWriter();
        CsvImport csv = new CsvImport(PSEUDONYMS, ImportMapping.of(p), AMSTERDAM, new ImportReport(errors), events::add);
        csv.line(1, "id;name;date;in;out;outcome");
        csv.line(2, "7;\"Jansen; Piet\";230301;10:00:00;10:05:00;A");
        csv.line(3, "8;\"Jansen; \"\"Piet\"\"\";230301;10:00:00;10:06:00;H");
        csv.line(4, "9;\"never closed;230301;10:00:00;10:06:00;H");
        assertThat(events.stream().map(e -> ((ContactEvent) e).getContactId().toString().isEmpty() ? "" : ((ContactEvent) e).getType().name()))
                .containsExactly("OFFERED", "ANSWERED", "OFFERED", "ABANDONED");
        assertThat(errors.toString()).startsWith("line 4: ").doesNotContain("Jansen");
    }

    @Test
    void theCallersMonthIsTheCalendarMonthInKicZoneNotInTheMappingsZone() {
        // The file's clock is UTC: 23:30 on 31 January is 00:30 on 1 February in Amsterdam (kic.zone),
        // so the caller has February's key, the same as at 10:00 on 1 February, and not January's.
        Properties p = mapping();
        p.setProperty("zone", "UTC");
        p.setProperty("column.caller", "caller");
        List<SpecificRecord> events = new ArrayList<>();
        CsvImport csv = new CsvImport(PSEUDONYMS, ImportMapping.of(p), AMSTERDAM, new ImportReport(new StringWriter()), events::add);
        csv.line(1, "id;caller;date;in;out;outcome");
        csv.line(2, "1;0612345678;230131;23:30:00;23:31:00;A");
        csv.line(3, "2;0612345678;230201;10:00:00;10:01:00;A");
        csv.line(4, "3;0612345678;230131;22:30:00;22:31:00;A");
        List<ContactEvent> offered = events.stream().map(e -> (ContactEvent) e).filter(e -> e.getType().name().equals("OFFERED")).toList();
        assertThat(offered.get(0).getOccurredAt()).hasToString("2023-01-31T23:30:00Z");
        assertThat(offered.get(0).getCallerKey()).isEqualTo(PSEUDONYMS.caller("0612345678", YearMonth.of(2023, 2)))
                .isEqualTo(offered.get(1).getCallerKey())
                .isNotEqualTo(PSEUDONYMS.caller("0612345678", YearMonth.of(2023, 1)));
        // 22:30 UTC on 31 January is 23:30 in Amsterdam: still January.
        assertThat(offered.get(2).getCallerKey()).isEqualTo(PSEUDONYMS.caller("0612345678", YearMonth.of(2023, 1)));
    }

    @Test
    void theImportOfACsvFileTakesTheCallersMonthFromTheZoneItIsGiven(@TempDir Path dir) throws IOException {
        Properties p = mapping();
        p.setProperty("zone", "UTC");
        p.setProperty("column.caller", "caller");
        Path file = dir.resolve("calls.csv");
        Files.writeString(file, "id;caller;date;in;out;outcome\n1;0612345678;230131;23:30:00;23:31:00;A\n");
        List<SpecificRecord> events = new ArrayList<>();
        Import.run(Import.Format.CSV, file, ImportMapping.of(p), PSEUDONYMS, AMSTERDAM, new StringWriter(), events::add);
        assertThat(((ContactEvent) events.get(0)).getCallerKey()).isEqualTo(PSEUDONYMS.caller("0612345678", YearMonth.of(2023, 2)));
    }

    @Test
    void aReasonColumnGoesOnTheOutcomeAndTheEndAndARefusedOneRefusesTheRow() {
        Properties p = mapping();
        p.setProperty("column.reason", "code");
        p.setProperty("column.end-time", "end");
        p.setProperty("empty", "-");
        p.setProperty("reasons", "verlenging,biometrie");
        List<SpecificRecord> events = new ArrayList<>();
        StringWriter errors = new StringWriter();
        CsvImport csv = new CsvImport(PSEUDONYMS, ImportMapping.of(p), AMSTERDAM, new ImportReport(errors), events::add);
        csv.line(1, "id;code;date;in;out;end;outcome");
        csv.line(2, "1;verlenging;230301;10:00:00;10:05:00;10:09:00;A");
        csv.line(3, "2;-;230301;10:00:00;10:06:00;-;H");
        csv.line(4, "3;0612345678;230301;10:00:00;10:07:00;10:08:00;A");
        csv.line(5, "4; biometrie ;230301;10:00:00;10:07:00;-;H");
        assertThat(events).map(e -> (ContactEvent) e).extracting(e -> e.getContactId() + " " + e.getType() + " " + e.getReason())
                .containsExactly("1 OFFERED null", "1 ANSWERED verlenging", "1 ENDED verlenging",
                        "2 OFFERED null", "2 ABANDONED null",
                        "4 OFFERED null", "4 ABANDONED biometrie");
        assertThat(errors.toString()).isEqualTo("line 4: invalid_name: field 'reason' is not in the mapping's reason list (reasons=)\n");
    }

    /** A mapping of ';'-separated exports: id, date (yyMMdd), in, out and outcome (A answered, H abandoned) to the queue asiel. */
    private static Properties mapping() {
        Properties p = new Properties();
        p.setProperty("csv.separator", ";");
        p.setProperty("column.call-id", "id");
        p.setProperty("queue", "asiel");
        p.setProperty("column.outcome", "outcome");
        p.setProperty("column.date", "date");
        p.setProperty("date.format", "yyMMdd");
        p.setProperty("column.entry-time", "in");
        p.setProperty("column.answer-time", "out");
        p.setProperty("column.abandon-time", "out");
        p.setProperty("outcome.answered", "A");
        p.setProperty("outcome.abandoned", "H");
        return p;
    }
}
