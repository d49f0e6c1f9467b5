package nl.kic.analytics.domain.callers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.contacts.ContactState;
import nl.kic.analytics.domain.contacts.Contacts;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller figures' definitions (docs/metrics.md, "Callers"), each on a few contacts worked out by
 * hand, through the whole topology. Times are Europe/Amsterdam: +01:00 in March 2023, +02:00 in April.
 */
class CallerFiguresTest {
    private TopologyHarness harness = new TopologyHarness("2023-05-01T12:00:00+02:00");
    private int eventSequence;

    @AfterEach
    void close() {
        harness.close();
    }

    /** A fresh topology with its clock at {@code clockStart} and one setting changed. */
    private void restartWith(String clockStart, String setting, String value) {
        harness.close();
        harness = new TopologyHarness(clockStart, p -> {
            p.setProperty(setting, value);
            return p;
        });
    }

    private void event(String contactId, String key, ContactEventType type, String queue, String at) {
        event("e" + (++eventSequence), contactId, key, type, queue, at);
    }

    private void event(String eventId, String contactId, String key, ContactEventType type, String queue, String at) {
        reasoned(eventId, contactId, key, type, queue, at, null);
    }

    private void reasoned(String eventId, String contactId, String key, ContactEventType type, String queue, String at, String reason) {
        harness.send(ContactEvent.newBuilder().setEventId(eventId).setContactId(contactId).setChannel(Channel.CALL).setType(type)
                .setQueue(queue).setOccurredAt(OffsetDateTime.parse(at).toInstant()).setCallerKey(key).setReason(reason).build());
    }

    /** An answered call whose agent gave it a reason at its end, {@code talkSeconds} after the answer. */
    private void answeredWithReason(String contactId, String key, String at, int talkSeconds, String reason) {
        answered(contactId, key, "asiel", at, 60);
        reasoned("end-" + contactId, contactId, null, ContactEventType.ENDED, "asiel",
                OffsetDateTime.parse(at).plusSeconds(60 + talkSeconds).toString(), reason);
    }

    /** A call of caller {@code key} offered at {@code at} and answered after {@code waitSeconds}. */
    private void answered(String contactId, String key, String queue, String at, int waitSeconds) {
        event(contactId, key, ContactEventType.OFFERED, queue, at);
        event(contactId, null, ContactEventType.ANSWERED, queue, OffsetDateTime.parse(at).plusSeconds(waitSeconds).toString());
    }

    private void abandoned(String contactId, String key, String queue, String at, int waitSeconds) {
        event(contactId, key, ContactEventType.OFFERED, queue, at);
        event(contactId, null, ContactEventType.ABANDONED, queue, OffsetDateTime.parse(at).plusSeconds(waitSeconds).toString());
    }

    private CallerMetricsRow row(Granularity granularity, String queue, String start) {
        return harness.queries().callerMetrics().rows(granularity, null, null, Channel.CALL, queue).stream()
                .filter(r -> r.intervalStart().toInstant().equals(OffsetDateTime.parse(start).toInstant()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + granularity.label() + " caller row " + queue + " at " + start));
    }

    private CallerCounts counts(Granularity granularity, String queue, String start) {
        return row(granularity, queue, start).counts();
    }

