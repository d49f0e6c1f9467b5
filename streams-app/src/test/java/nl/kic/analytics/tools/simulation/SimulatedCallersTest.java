package nl.kic.analytics.tools.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.checks.NameRule;
import nl.kic.analytics.platform.config.KicConfig;
import org.junit.jupiter.api.Test;

/**
 * The simulated callers, counted from the events alone: the share of withheld numbers, one contact per
 * caller key without redials, a reason on every answered call, and with redials the shares of callers
 * who call again within the hour, later that day and after an answer, as configured.
 */
class SimulatedCallersTest {
    private static final KicConfig CONFIG = KicConfig.defaults();
    private static final ZoneId ZONE = CONFIG.zone();
    private static final long HOUR = 3_600_000;

    /** One call as its events tell it. */
    private static final class Call {
        String queue;
        String key;
        long contactAt = Long.MAX_VALUE;
        long lostAt = -1;
        long answeredAt = -1;
        final List<String> reasons = new ArrayList<>();
    }

    private static Map<String, Call> simulate(boolean redials, LocalDate from, int days) {
        SimulationConfig simulation = SimulationConfig.kicDefaults(5).withRedials(redials);
        Map<String, Call> calls = new HashMap<>();
        new KicSimulator(simulation, CONFIG.calendar(), ZONE, from, event -> {
            if (event instanceof ContactEvent e && e.getChannel() == Channel.CALL) {
                Call call = calls.computeIfAbsent(e.getContactId(), id -> new Call());
                long at = e.getOccurredAt().toEpochMilli();
                call.queue = e.getQueue();
                if (e.getType() == ContactEventType.OFFERED || e.getType() == ContactEventType.REJECTED) {
                    call.contactAt = Math.min(call.contactAt, at);
                    if (e.getCallerKey() != null) {
                        call.key = e.getCallerKey();
                    }
                }
                if (e.getType() == ContactEventType.ABANDONED || e.getType() == ContactEventType.REJECTED) {
                    call.lostAt = at;
                }
                if (e.getType() == ContactEventType.ANSWERED) {
                    call.answeredAt = at;
                }
                if (e.getReason() != null) {
                    call.reasons.add(e.getType() + " " + e.getReason());
                }
            }
        }).runDaysUntil(from.plusDays(days));
        return calls;
    }

    @Test
    void withoutRedialsEveryCallerCallsOnceAndEveryAnsweredCallHasOneReasonOfTheQueueNameShape() {
        Map<String, Call> calls = simulate(false, LocalDate.of(2023, 3, 6), 3);
        Map<String, Integer> callsPerKey = new HashMap<>();
        calls.values().stream().filter(c -> c.key != null).forEach(c -> callsPerKey.merge(c.key, 1, Integer::sum));
        assertThat(callsPerKey).isNotEmpty().allSatisfy((key, count) -> {
            assertThat(count).isOne();
            assertThat(key).matches("[A-Za-z0-9_-]{22}");
        });
        double withheld = (double) calls.values().stream().filter(c -> c.key == null).count() / calls.size();
        assertThat(withheld).isCloseTo(0.08, within(0.01));

        NameRule names = CONFIG.nameRule();
        Map<String, Integer> naturalisatie = new HashMap<>();
        for (Call call : calls.values()) {
            if (call.answeredAt >= 0) {
                assertThat(call.reasons).hasSize(1).first().asString().startsWith("ENDED ");
                String reason = call.reasons.get(0).substring("ENDED ".length());
                assertThat(names.check("reason", reason)).isEqualTo(reason).isLowerCase();
                if (call.queue.equals("naturalisatie")) {
                    naturalisatie.merge(reason, 1, Integer::sum);
                }
            } else {
                assertThat(call.reasons).isEmpty();
            }
        }
        // The naturalisation queue's calls are mostly about naturalisation (weight 0.70 of 1).
        int answered = naturalisatie.values().stream().mapToInt(Integer::intValue).sum();
        assertThat((double) naturalisatie.get("naturalisatie") / answered).isCloseTo(0.70, within(0.05));
    }

