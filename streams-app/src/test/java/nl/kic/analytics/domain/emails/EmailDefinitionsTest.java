package nl.kic.analytics.domain.emails;

import static nl.kic.analytics.events.EmailEventType.ACKNOWLEDGED;
import static nl.kic.analytics.events.EmailEventType.ANSWERED;
import static nl.kic.analytics.events.EmailEventType.CLASSIFIED;
import static nl.kic.analytics.events.EmailEventType.CLOSED;
import static nl.kic.analytics.events.EmailEventType.FORWARDED;
import static nl.kic.analytics.events.EmailEventType.INTERIM_REPLY;
import static nl.kic.analytics.events.EmailEventType.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * The e-mail definitions of docs/metrics.md on small inputs, figures worked out by hand. Mail is
 * received on Monday 6 March 2023 (Amsterdam, +01:00), a week without holidays.
 */
class EmailDefinitionsTest {
    private static final String MONDAY = "2023-03-06T00:00+01:00";

    @Test
    void figuresPerCategoryWithSpamForwardingAcknowledgementsAndDuplicates() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            // m1: reclassified to SPAM after RECEIVED: spam, in the SPAM row only.
            h.email("m1", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m1", CLASSIFIED, "2023-03-06T10:10:00+01:00", EmailCategory.GENERAL, null);
            h.email("m1", CLASSIFIED, "2023-03-06T10:20:00+01:00", EmailCategory.SPAM, null);
            // m2: GENERAL, closed with reason SPAM: gross and spam of GENERAL.
            h.email("m2", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m2", CLASSIFIED, "2023-03-06T10:05:00+01:00", EmailCategory.GENERAL, null);
            h.email("x", "m2", CLOSED, "2023-03-06T10:30:00+01:00", null, null, CloseReason.SPAM);
            // m3: forwarded to another department within the hour: answered, acknowledged and on time.
            h.email("m3", RECEIVED, "2023-03-06T11:00:00+01:00");
            h.email("m3", CLASSIFIED, "2023-03-06T11:05:00+01:00", EmailCategory.OTHER_DEPARTMENT, null);
            h.email("m3", FORWARDED, "2023-03-06T11:30:00+01:00");
            // m4: the ANSWERED arrives before its RECEIVED.
            h.email("m4", ANSWERED, "2023-03-06T12:30:00+01:00");
            h.email("m4", RECEIVED, "2023-03-06T12:00:00+01:00");
            h.email("m4", CLASSIFIED, "2023-03-06T12:10:00+01:00", EmailCategory.NOT_ON_WEBSITE, null);
            // m5: answered within the hour without an acknowledgement; its ANSWERED comes twice.
            h.email("m5", RECEIVED, "2023-03-06T13:00:00+01:00");
            h.email("m5", CLASSIFIED, "2023-03-06T13:05:00+01:00", EmailCategory.GENERAL, null);
            h.email("a5", "m5", ANSWERED, "2023-03-06T13:40:00+01:00", null, null, null);
            h.email("a5", "m5", ANSWERED, "2023-03-06T14:00:00+01:00", null, null, null);
            // m6: never classified, acknowledged after 90 minutes: open, in ALL only.
            h.email("m6", RECEIVED, "2023-03-06T14:00:00+01:00");
            h.email("m6", ACKNOWLEDGED, "2023-03-06T15:30:00+01:00");
            // m7: a must-answer (URGENT) mail closed without answer.
            h.email("m7", RECEIVED, "2023-03-06T14:00:00+01:00");
            h.email("m7", CLASSIFIED, "2023-03-06T14:05:00+01:00", EmailCategory.URGENT, null);
            h.email("c7", "m7", CLOSED, "2023-03-06T15:00:00+01:00", null, null, CloseReason.NOT_BY_EMAIL);

            EmailFigures all = h.emailRow(Granularity.DAY, "ALL", MONDAY);
            assertThat(all.receivedGross()).isEqualTo(7);
            assertThat(all.spam()).isEqualTo(2);
            assertThat(all.receivedNet()).isEqualTo(5);
            assertThat(all.answered()).isEqualTo(3);            // m3, m4, m5
            assertThat(all.closedWithoutAnswer()).isEqualTo(1); // m7
            assertThat(all.open()).isEqualTo(1);                // m6
            assertThat(all.answeredShare()).isCloseTo(3.0 / 5, within(1e-12));
            assertThat(all.acknowledgedOnTime()).isEqualTo(3);  // m3, m4, m5
            assertThat(all.answeredOnTime()).isEqualTo(3);
            assertThat(all.mustAnswerViolations()).isEqualTo(1); // m7

            EmailFigures spam = h.emailRow(Granularity.DAY, "SPAM", MONDAY);
            assertThat(spam.receivedGross()).isEqualTo(1);
            assertThat(spam.receivedNet()).isZero();
            assertThat(spam.answeredShare()).isNull();
            EmailFigures general = h.emailRow(Granularity.DAY, "GENERAL", MONDAY);
            assertThat(general.receivedGross()).isEqualTo(2);
            assertThat(general.spam()).isEqualTo(1);
            assertThat(general.answered()).isEqualTo(1);
            assertThat(h.emailRow(Granularity.DAY, "OTHER_DEPARTMENT", MONDAY).answered()).isEqualTo(1);
            assertThat(h.emailRow(Granularity.DAY, "URGENT", MONDAY).mustAnswerViolations()).isEqualTo(1);
            assertThat(h.emailRows(Granularity.DAY, null)).extracting(EmailMetricsRow::category)
                    .containsExactly("ALL", "GENERAL", "NOT_ON_WEBSITE", "OTHER_DEPARTMENT", "SPAM", "URGENT");
            assertThat(h.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.EMAIL)).isEqualTo(1);
            assertThat(h.emailBacklog("ALL").backlog()).isEqualTo(1);
        }
    }

    @Test
    void complexMailIsOnTimeWithAnInterimReplyOrAnswerByWorkingDayTen() {
        // Received Monday 6 March 10:00: the 10-working-day deadline is Monday 20 March 10:00.
        try (TopologyHarness h = new TopologyHarness("2023-03-28T12:00:00+02:00")) {
            h.email("c1", RECEIVED, "2023-03-06T10:00:00+01:00", EmailCategory.NOT_ON_WEBSITE, EmailComplexity.COMPLEX);
            h.email("c1", INTERIM_REPLY, "2023-03-17T12:00:00+01:00"); // working day 9: on time, still open
            h.email("c2", RECEIVED, "2023-03-06T10:00:00+01:00", EmailCategory.NOT_ON_WEBSITE, EmailComplexity.COMPLEX);
            h.email("c2", INTERIM_REPLY, "2023-03-21T12:00:00+01:00"); // working day 11: late, still open
            h.email("c3", RECEIVED, "2023-03-06T10:00:00+01:00", EmailCategory.URGENT, EmailComplexity.COMPLEX);
            h.email("c3", ANSWERED, "2023-03-13T12:00:00+01:00");      // working day 5: on time for COMPLEX
            h.email("c4", RECEIVED, "2023-03-06T10:00:00+01:00", EmailCategory.URGENT, null);
            h.email("c4", ANSWERED, "2023-03-13T12:00:00+01:00");      // SIMPLE by default: late, but no violation

            EmailFigures all = h.emailRow(Granularity.DAY, "ALL", MONDAY);
            assertThat(all.answered()).isEqualTo(2);
            assertThat(all.open()).isEqualTo(2);
            assertThat(all.answeredOnTime()).isEqualTo(2);       // c1 (interim), c3
            assertThat(all.mustAnswerViolations()).isEqualTo(1); // c2: no on-time interim reply, past 10 working days
            assertThat(all.acknowledgedOnTime()).isZero();

            EmailBacklog backlog = h.emailBacklog("NOT_ON_WEBSITE");
            assertThat(backlog.backlog()).isEqualTo(2);
            assertThat(backlog.overdueNow()).isEqualTo(1);        // c2
            // Working days from Monday 6 March 10:00 to Tuesday 28 March 12:00: 7-10, 13-17, 20-24, 27, 28 March.
            assertThat(backlog.oldestOpenWorkingDays()).isEqualTo(16);
        }
    }

    @Test
    void openMustAnswerMailBecomesAViolationWhenTheClockPassesItsDeadlineAndALateAnswerEndsIt() {
        try (TopologyHarness h = new TopologyHarness("2023-03-07T12:00:00+01:00")) {
            h.email("u1", RECEIVED, "2023-03-06T10:00:00+01:00", EmailCategory.URGENT, null); // deadline Wed 8 March 10:00
            h.runClockCheck();
            assertThat(h.emailRow(Granularity.DAY, "URGENT", MONDAY).mustAnswerViolations()).isZero();

            h.clock.set("2023-03-08T10:00:00+01:00"); // at the deadline: still on time
            h.runClockCheck();
            h.email("u1", ACKNOWLEDGED, "2023-03-08T09:59:00+01:00"); // judged again at exactly the deadline
            assertThat(h.emailRow(Granularity.DAY, "URGENT", MONDAY).mustAnswerViolations()).isZero();
            assertThat(h.emailBacklog("URGENT").overdueNow()).isZero();

            h.clock.set("2023-03-08T10:00:01+01:00");
            h.runClockCheck();
            assertThat(h.emailRow(Granularity.DAY, "URGENT", MONDAY).mustAnswerViolations()).isEqualTo(1);
            assertThat(h.emailBacklog("URGENT").overdueNow()).isEqualTo(1);
            assertThat(h.emailBacklog("URGENT").oldestOpenWorkingDays()).isEqualTo(2);

            h.email("u1", ANSWERED, "2023-03-08T11:00:00+01:00");
            EmailFigures urgent = h.emailRow(Granularity.DAY, "URGENT", MONDAY);
            assertThat(urgent.mustAnswerViolations()).isZero();
            assertThat(urgent.answered()).isEqualTo(1);
            assertThat(urgent.answeredOnTime()).isZero();
            assertThat(h.emailBacklog("URGENT").backlog()).isZero();
        }
    }

    @Test
    void categoryIsThatOfTheLatestEventByEventTimeWhateverTheArrivalOrder() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            h.email("m1", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m1", CLASSIFIED, "2023-03-06T10:20:00+01:00", EmailCategory.GENERAL, EmailComplexity.SIMPLE);
            h.email("m1", CLASSIFIED, "2023-03-06T10:10:00+01:00", EmailCategory.URGENT, EmailComplexity.COMPLEX);
            assertThat(h.emailRows(Granularity.DAY, null)).extracting(EmailMetricsRow::category).containsExactly("ALL", "GENERAL");
        }
    }

    @Test
    void eventsTimedBeforeReceivedAreImpossibleAndMailWithoutReceivedIsNotCounted() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            h.email("m1", ACKNOWLEDGED, "2023-03-06T09:00:00+01:00");
            h.email("m1", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m2", ANSWERED, "2023-03-06T11:00:00+01:00"); // never RECEIVED
            EmailFigures all = h.emailRow(Granularity.DAY, "ALL", MONDAY);
            assertThat(all.receivedGross()).isEqualTo(1);
            assertThat(all.acknowledgedOnTime()).isZero();
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.EMAIL)).isEqualTo(1);
        }
    }

    @Test
    void categoryAndComplexityAtTheSameMillisecondAreThoseOfTheLaterEventTypeInEitherOrder() {
        for (boolean classifiedFirst : new boolean[] {true, false}) {
            try (TopologyHarness h = new TopologyHarness("2023-03-09T18:00:00+01:00")) {
                Runnable received = () -> h.email("r", "m1", RECEIVED, "2023-03-06T10:00:00+01:00",
                        EmailCategory.GENERAL, EmailComplexity.COMPLEX, null);
                Runnable classified = () -> h.email("c", "m1", CLASSIFIED, "2023-03-06T10:00:00+01:00",
                        EmailCategory.URGENT, EmailComplexity.SIMPLE, null);
                (classifiedFirst ? classified : received).run();
                (classifiedFirst ? received : classified).run();
                h.email("m1", ANSWERED, "2023-03-09T10:00:00+01:00"); // SIMPLE: late after Wednesday 10:00 (COMPLEX would be on time)
                assertThat(h.emailRows(Granularity.DAY, null)).extracting(EmailMetricsRow::category).containsExactly("ALL", "URGENT");
                assertThat(h.emailRow(Granularity.DAY, "URGENT", MONDAY).answered()).isEqualTo(1);
                assertThat(h.emailRow(Granularity.DAY, "URGENT", MONDAY).answeredOnTime()).isZero();
            }
        }
    }

    @Test
    void eventAtTheMillisecondOfReceiptIsPossibleAndOneBeforeItIsNot() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            h.email("m1", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m1", ACKNOWLEDGED, "2023-03-06T10:00:00+01:00");
            h.email("m2", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m2", CLASSIFIED, "2023-03-06T09:59:59.999+01:00", EmailCategory.URGENT, null); // impossible on arrival
            EmailFigures all = h.emailRow(Granularity.DAY, "ALL", MONDAY);
            assertThat(all.acknowledgedOnTime()).isEqualTo(1);
            assertThat(h.metrics.impossibleCount(PipelineMetrics.Kind.EMAIL)).isEqualTo(1);
            assertThat(h.metrics.deadLetteredCount("impossible")).isEqualTo(1);
            // The category of the impossible event does not count: m2 stays unclassified, in ALL only.
            assertThat(h.emailRows(Granularity.DAY, null)).extracting(EmailMetricsRow::category).containsExactly("ALL");
        }
    }

    @Test
    void acknowledgedExactlyAnHourAfterReceiptIsOnTime() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            h.email("m1", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m1", ACKNOWLEDGED, "2023-03-06T11:00:00+01:00");
            h.email("m2", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m2", ACKNOWLEDGED, "2023-03-06T11:00:00.001+01:00");
            assertThat(h.emailRow(Granularity.DAY, "ALL", MONDAY).acknowledgedOnTime()).isEqualTo(1);
        }
    }

    @Test
    void answeredExactlyAtTheDeadlineIsOnTime() {
        // Received Monday 10:00, SIMPLE: the deadline is Wednesday 8 March 10:00.
        try (TopologyHarness h = new TopologyHarness("2023-03-09T18:00:00+01:00")) {
            h.email("m1", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m1", ANSWERED, "2023-03-08T10:00:00+01:00");
            h.email("m2", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("m2", ANSWERED, "2023-03-08T10:00:00.001+01:00");
            EmailFigures all = h.emailRow(Granularity.DAY, "ALL", MONDAY);
            assertThat(all.answered()).isEqualTo(2);
            assertThat(all.answeredOnTime()).isEqualTo(1);
        }
    }

    @Test
    void duplicateEventOfAnEmailIsDroppedWhateverItsContent() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            h.email("r1", "m1", RECEIVED, "2023-03-06T10:00:00+01:00", null, null, null);
            h.email("a1", "m1", ACKNOWLEDGED, "2023-03-06T12:00:00+01:00", null, null, null); // late: not on time
            h.email("a1", "m1", ACKNOWLEDGED, "2023-03-06T10:10:00+01:00", null, null, null); // same id: dropped
            assertThat(h.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.EMAIL)).isEqualTo(1);
            assertThat(h.emailRow(Granularity.DAY, "ALL", MONDAY).acknowledgedOnTime()).isZero();
        }
    }

    @Test
    void heldEventThatTurnsOutToLieBeforeReceiptIsDeadLetteredAndPossibleOnesLetGoOfTheirBytes() {
        try (TopologyHarness h = new TopologyHarness("2023-03-06T18:00:00+01:00")) {
            h.email("a0", "m1", ACKNOWLEDGED, "2023-03-06T09:00:00+01:00", null, null, null);   // offset 0: before its RECEIVED
            h.email("a1", "m1", ANSWERED, "2023-03-06T10:30:00+01:00", null, null, null);       // offset 1: possible
            h.email("r1", "m1", RECEIVED, "2023-03-06T10:00:00+01:00", null, null, null);
            h.email("r2", "m2", RECEIVED, "2023-03-06T10:00:00+01:00", null, null, null);
            h.email("a2", "m2", ANSWERED, "2023-03-06T10:30:00+01:00", null, null, null);
            h.email("a3", "m3", ANSWERED, "2023-03-06T10:30:00+01:00", null, null, null);       // still held

            var deadLetters = h.deadLetters();
            assertThat(deadLetters).hasSize(1);
            assertThat(new String(deadLetters.get(0).headers().lastHeader("kic.dlq.offset").value())).isEqualTo("0");
            assertThat(new String(deadLetters.get(0).headers().lastHeader("kic.dlq.reason").value())).isEqualTo("impossible");
            assertThat(new String(deadLetters.get(0).headers().lastHeader("kic.dlq.topic").value())).isEqualTo("kic.email-events");
            EmailFigures all = h.emailRow(Granularity.DAY, "ALL", MONDAY);
            assertThat(all.answered()).isEqualTo(2);
            assertThat(all.acknowledgedOnTime()).isEqualTo(2); // the answers, 30 minutes after receipt
            // m1 keeps its impossible event (without bytes) beside the two of m2's kind: a few bytes more, not an encoding.
            assertThat(h.emailStateBytes("m1")).isBetween(h.emailStateBytes("m2"), h.emailStateBytes("m2") + 16);
            // m2, whose events came in order, keeps no bytes.
            EmailState m2 = new EmailState();
            m2.apply(EmailEvent.newBuilder().setEventId("r2").setEmailId("m2").setType(RECEIVED)
                    .setOccurredAt(OffsetDateTime.parse("2023-03-06T10:00:00+01:00").toInstant()).build(), () -> null);
            m2.apply(EmailEvent.newBuilder().setEventId("a2").setEmailId("m2").setType(ANSWERED)
                    .setOccurredAt(OffsetDateTime.parse("2023-03-06T10:30:00+01:00").toInstant()).build(), () -> null);
            m2.setCounted(m2.judge(EmailRules.from(h.config), h.clock.nowMillis()));
            assertThat(h.emailStateBytes("m2")).isEqualTo(EmailState.serde().serializer().serialize("", m2).length);
            // m3's held event keeps its topic, offset and encoding: more than the same event alone.
            EmailState withoutBytes = new EmailState();
            withoutBytes.apply(EmailEvent.newBuilder().setEventId("a3").setEmailId("m3").setType(ANSWERED)
                    .setOccurredAt(OffsetDateTime.parse("2023-03-06T10:30:00+01:00").toInstant()).build(), () -> null);
            long plain = EmailState.serde().serializer().serialize("", withoutBytes).length;
            assertThat(h.emailStateBytes("m3")).isGreaterThan(plain + "kic.email-events".length() + 15);
        }
    }

    @Test
    void duplicateOfAnEventOfAnEmailHandledLongAgoChangesNothing() {
        try (TopologyHarness h = new TopologyHarness("2023-05-01T12:00:00+02:00")) {
            h.email("r1", "done", RECEIVED, "2023-03-06T10:00:00+01:00", null, null, null);
            h.email("a1", "done", ANSWERED, "2023-03-07T10:00:00+01:00", null, null, null);
            h.email("later", RECEIVED, "2023-04-17T10:00:00+02:00"); // past the e-mail retention: "done" becomes a compact record
            assertThat(h.emailStateHeld("done")).isFalse();
            h.email("a1", "done", ANSWERED, "2023-03-13T10:00:00+01:00", null, null, null); // same id, a late time
            assertThat(h.metrics.duplicatesDroppedCount(PipelineMetrics.Kind.EMAIL)).isEqualTo(1);
            assertThat(h.emailRow(Granularity.DAY, "ALL", MONDAY).answeredOnTime()).isEqualTo(1);
        }
    }

    @Test
    void handledMailLeavesTheStateStoreAtTheFirstPurgeThirtyDaysAfterItsLastEventAndOpenMailStays() {
        // Its compact record stays: a late event of it is judged again exactly.
        try (TopologyHarness h = new TopologyHarness("2023-05-01T12:00:00+02:00")) {
            h.email("done", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("done", ANSWERED, "2023-03-07T10:00:00+01:00");
            h.email("open", RECEIVED, "2023-03-06T10:00:00+01:00");
            h.email("later", RECEIVED, "2023-04-06T10:00:00+02:00"); // event time 30 days on: "done" expires
            h.email("later", ACKNOWLEDGED, "2023-04-07T10:00:00+02:00");
            assertThat(h.emailStateHeld("done")).isTrue(); // expired, but purges run once a week of event time
            h.email("next-week", RECEIVED, "2023-04-17T10:00:00+02:00");
            assertThat(h.emailStateHeld("done")).isFalse();
            assertThat(h.emailStateHeld("open")).isTrue();
            assertThat(h.emailRow(Granularity.DAY, "ALL", MONDAY).answered()).isEqualTo(1); // the figures stay

            h.email("done", ACKNOWLEDGED, "2023-03-06T10:30:00+01:00"); // late, for an e-mail whose full state has gone
            assertThat(h.metrics.tooLateCount(PipelineMetrics.Kind.EMAIL)).isZero();
            assertThat(h.emailRow(Granularity.DAY, "ALL", MONDAY).acknowledgedOnTime()).isEqualTo(1); // 30 minutes after receipt
            assertThat(h.emailRow(Granularity.DAY, "ALL", MONDAY).answered()).isEqualTo(1);
        }
    }
}