    @Test
    void oneCallerWithThreeAttemptsInTwoQueuesIsOneCallerInEachRow() {
        abandoned("c1", "K", "asiel", "2023-03-01T09:00:00+01:00", 60);
        abandoned("c2", "K", "werk", "2023-03-01T10:00:00+01:00", 120);
        answered("c3", "K", "asiel", "2023-03-01T11:00:00+01:00", 30);

        // asiel: c1 abandoned, c3 answered: reached, not at the first attempt, within a working day; two attempts
        assertThat(counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00"))
                .isEqualTo(new CallerCounts(1, 1, 0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0));
        // werk: c2 only, abandoned: never reached, one attempt
        assertThat(counts(Granularity.DAY, "werk", "2023-03-01T00:00:00+01:00"))
                .isEqualTo(new CallerCounts(1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        // ALL: one person, three attempts, reached at the third
        assertThat(counts(Granularity.DAY, "ALL", "2023-03-01T00:00:00+01:00"))
                .isEqualTo(new CallerCounts(1, 1, 0, 1, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        // the week (Monday 27 February) and the month hold the same person once
        assertThat(counts(Granularity.WEEK, "ALL", "2023-02-27T00:00:00+01:00").callers()).isEqualTo(1);
        assertThat(counts(Granularity.MONTH, "ALL", "2023-03-01T00:00:00+01:00").attempts()).isEqualTo(3);
        CallerMetricsRow year = row(Granularity.YEAR, "ALL", "2023-01-01T00:00:00+01:00");
        assertThat(year.counts().callers()).isEqualTo(1);
        assertThat(year.spansKeyMonths()).isTrue();
        assertThat(row(Granularity.MONTH, "ALL", "2023-03-01T00:00:00+01:00").spansKeyMonths()).isFalse();
        // the week of 27 February spans February and March
        assertThat(row(Granularity.WEEK, "ALL", "2023-02-27T00:00:00+01:00").spansKeyMonths()).isTrue();
    }

    @Test
    void aCallerKeyMayStartWithADash() {
        // base64url keys start with '-' one time in 64; such a caller is a caller like any other
        answered("c1", "-Ab3xYz", "asiel", "2023-03-01T09:00:00+01:00", 30);
        CallerCounts day = counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00");
        assertThat(List.of(day.callers(), day.unidentifiedContacts())).containsExactly(1L, 0L);
    }

    @Test
    void aShortAbandonIsNoAttemptAndAContactWithoutAKeyIsUnidentified() {
        abandoned("c1", "K", "asiel", "2023-03-01T09:00:00+01:00", 3); // below the 5 s threshold
        answered("c2", null, "asiel", "2023-03-01T09:10:00+01:00", 20);
        abandoned("c3", null, "asiel", "2023-03-01T09:20:00+01:00", 3); // a short abandon: not even unidentified

        CallerCounts day = counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00");
        assertThat(day.callers()).isZero();
        assertThat(day.attempts()).isZero();
        assertThat(day.unidentifiedContacts()).isEqualTo(1);
        assertThat(counts(Granularity.DAY, "ALL", "2023-03-01T00:00:00+01:00").unidentifiedContacts()).isEqualTo(1);
    }

    @Test
    void shortAbandonsAreAttemptsWhenTheyCountInReachability() {
        restartWith("2023-05-01T12:00:00+02:00", "kic.exclude-short-abandoned", "false");
        abandoned("c1", "K", "asiel", "2023-03-01T09:00:00+01:00", 3);
        assertThat(counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00"))
                .isEqualTo(new CallerCounts(1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRepeatIsAnotherAttemptWithinSevenDaysOfTheAnswer() {
        // K answered at 10:00:30 on 1 March, calls again 6 days 23 hours later: a repeat.
        answered("k1", "K", "asiel", "2023-03-01T10:00:00+01:00", 30);
        abandoned("k2", "K", "asiel", "2023-03-08T09:00:30+01:00", 60);
        // L answered at 10:00:30 on 1 March, calls again 7 days 1 hour later: no repeat.
        answered("l1", "L", "asiel", "2023-03-01T10:00:00+01:00", 30);
        abandoned("l2", "L", "asiel", "2023-03-08T11:00:30+01:00", 60);
        // M answered, calls again within the hour in another queue: a repeat in ALL, not in asiel.
        answered("m1", "M", "asiel", "2023-03-01T10:00:00+01:00", 30);
        answered("m2", "M", "werk", "2023-03-01T10:30:00+01:00", 30);

        assertThat(counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00").repeatAfterAnswer()).isEqualTo(1); // K
        assertThat(counts(Granularity.DAY, "ALL", "2023-03-01T00:00:00+01:00").repeatAfterAnswer()).isEqualTo(2); // K and M
        assertThat(counts(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00").repeatAfterAnswer()).isEqualTo(1);
        // the day of the second attempts: K and L there have no answered attempt
        assertThat(counts(Granularity.DAY, "asiel", "2023-03-08T00:00:00+01:00").repeatAfterAnswer()).isZero();
    }

    @Test
    void withinOneWorkingDayRunsOverTheWeekendAndKoningsdag() {
        // Friday 3 March, first attempt; Monday 6 March is the next working day: answered 23:30 Monday counts, 00:30 Tuesday not.
        abandoned("a1", "A", "asiel", "2023-03-03T10:00:00+01:00", 60);
        answered("a2", "A", "asiel", "2023-03-06T23:30:00+01:00", 10);
        abandoned("b1", "B", "werk", "2023-03-03T10:00:00+01:00", 60);
        answered("b2", "B", "werk", "2023-03-07T00:30:00+01:00", 10);
        // Wednesday 26 April, first attempt; Thursday 27 April is Koningsdag, so Friday 28 April is the next working day.
        abandoned("c1", "C", "studie", "2023-04-26T10:00:00+02:00", 60);
        answered("c2", "C", "studie", "2023-04-28T23:00:00+02:00", 10);
        abandoned("d1", "D", "regulier", "2023-04-26T10:00:00+02:00", 60);
        answered("d2", "D", "regulier", "2023-04-29T09:00:00+02:00", 10);

        assertThat(counts(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00").reachedWithin1WorkingDay()).isEqualTo(1);
        assertThat(counts(Granularity.MONTH, "werk", "2023-03-01T00:00:00+01:00").reachedWithin1WorkingDay()).isZero();
        assertThat(counts(Granularity.MONTH, "studie", "2023-04-01T00:00:00+02:00").reachedWithin1WorkingDay()).isEqualTo(1);
        assertThat(counts(Granularity.MONTH, "regulier", "2023-04-01T00:00:00+02:00").reachedWithin1WorkingDay()).isZero();
        // all four reached, none at the first attempt
        assertThat(counts(Granularity.MONTH, "werk", "2023-03-01T00:00:00+01:00").reached()).isEqualTo(1);
        assertThat(counts(Granularity.MONTH, "regulier", "2023-04-01T00:00:00+02:00").reachedFirstAttempt()).isZero();
        // In the day row of Saturday 29 April D's only attempt there is answered: reached at its first attempt of that row.
        assertThat(counts(Granularity.DAY, "regulier", "2023-04-29T00:00:00+02:00").reachedFirstAttempt()).isEqualTo(1);
    }

    @Test
    void aLateAnswerTurnsNeverReachedIntoReached() {
        harness.clock.set("2023-03-01T09:30:00+01:00");
        event("c1", "K", ContactEventType.OFFERED, "asiel", "2023-03-01T09:00:00+01:00");
        CallerCounts open = counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00");
        // eight hours after OFFERED without an outcome the contact is lost, once the clock's check runs
        harness.clock.set("2023-03-01T17:00:01+01:00");
        harness.runClockCheck();
        CallerCounts lost = counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00");
        event("c1", null, ContactEventType.ANSWERED, "asiel", "2023-03-01T09:02:00+01:00");
        CallerCounts reached = counts(Granularity.DAY, "asiel", "2023-03-01T00:00:00+01:00");

        assertThat(List.of(open.stillOpen(), open.openAttempts(), open.neverReached())).containsExactly(1L, 1L, 0L);
        assertThat(List.of(lost.stillOpen(), lost.neverReached(), lost.reached())).containsExactly(0L, 1L, 0L);
        assertThat(List.of(reached.neverReached(), reached.reached(), reached.reachedFirstAttempt())).containsExactly(0L, 1L, 1L);
    }

    @Test
    void duplicatesChangeNothing() {
        event("d1", "c1", "K", ContactEventType.OFFERED, "asiel", "2023-03-01T09:00:00+01:00");
        event("d2", "c1", null, ContactEventType.ANSWERED, "asiel", "2023-03-01T09:01:00+01:00");
        CallerCounts once = counts(Granularity.DAY, "ALL", "2023-03-01T00:00:00+01:00");
        event("d1", "c1", "K", ContactEventType.OFFERED, "asiel", "2023-03-01T09:00:00+01:00");
        event("d2", "c1", null, ContactEventType.ANSWERED, "asiel", "2023-03-01T09:01:00+01:00");
        assertThat(counts(Granularity.DAY, "ALL", "2023-03-01T00:00:00+01:00")).isEqualTo(once);
        assertThat(once).isEqualTo(new CallerCounts(1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRowIsFinalOnceItsMonthCannotChangeAndTruncatedWhenTheRepeatWindowLeavesTheMonth() {
        answered("c1", "K", "asiel", "2023-03-30T10:00:00+02:00", 30); // the 7 days after run into April
        CallerMetricsRow march = row(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00");
        assertThat(march.repeatWindowTruncated()).isTrue();
        assertThat(march.finalRow()).isFalse();
        // 1 April + 7 days + 35 days = 13 May 00:00 (+02:00): final after that
        harness.clock.set("2023-05-13T00:10:00+02:00");
        assertThat(row(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00").finalRow()).isTrue();
        // With the clock past that moment a change of that month is too late for the caller figures; the contact figures take it.
        answered("c2", "K", "asiel", "2023-03-30T11:00:00+02:00", 30);
        assertThat(counts(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00").attempts()).isEqualTo(1);
        assertThat(harness.metrics.tooLateForCallersCount()).as("two changes: offered, then answered").isEqualTo(2);
        assertThat(harness.row(Granularity.MONTH, Channel.CALL, "asiel", "2023-03-01T00:00:00+01:00").answered()).isEqualTo(2);
    }

    @Test
    void aReplayKeepsEveryMonthsCallersWhileItsClockStandsAtItsEnd() {
        // A replay's clock is its latest event, months after March: on it March would be closed.
        restartWith("2023-09-01T12:00:00+02:00", "kic.callers.keep-all-months", "true");
        answered("c1", "K", "asiel", "2023-03-30T10:00:00+02:00", 30);
        abandoned("c2", "K", "asiel", "2023-03-31T10:00:00+02:00", 60);
        CallerCounts march = counts(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00");
        assertThat(march.callers()).isEqualTo(1);
        assertThat(march.attempts()).isEqualTo(2);
        assertThat(march.repeatAfterAnswer()).isEqualTo(1);
        assertThat(harness.metrics.tooLateForCallersCount()).isZero();
        // The row is final all the same: on the clock no change of March can come any more.
        assertThat(row(Granularity.MONTH, "asiel", "2023-03-01T00:00:00+01:00").finalRow()).isTrue();
        // Compacted, a contact keeps its key to the end as well (c1's full state goes after 7 days of stream time).
        answered("x1", "X", "werk", "2023-04-20T09:00:00+02:00", 30);
        assertThat(harness.reader().store(Contacts.JUDGED).get("c1").hasCallerKey()).isTrue();
    }

    @Test
    void reasonRowsCountContactsAnswersRepeatsAndTalkTimePerReason() {
        answeredWithReason("k1", "K", "2023-03-01T09:00:00+01:00", 300, "verlenging");
        abandoned("k2", "K", "asiel", "2023-03-03T09:00:00+01:00", 60); // K again within 7 days of the answer
        answeredWithReason("l1", "L", "2023-03-01T10:00:00+01:00", 100, "verlenging");
        answeredWithReason("w1", null, "2023-03-01T11:00:00+01:00", 200, "biometrie"); // withheld
        // M chose "verlenging" in the voice menu and hung up
        reasoned("m-offered", "m1", "M", ContactEventType.OFFERED, "asiel", "2023-03-01T12:00:00+01:00", "verlenging");
        event("m1", null, ContactEventType.ABANDONED, "asiel", "2023-03-01T12:01:00+01:00");

        List<ReasonMetricsRow> day = harness.queries().reasonMetrics().rows(Granularity.DAY, null, null, Channel.CALL, "asiel").stream()
                .filter(r -> r.intervalStart().toLocalDate().toString().equals("2023-03-01")).toList();
        assertThat(day).extracting(ReasonMetricsRow::reason).containsExactly("biometrie", "verlenging");
        // verlenging: k1, l1 and m1; k1 and l1 answered, both with a key, k1 followed by k2; talk 300 + 100 s over two
        assertThat(day.get(1).counts()).isEqualTo(new ReasonCounts(3, 2, 2, 1, 400_000, 2));
        // the answered contacts of asiel that day: k1, l1 and w1
        assertThat(day.get(1).answeredInInterval()).isEqualTo(3);
        assertThat(day.get(0).counts()).isEqualTo(new ReasonCounts(1, 1, 0, 0, 200_000, 1));
        // ALL holds the same contacts here (one queue); k2 has no reason and is in no reason row
        assertThat(harness.queries().reasonMetrics().rows(Granularity.MONTH, null, null, Channel.CALL, "ALL"))
                .extracting(ReasonMetricsRow::reason, r -> r.counts().contacts()).containsExactly(
                        tuple("biometrie", 1L), tuple("verlenging", 3L));
    }

    @Test
    void reasonRowsOfWeeksAndMonthsAreTheSumsOfTheirDaysAndAnEarlierFormatsWeekRowsGo() {
        // A week row as a store of the first format kept it (version 1, 50 contacts): gone at the first record.
        long weekStart = OffsetDateTime.parse("2023-02-27T00:00:00+01:00").toInstant().toEpochMilli();
        harness.<org.apache.kafka.common.utils.Bytes, byte[]>store(Callers.REASON_ROWS.name())
                .put(new nl.kic.analytics.domain.intervals.IntervalKey(Granularity.WEEK, weekStart, "CALL|asiel|verlenging").toBytes(),
                        new byte[] {1, 100, 100, 100, 0, 0, 0});
        answeredWithReason("k1", "K", "2023-03-01T09:00:00+01:00", 100, "verlenging"); // Wednesday
        answeredWithReason("l1", "L", "2023-03-02T09:00:00+01:00", 100, "verlenging"); // Thursday, the same week
        answeredWithReason("n1", "N", "2023-03-08T09:00:00+01:00", 100, "verlenging"); // the next week

        List<ReasonMetricsRow> weeks = harness.queries().reasonMetrics().rows(Granularity.WEEK, null, null, Channel.CALL, "asiel");
        assertThat(weeks).extracting(r -> r.intervalStart().toLocalDate().toString(), ReasonMetricsRow::counts).containsExactly(
                tuple("2023-02-27", new ReasonCounts(2, 2, 2, 0, 200_000, 2)), tuple("2023-03-06", new ReasonCounts(1, 1, 1, 0, 100_000, 1)));
        assertThat(harness.queries().reasonMetrics().rows(Granularity.MONTH, null, null, Channel.CALL, "asiel"))
                .extracting(ReasonMetricsRow::counts).containsExactly(new ReasonCounts(3, 3, 3, 0, 300_000, 3));
        assertThat(harness.queries().reasonMetrics().rows(Granularity.YEAR, null, null, Channel.CALL, "asiel"))
                .extracting(ReasonMetricsRow::counts).containsExactly(new ReasonCounts(3, 3, 3, 0, 300_000, 3));
        // Kept: per day, (asiel, ALL) × (verlenging, every reason), on three days.
        assertThat(harness.entries(Callers.REASON_ROWS.name())).isEqualTo(2 * 2 * 3);
    }

    @Test
    void aCompactRecordForgetsItsCallerKeyWhenTheCallerFiguresCanNoLongerChange() {
        answered("c1", "K", "asiel", "2023-03-01T09:00:00+01:00", 30);
        // Stream time moves on three weeks (a purge every 7 days): c1's full state, kept 7 days, becomes a compact record.
        answered("x1", "X", "werk", "2023-03-20T09:00:00+01:00", 30);
        ContactState compact = harness.reader().store(Contacts.JUDGED).get("c1");
        assertThat(compact).isNotNull();
        assertThat(compact.hasCallerKey()).as("kept while March can change: until 13 May").isTrue();
        // Once event time passes 1 April + 7 days + 35 days, the next purge forgets the key.
        harness.clock.set("2023-05-13T12:00:00+02:00");
        answered("x2", "X", "werk", "2023-05-13T09:00:00+02:00", 30);
        ContactState forgotten = harness.reader().store(Contacts.JUDGED).get("c1");
        assertThat(forgotten.hasCallerKey()).isFalse();
        assertThat(forgotten.counted().callerKey()).isNull();
        assertThat(forgotten.counted().status()).isEqualTo(Contribution.Status.ANSWERED);
        // A late event of c1 now changes the contact figures, and neither the people nor the unidentified contacts of March.
        CallerCounts march = counts(Granularity.MONTH, "ALL", "2023-03-01T00:00:00+01:00");
        event("c1", null, ContactEventType.ENDED, "asiel", "2023-03-01T09:05:00+01:00");
        assertThat(counts(Granularity.MONTH, "ALL", "2023-03-01T00:00:00+01:00")).isEqualTo(march);
        assertThat(harness.row(Granularity.MONTH, Channel.CALL, "asiel", "2023-03-01T00:00:00+01:00").ahtSeconds()).isEqualTo(270.0);
    }

    @Test
    void aReasonNotShapedLikeAQueueNameRefusesItsEventWithoutEchoingIt() {
        reasoned("r1", "c1", "K", ContactEventType.OFFERED, "asiel", "2023-03-01T09:00:00+01:00", "=HYPERLINK(0612345678)");
        var deadLetters = harness.deadLetters();
        assertThat(deadLetters).hasSize(1);
        String reason = new String(deadLetters.get(0).headers().lastHeader("kic.dlq.reason").value(), StandardCharsets.UTF_8);
        String message = new String(deadLetters.get(0).headers().lastHeader("kic.dlq.error").value(), StandardCharsets.UTF_8);
        assertThat(reason).isEqualTo("invalid_name");
        assertThat(message).contains("reason").doesNotContain("0612345678").doesNotContain("HYPERLINK");
        assertThat(harness.queries().callerMetrics().allRows()).isEmpty();
    }

    @Test
    void quarterHoursAndHoursAreRefused() {
        assertThatThrownBy(() -> harness.queries().callerMetrics().rows(Granularity.FIFTEEN_MINUTES, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("day, week, month or year");
    }
}
