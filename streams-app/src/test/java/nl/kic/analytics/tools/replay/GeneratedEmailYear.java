package nl.kic.analytics.tools.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.input.EventJson;

/**
 * A generated year (2023) of contact-form e-mail, about 60,000 gross, with the KiC's mix: spam,
 * must-answer mail that is always answered (or forwarded), general and dossier questions mostly
 * closed with a pointer to the website or the phone. The expected figures per category are counted
 * here from what was drawn, with a deadline computed independently from the published 2023 holidays.
 */
final class GeneratedEmailYear {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The days off of 2023 (and New Year 2024) as published on rijksoverheid.nl, Goede Vrijdag excluded. */
    private static final Set<LocalDate> DAYS_OFF = Set.of(
            LocalDate.parse("2023-01-01"), LocalDate.parse("2023-04-09"), LocalDate.parse("2023-04-10"),
            LocalDate.parse("2023-04-27"), LocalDate.parse("2023-05-05"), LocalDate.parse("2023-05-18"),
            LocalDate.parse("2023-05-28"), LocalDate.parse("2023-05-29"), LocalDate.parse("2023-12-25"),
            LocalDate.parse("2023-12-26"), LocalDate.parse("2024-01-01"));
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** Expected figures of one category (or ALL). */
    static final class Expected {
        long gross;
        long spam;
        long answered;
        long closedWithoutAnswer;
        long open;
        long acknowledgedOnTime;
        long answeredOnTime;
        long violations;
    }

    final Map<String, Expected> expected = new HashMap<>();
    final List<String> lines = new ArrayList<>();
    long duplicates;

    private record Drawn(EmailCategory category, boolean closedAsSpam, EmailComplexity complexity, long received,
                         Long acknowledged, Long interim, Long answered, Long closedWithoutAnswer) {
    }

    static GeneratedEmailYear generate(long seed, int emails) {
        Random random = new Random(seed);
        GeneratedEmailYear year = new GeneratedEmailYear();
        List<EmailEvent> stream = new ArrayList<>();
        List<Drawn> drawn = new ArrayList<>();
        long yearStart = LocalDate.of(2023, 1, 1).atStartOfDay(AMSTERDAM).toInstant().toEpochMilli();
        long yearLength = LocalDate.of(2024, 1, 1).atStartOfDay(AMSTERDAM).toInstant().toEpochMilli() - yearStart;
        for (int i = 0; i < emails; i++) {
            String id = "mail" + i;
            long received = yearStart + (long) (random.nextDouble() * yearLength);
            double r = random.nextDouble();
            EmailCategory category = r < 0.05 ? null : r < 0.18 ? EmailCategory.SPAM : r < 0.23 ? EmailCategory.URGENT
                    : r < 0.32 ? EmailCategory.OTHER_DEPARTMENT : r < 0.45 ? EmailCategory.NOT_ON_WEBSITE
                    : r < 0.75 ? EmailCategory.GENERAL : EmailCategory.DOSSIER;
            EmailComplexity complexity = random.nextDouble() < 0.2 ? EmailComplexity.COMPLEX : EmailComplexity.SIMPLE;
            Long acknowledged = random.nextDouble() < 0.7 ? received + (long) (random.nextDouble() * 2 * HOUR) : null;
            Long interim = null;
            Long answered = null;
            Long closed = null;
            boolean closedAsSpam = false;
            long handled = received + 10 * MINUTE + (long) (random.nextDouble() * 12 * DAY);
            if (category == EmailCategory.SPAM) {
                if (random.nextBoolean()) {
                    closed = handled;
                    closedAsSpam = true;
                }
            } else if (category == EmailCategory.GENERAL) {
                double g = random.nextDouble();
                if (g < 0.1) {
                    closed = handled;
                    closedAsSpam = true;
                } else if (g < 0.45) {
                    answered = handled;
                } else {
                    closed = handled;
                }
            } else if (category == EmailCategory.DOSSIER) {
                if (random.nextDouble() < 0.2) {
                    answered = handled;
                } else {
                    closed = handled;
                }
            } else if (category != null && random.nextDouble() > 0.02) { // must-answer: answered, a few still open
                if (complexity == EmailComplexity.COMPLEX && random.nextBoolean()) {
                    interim = received + HOUR + (long) (random.nextDouble() * 16 * DAY);
                    handled = interim + (long) (random.nextDouble() * 10 * DAY);
                }
                answered = handled;
            }
            Drawn d = new Drawn(category, closedAsSpam, complexity, received, acknowledged, interim, answered, closed);
            drawn.add(d);
            int seq = 0;
            stream.add(event(id, ++seq, EmailEventType.RECEIVED, received, null, null, null));
            if (category != null) {
                stream.add(event(id, ++seq, EmailEventType.CLASSIFIED, received + MINUTE + (long) (random.nextDouble() * 4 * HOUR),
                        category, complexity, null));
            }
            if (acknowledged != null) {
                stream.add(event(id, ++seq, EmailEventType.ACKNOWLEDGED, acknowledged, null, null, null));
            }
            if (interim != null) {
                stream.add(event(id, ++seq, EmailEventType.INTERIM_REPLY, interim, null, null, null));
            }
            if (answered != null) {
                EmailEventType type = category == EmailCategory.OTHER_DEPARTMENT ? EmailEventType.FORWARDED : EmailEventType.ANSWERED;
                stream.add(event(id, ++seq, type, answered, null, null, null));
            }
            if (closed != null) {
                CloseReason reason = closedAsSpam ? CloseReason.SPAM
                        : category == EmailCategory.DOSSIER ? CloseReason.NOT_BY_EMAIL : CloseReason.ANSWER_ON_WEBSITE;
                stream.add(event(id, ++seq, EmailEventType.CLOSED, closed, null, null, reason));
            }
        }
        stream.sort((a, b) -> a.getOccurredAt().compareTo(b.getOccurredAt()));
        for (int i = 0; i < stream.size(); i++) {
            Collections.swap(stream, i, Math.min(stream.size() - 1, i + random.nextInt(11)));
        }
        long clock = stream.stream().mapToLong(e -> e.getOccurredAt().toEpochMilli()).max().orElseThrow();
        for (Drawn d : drawn) {
            year.count(d, clock);
        }
        List<EmailEvent> withDuplicates = new ArrayList<>(stream);
        for (int i = 0; i < stream.size(); i++) {
            if (random.nextDouble() < 0.03) {
                withDuplicates.add(Math.min(withDuplicates.size(), i + (int) year.duplicates + 1 + random.nextInt(50)), stream.get(i));
                year.duplicates++;
            }
        }
        withDuplicates.forEach(e -> year.lines.add(EventJson.toJson(e)));
        return year;
    }