    @Test
    void withRedialsLostCallersCallAgainWithinTheHourAndThatDayAndAnsweredOnesWithinSevenDaysAsConfigured() {
        LocalDate from = LocalDate.of(2023, 6, 5);
        int days = 19; // to 23 June: one calendar month, so a caller keeps its key throughout
        SimulationConfig.Redials configured = SimulationConfig.Redials.KIC;
        Map<String, Call> calls = simulate(true, from, days);
        Map<String, TreeSet<Long>> contactsByKey = new HashMap<>();
        calls.values().stream().filter(c -> c.key != null).forEach(c -> contactsByKey.computeIfAbsent(c.key, k -> new TreeSet<>()).add(c.contactAt));

        long lost = 0;
        long againWithinHour = 0;
        long againLaterThatDay = 0;
        long answered = 0;
        long againWithinSevenDays = 0;
        long lastAnswerCounted = from.plusDays(days - 7).atStartOfDay(ZONE).toInstant().toEpochMilli();
        for (Call call : calls.values()) {
            if (call.key == null) {
                continue;
            }
            if (call.lostAt >= 0) {
                // Losses with a whole hour of opening time left that day (the centre closes at 17:00).
                LocalTime lostTime = Instant.ofEpochMilli(call.lostAt).atZone(ZONE).toLocalTime();
                if (lostTime.isBefore(LocalTime.of(16, 0))) {
                    lost++;
                    Long next = contactsByKey.get(call.key).higher(call.lostAt);
                    if (next != null && next - call.lostAt <= HOUR) {
                        againWithinHour++;
                    } else if (next != null && sameDay(next, call.lostAt)) {
                        againLaterThatDay++;
                    }
                }
            }
            if (call.answeredAt >= 0 && call.answeredAt < lastAnswerCounted) {
                answered++;
                Long next = contactsByKey.get(call.key).higher(call.answeredAt);
                if (next != null && next - call.answeredAt <= Duration.ofDays(7).toMillis()) {
                    againWithinSevenDays++;
                }
            }
        }
        assertThat(lost).isGreaterThan(5_000);
        assertThat(answered).isGreaterThan(5_000);
        assertThat((double) againWithinHour / lost).isCloseTo(configured.afterLossWithinHourShare(), within(0.03));
        assertThat((double) againLaterThatDay / lost).isCloseTo(configured.afterLossLaterThatDayShare(), within(0.03));
        assertThat((double) againWithinSevenDays / answered).isCloseTo(configured.afterAnswerShare(), within(0.03));
    }

    @Test
    void aCallersKeyIsTheSameWithinTheCalendarMonthInTheZoneAndNewTheNextMonth() {
        CallerPolicy policy = new CallerPolicy(SimulationConfig.Callers.KIC, CONFIG.calendar(), ZoneId.of("Europe/Amsterdam"),
                LocalTime.of(9, 0), 8, new Random(1), "s1-");
        ContactCentreModel.Caller caller = new ContactCentreModel.Caller(7, false, "overig");
        // 21:59 UTC on 30 June is 23:59 in Amsterdam (June); 22:30 UTC is 00:30 on 1 July.
        String june = policy.key(caller, Instant.parse("2023-06-01T07:00:00Z").toEpochMilli());
        assertThat(policy.key(caller, Instant.parse("2023-06-30T21:59:00Z").toEpochMilli())).isEqualTo(june);
        assertThat(policy.key(caller, Instant.parse("2023-06-30T22:30:00Z").toEpochMilli())).isNotEqualTo(june)
                .isEqualTo(policy.key(7, YearMonth.of(2023, 7)));
        assertThat(policy.key(new ContactCentreModel.Caller(8, false, "overig"), Instant.parse("2023-06-01T07:00:00Z").toEpochMilli()))
                .isNotEqualTo(june);
        assertThat(policy.key(new ContactCentreModel.Caller(7, true, "overig"), Instant.parse("2023-06-01T07:00:00Z").toEpochMilli())).isNull();
    }

    private static boolean sameDay(long a, long b) {
        return Instant.ofEpochMilli(a).atZone(ZONE).toLocalDate().equals(Instant.ofEpochMilli(b).atZone(ZONE).toLocalDate());
    }
}
