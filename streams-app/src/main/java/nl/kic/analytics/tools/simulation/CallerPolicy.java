package nl.kic.analytics.tools.simulation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.time.WorkingDayCalendar;

/**
 * The callers of the simulated KiC ({@link SimulationConfig.Callers}): every call is made by a
 * caller, a share of whom withhold their number (no key). A caller's key has the shape of the
 * importer's pseudonyms (22 characters of base64url), the same within a calendar month in the zone
 * and new the next month. A caller has one matter, the reason an agent records when the call is
 * answered, drawn per queue from the KiC's usual reasons. With redials on, a lost caller calls again
 * within the hour or later that day, and an answered one now and then on one of the next days.
 * Draws come from a random source of their own, so that with redials off the calls themselves are
 * exactly those of the model without callers.
 */
final class CallerPolicy implements ContactCentreModel.Callers {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    /** A repeat contact after an answer falls on one of this many next days, so always within seven days. */
    private static final int REPEAT_DAYS = 6;

    /** The reasons of the KiC's call queues with their weights; a queue not listed takes those of {@code algemeen}. */
    static final Map<String, Map<String, Double>> REASONS = Map.of(
            "regulier", weights("verblijfsvergunning", 0.40, "status-aanvraag", 0.25, "biometrie", 0.15, "gezinshereniging", 0.12,
                    "overig", 0.08),
            "asiel", weights("status-aanvraag", 0.45, "verblijfsvergunning", 0.20, "gezinshereniging", 0.25, "overig", 0.10),
            "werk", weights("verblijfsvergunning", 0.50, "status-aanvraag", 0.30, "biometrie", 0.10, "overig", 0.10),
            "studie", weights("verblijfsvergunning", 0.45, "status-aanvraag", 0.30, "biometrie", 0.15, "overig", 0.10),
            "naturalisatie", weights("naturalisatie", 0.70, "status-aanvraag", 0.20, "overig", 0.10),
            "algemeen", weights("status-aanvraag", 0.25, "verblijfsvergunning", 0.20, "biometrie", 0.15, "naturalisatie", 0.10,
                    "gezinshereniging", 0.10, "overig", 0.20));

    private final SimulationConfig.Callers settings;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final LocalTime opening;
    private final long openMillis;
    private final Random random;
    private final String keySalt;
    private long callers;
    private long endMillis = Long.MAX_VALUE;

    /**
     * {@code opening} and {@code openHours}: when calls come in on a working day; {@code keySalt} makes
     * the keys of one run (its seed and id prefix) its own.
     */
    CallerPolicy(SimulationConfig.Callers settings, WorkingDayCalendar calendar, ZoneId zone, LocalTime opening, int openHours,
                 Random random, String keySalt) {
        this.settings = settings;
        this.calendar = calendar;
        this.zone = zone;
        this.opening = opening;
        this.openMillis = openHours * HOUR;
        this.random = random;
        this.keySalt = keySalt;
    }

    /** No caller calls again at or after {@code timeMillis}: the end of a simulated period. */
    void noRedialsFrom(long timeMillis) {
        this.endMillis = timeMillis;
    }

    @Override
    public ContactCentreModel.Caller newCaller(ContactCentreModel.Queue queue, long timeMillis) {
        if (queue.channel() != Channel.CALL) {
            return null;
        }
        boolean withheld = random.nextDouble() < settings.withheldShare();
        return new ContactCentreModel.Caller(++callers, withheld, draw(REASONS.getOrDefault(queue.name(), REASONS.get("algemeen"))));
    }

    @Override
    public String key(ContactCentreModel.Caller caller, long timeMillis) {
        return caller.withheld() ? null : key(caller.number(), YearMonth.from(Instant.ofEpochMilli(timeMillis).atZone(zone)));
    }

    /** The key of caller {@code number} in {@code month}: 16 bytes of SHA-256 in base64url, as the importer's pseudonyms look. */
    String key(long number, YearMonth month) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((keySalt + "\u0000" + number + "\u0000" + month).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public long redialAfterLoss(ContactCentreModel.Caller caller, long lostAt) {
        SimulationConfig.Redials redials = settings.redials();
        if (!redials.enabled()) {
            return -1;
        }
        double draw = random.nextDouble();
        long at;
        if (draw < redials.afterLossWithinHourShare()) {
            long within = 2 * MINUTE + (long) (random.nextDouble() * 58 * MINUTE);
            at = lostAt + within <= closing(lostAt) ? lostAt + within : nextOpening(lostAt) + (long) (random.nextDouble() * HOUR);
        } else if (draw < redials.afterLossWithinHourShare() + redials.afterLossLaterThatDayShare()) {
            long from = lostAt + HOUR;
            long closing = closing(lostAt);
            at = from < closing ? from + (long) (random.nextDouble() * (closing - from))
                    : nextOpening(lostAt) + (long) (random.nextDouble() * openMillis);
        } else {
            return -1;
        }
        return at < endMillis ? at : -1;
    }

    @Override
    public long redialAfterAnswer(ContactCentreModel.Caller caller, long answeredAt) {
        SimulationConfig.Redials redials = settings.redials();
        if (!redials.enabled() || random.nextDouble() >= redials.afterAnswerShare()) {
            return -1;
        }
        LocalDate day = Instant.ofEpochMilli(answeredAt).atZone(zone).toLocalDate();
        List<LocalDate> workingDays = new ArrayList<>();
        for (int i = 1; i <= REPEAT_DAYS; i++) {
            if (calendar.isWorkingDay(day.plusDays(i))) {
                workingDays.add(day.plusDays(i));
            }
        }
        if (workingDays.isEmpty()) {
            return -1;
        }
        long at = openingOf(workingDays.get(random.nextInt(workingDays.size()))) + (long) (random.nextDouble() * openMillis);
        return at < endMillis ? at : -1;
    }

    /** The end of the opening hours of the day of {@code timeMillis} (its start when that is no working day). */
    private long closing(long timeMillis) {
        LocalDate day = Instant.ofEpochMilli(timeMillis).atZone(zone).toLocalDate();
        return calendar.isWorkingDay(day) ? openingOf(day) + openMillis : openingOf(day);
    }

    /** The opening of the first working day after the day of {@code timeMillis}. */
    private long nextOpening(long timeMillis) {
        LocalDate day = Instant.ofEpochMilli(timeMillis).atZone(zone).toLocalDate().plusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return openingOf(day);
    }

    private long openingOf(LocalDate day) {
        return day.atTime(opening).atZone(zone).toInstant().toEpochMilli();
    }

    private String draw(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double u = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            last = weight.getKey();
            u -= weight.getValue();
            if (u < 0) {
                return last;
            }
        }
        return last;
    }

    /** Reasons and weights in their order (so that draws are the same on every run). */
    private static Map<String, Double> weights(Object... reasonsAndWeights) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < reasonsAndWeights.length; i += 2) {
            weights.put((String) reasonsAndWeights[i], (Double) reasonsAndWeights[i + 1]);
        }
        return weights;
    }
}