    private void count(Drawn d, long clock) {
        String category = d.category() == null ? null : d.category().name();
        List<Expected> rows = new ArrayList<>();
        rows.add(expected.computeIfAbsent("ALL", k -> new Expected()));
        if (category != null) {
            rows.add(expected.computeIfAbsent(category, k -> new Expected()));
        }
        boolean spam = d.category() == EmailCategory.SPAM || d.closedAsSpam();
        long deadline = deadline(d.received(), d.complexity() == EmailComplexity.COMPLEX ? 10 : 2);
        Long reply = d.complexity() == EmailComplexity.COMPLEX && d.interim() != null ? d.interim() : d.answered();
        boolean mustAnswer = d.category() == EmailCategory.URGENT || d.category() == EmailCategory.OTHER_DEPARTMENT
                || d.category() == EmailCategory.NOT_ON_WEBSITE;
        boolean onTime = reply != null && reply <= deadline;
        Long firstAcknowledgement = d.acknowledged();
        if (d.answered() != null && (firstAcknowledgement == null || d.answered() < firstAcknowledgement)) {
            firstAcknowledgement = d.answered();
        }
        for (Expected e : rows) {
            e.gross++;
            if (spam) {
                e.spam++;
                continue;
            }
            if (d.answered() != null) {
                e.answered++;
            } else if (d.closedWithoutAnswer() != null) {
                e.closedWithoutAnswer++;
            } else {
                e.open++;
            }
            e.acknowledgedOnTime += firstAcknowledgement != null && firstAcknowledgement - d.received() <= HOUR ? 1 : 0;
            e.answeredOnTime += onTime ? 1 : 0;
            e.violations += mustAnswer && d.answered() == null && !onTime && clock > deadline ? 1 : 0;
        }
    }

    private static boolean workingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY && !DAYS_OFF.contains(date);
    }

    /** The deadline by the e-mailgedragslijn, computed here independently of the application's calendar. */
    static long deadline(long receivedMillis, int workingDays) {
        ZonedDateTime received = Instant.ofEpochMilli(receivedMillis).atZone(AMSTERDAM);
        LocalDate day = received.toLocalDate();
        LocalTime time = received.toLocalTime();
        boolean inOpeningHours = time.compareTo(LocalTime.of(9, 0)) >= 0 && time.isBefore(LocalTime.of(17, 0));
        if (!(workingDay(day) && inOpeningHours)) {
            if (!(workingDay(day) && time.isBefore(LocalTime.of(9, 0)))) {
                do {
                    day = day.plusDays(1);
                } while (!workingDay(day));
            }
            time = LocalTime.of(9, 0);
        }
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (workingDay(day)) {
                counted++;
            }
        }
        return day.atTime(time).atZone(AMSTERDAM).toInstant().toEpochMilli();
    }

    private static EmailEvent event(String emailId, int seq, EmailEventType type, long at, EmailCategory category,
                                    EmailComplexity complexity, CloseReason closeReason) {
        return EmailEvent.newBuilder().setEventId(emailId + "-" + seq).setEmailId(emailId).setType(type)
                .setOccurredAt(Instant.ofEpochMilli(at)).setCategory(category).setComplexity(complexity)
                .setCloseReason(closeReason).build();
    }

    void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
