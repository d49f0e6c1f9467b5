package nl.kic.analytics.tools.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.input.EventJson;

/**
 * A generated history of contacts whose true outcome is known when each contact is drawn, written
 * as JSON Lines with realistic faults: duplicated events and local disorder (an ANSWERED may come
 * before its OFFERED). The expected figures are counted here from the drawn contacts, independently
 * of the topology's logic.
 */
public final class GeneratedHistory {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final String[] QUEUES = {"asiel", "regulier", "werk", "studie", "naturalisatie", "algemeen"};

    /** Expected totals of one channel and queue. */
    public static final class Totals {
        public long offered;
        public long answered;
        public long abandoned;
        public long shortAbandoned;
        public long rejected;
        public long noOutcome;
        public long lost;
        public long answeredWaitMillis;
        final List<Long> answeredWaits = new ArrayList<>();
    }

    public final Map<String, Totals> totals = new HashMap<>(); // "CALL|asiel", "CALL|ALL", ...
    public final List<String> lines = new ArrayList<>();
    long events;
    long duplicates;
    Instant clock;

    /** The figures {@link #totalsLongAfter} gives per channel, as the API names them. */
    public static final List<String> FIGURES = List.of("offered", "answered", "abandoned", "shortAbandoned", "rejected", "lost", "open");

    /**
     * The totals per channel ("CALL offered", …) once the history is long over: every contact
     * without an outcome is then lost, and none is open.
     */
    public Map<String, Long> totalsLongAfter() {
        Map<String, Long> result = new TreeMap<>();
        for (String channel : List.of("CALL", "CHAT")) {
            Totals t = totals.get(channel + "|ALL");
            result.put(channel + " offered", t.offered);
            result.put(channel + " answered", t.answered);
            result.put(channel + " abandoned", t.abandoned);
            result.put(channel + " shortAbandoned", t.shortAbandoned);
            result.put(channel + " rejected", t.rejected);
            result.put(channel + " lost", t.noOutcome);
            result.put(channel + " open", 0L);
        }
        return result;
    }

    public static GeneratedHistory generate(long seed, int contacts, LocalDate firstDay, int days) {
        Random random = new Random(seed);
        GeneratedHistory h = new GeneratedHistory();
        List<ContactEvent> stream = new ArrayList<>();
        List<LocalDate> workingDays = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                workingDays.add(day);
            }
        }
        List<long[]> noOutcome = new ArrayList<>(); // {offeredAt, channel ordinal, queue index}
        for (int i = 0; i < contacts; i++) {
            String id = "c" + i;
            Channel channel = random.nextDouble() < 0.85 ? Channel.CALL : Channel.CHAT;
            int queueIndex = random.nextInt(QUEUES.length);
            String queue = QUEUES[queueIndex];
            LocalDate day = workingDays.get(random.nextInt(workingDays.size()));
            long offered = day.atTime(9, 0).atZone(AMSTERDAM).toInstant().toEpochMilli() + (long) (random.nextDouble() * 8 * 3_600_000);
            double kind = random.nextDouble();
            Totals t = h.totals.computeIfAbsent(channel + "|" + queue, k -> new Totals());
            Totals all = h.totals.computeIfAbsent(channel + "|ALL", k -> new Totals());
            int seq = 0;
            if (kind < 0.03) {
                stream.add(event(id, ++seq, channel, ContactEventType.REJECTED, queue, offered));
                t.rejected++;
                all.rejected++;
                continue;
            }
            stream.add(event(id, ++seq, channel, ContactEventType.OFFERED, queue, offered));
            t.offered++;
            all.offered++;
            if (kind < 0.63) {
                long wait = (long) (random.nextDouble() * 1_800_000);
                stream.add(event(id, ++seq, channel, ContactEventType.ANSWERED, queue, offered + wait));
                stream.add(event(id, ++seq, channel, ContactEventType.ENDED, queue, offered + wait + 60_000 + random.nextInt(540_000)));
                for (Totals x : List.of(t, all)) {
                    x.answered++;
                    x.answeredWaitMillis += wait;
                    x.answeredWaits.add(wait);
                }
            } else if (kind < 0.93) {
                boolean isShort = random.nextDouble() < 0.1;
                long wait = isShort ? random.nextInt(5000) : 5000 + (long) (random.nextDouble() * 1_800_000);
                stream.add(event(id, ++seq, channel, ContactEventType.ABANDONED, queue, offered + wait));
                for (Totals x : List.of(t, all)) {
                    x.abandoned++;
                    x.shortAbandoned += isShort ? 1 : 0;
                }
            } else {
                t.noOutcome++;
                all.noOutcome++;
                noOutcome.add(new long[] {offered, channel.ordinal(), queueIndex});
            }
        }
        stream.sort((a, b) -> a.getOccurredAt().compareTo(b.getOccurredAt()));
        // Local disorder: each event may swap with one up to 20 places later.
        for (int i = 0; i < stream.size(); i++) {
            int j = Math.min(stream.size() - 1, i + random.nextInt(21));
            Collections.swap(stream, i, j);
        }
        long latest = stream.stream().mapToLong(e -> e.getOccurredAt().toEpochMilli()).max().orElseThrow();
        h.clock = Instant.ofEpochMilli(latest);
        for (long[] c : noOutcome) {
            if (c[0] <= latest - 8 * 3_600_000L) {
                h.totals.get(Channel.values()[(int) c[1]] + "|" + QUEUES[(int) c[2]]).lost++;
                h.totals.get(Channel.values()[(int) c[1]] + "|ALL").lost++;
            }
        }
        // 5% of the events are sent a second time, a little later in the stream.
        List<ContactEvent> withDuplicates = new ArrayList<>(stream);
        for (int i = 0; i < stream.size(); i++) {
            if (random.nextDouble() < 0.05) {
                int at = Math.min(withDuplicates.size(), i + 1 + random.nextInt(100) + (int) h.duplicates);
                withDuplicates.add(at, stream.get(i));
                h.duplicates++;
            }
        }
        for (ContactEvent e : withDuplicates) {
            h.lines.add(EventJson.toJson(e));
        }
        h.events = withDuplicates.size();
        return h;
    }

    private static ContactEvent event(String contactId, int seq, Channel channel, ContactEventType type, String queue, long at) {
        return ContactEvent.newBuilder().setEventId(contactId + "-" + seq).setContactId(contactId).setChannel(channel)
                .setType(type).setQueue(queue).setOccurredAt(Instant.ofEpochMilli(at)).build();
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
