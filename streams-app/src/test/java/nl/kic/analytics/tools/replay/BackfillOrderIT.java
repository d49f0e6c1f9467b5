package nl.kic.analytics.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.UnaryOperator;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.contacts.ContactKind;
import nl.kic.analytics.domain.emails.EmailKind;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.tools.simulation.KicSimulator;
import nl.kic.analytics.tools.simulation.SimulationConfig;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figures do not depend on the order in which events arrive: four simulated months of calls,
 * chats and e-mail (with duplicates) give the same interval rows in file order, in reverse, in
 * random orders, with one month delivered after the three that follow it, and with a tenth of the
 * events held back to the end. The contact and e-mail retentions are set to a day and the purge to
 * an hour, so that most late events meet a contact or e-mail whose full state has gone and only its
 * compact record is left.
 */
class BackfillOrderIT {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 2);
    private static final LocalDate END = LocalDate.of(2023, 5, 1);
    private static final UnaryOperator<Properties> SHORT_RETENTION = p -> {
        p.setProperty("kic.contact-retention-days", "1");
        p.setProperty("kic.email.retention-days", "1");
        p.setProperty("kic.purge-interval-minutes", "60");
        return p;
    };

    private static List<SpecificRecord> events;
    private static List<Object> inFileOrder;
    private static String clock;

    @BeforeAll
    static void simulateAndReplayInFileOrder() {
        events = new ArrayList<>();
        KicConfig defaults = KicConfig.defaults();
        new KicSimulator(SimulationConfig.kicDefaults(11).scaled(0.01), defaults.calendar(), ZONE, FIRST_DAY, event -> {
            if (event instanceof ContactEvent || event instanceof EmailEvent) {
                events.add(event);
            }
        }).runDaysUntil(END);
        Random random = new Random(5);
        int size = events.size();
        for (int i = 0; i < size / 100; i++) {
            events.add(events.get(random.nextInt(size))); // exact duplicates
        }
        long latest = events.stream().mapToLong(BackfillOrderIT::occurredAt).max().orElseThrow();
        clock = Instant.ofEpochMilli(latest).atZone(ZONE).toOffsetDateTime().toString();
        inFileOrder = rowsAfter(events);
        assertThat(inFileOrder).hasSizeGreaterThan(1_000);
    }

    private static long occurredAt(SpecificRecord event) {
        return event instanceof ContactEvent c ? c.getOccurredAt().toEpochMilli() : ((EmailEvent) event).getOccurredAt().toEpochMilli();
    }

    private static List<Object> rowsAfter(List<SpecificRecord> delivery) {
        try (TopologyHarness h = new TopologyHarness(clock, SHORT_RETENTION)) {
            delivery.forEach(h::send);
            assertThat(h.metrics.tooLateCount(PipelineMetrics.Kind.CONTACT)).isZero();
            return h.allRows();
        }
    }

    @Test
    void reverseOrderGivesTheSameRows() {
        List<SpecificRecord> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        assertThat(rowsAfter(reversed)).isEqualTo(inFileOrder);
    }

    @Test
    void randomOrdersGiveTheSameRows() {
        for (long seed : new long[] {1, 2, 3}) {
            List<SpecificRecord> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(rowsAfter(shuffled)).as("seed %d", seed).isEqualTo(inFileOrder);
        }
    }

    @Test
    void aMonthDeliveredAfterTheThreeThatFollowItGivesTheSameRows() {
        long february = LocalDate.of(2023, 2, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        List<SpecificRecord> january = events.stream().filter(e -> occurredAt(e) < february).toList();
        List<SpecificRecord> delivery = new ArrayList<>(events.stream().filter(e -> occurredAt(e) >= february).toList());
        delivery.addAll(january);
        assertThat(rowsAfter(delivery)).isEqualTo(inFileOrder);
    }

    @Test
    void eventsHeldBackToTheEndMeetCompactRecordsAndGiveTheSameRows() {
        Random random = new Random(9);
        List<SpecificRecord> onTime = new ArrayList<>();
        List<SpecificRecord> heldBack = new ArrayList<>();
        events.forEach(e -> (random.nextInt(10) == 0 ? heldBack : onTime).add(e));
        onTime.addAll(heldBack);
        assertThat(rowsAfter(onTime)).isEqualTo(inFileOrder);
    }

    @Test
    void duplicatesOfLongClosedContactsAndEmailsChangeNeitherFiguresNorState() {
        try (TopologyHarness h = new TopologyHarness(clock, SHORT_RETENTION)) {
            events.forEach(h::send);
            long[] entries = storeEntries(h);
            assertThat(entries[1]).as("compact contact records").isGreaterThan(1_000);
            assertThat(entries[3]).as("compact e-mail records").isGreaterThan(100);
            long march = LocalDate.of(2023, 3, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
            events.stream().filter(e -> occurredAt(e) < march).forEach(h::send);

            assertThat(h.allRows()).isEqualTo(inFileOrder);
            assertThat(storeEntries(h)).isEqualTo(entries);
        }
    }

    private static long[] storeEntries(TopologyHarness h) {
        return new long[] {h.entries(ContactKind.CONTACT_STATE_STORE), h.entries(ContactKind.JUDGED_STORE),
                h.entries(EmailKind.EMAIL_STATE_STORE), h.entries(EmailKind.JUDGED_STORE)};
    }
}
