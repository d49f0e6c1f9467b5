package nl.kic.analytics.domain.agents;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Agents present per channel and interval: the time agents were LOGGED_IN, AVAILABLE or BUSY in the
 * interval divided by its length, each agent once per channel whatever its queues (an agent counts
 * for a channel when it serves at least one of the channel's queues).
 */
public final class AgentPresenceQuery {

    /** One row: a channel, a granularity, an interval start, and the mean number of agents present. */
    public record Row(String channel, Granularity granularity, OffsetDateTime intervalStart, double agentsPresent) {
    }

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final ZoneId zone;

    public AgentPresenceQuery(ReadOnlyKeyValueStore<Bytes, byte[]> store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /**
     * The rows of a granularity with an interval start in [from, to) (null bounds open), ordered by
     * interval start and channel, for the channels of {@code queuesByChannel}.
     */
    public List<Row> rows(Granularity granularity, Instant from, Instant to, Map<String, Set<String>> queuesByChannel) {
        // (interval start, channel) → milliseconds present; the rows of one interval are its queue sets.
        Map<Long, Map<String, Long>> present = new TreeMap<>();
        for (KeyValue<IntervalKey, PresenceRow> kv : IntervalRows.scan(store, PresenceRow.CODEC, zone, granularity, from, to)) {
            List<String> queues = AgentTimeline.queues(kv.key.series());
            queuesByChannel.forEach((channel, channelQueues) -> {
                if (!Collections.disjoint(channelQueues, queues)) {
                    present.computeIfAbsent(kv.key.intervalStartMillis(), k -> new TreeMap<>())
                            .merge(channel, kv.value.presentMillis(), Long::sum);
                }
            });
        }
        List<Row> rows = new ArrayList<>();
        present.forEach((startMillis, byChannel) -> {
            ZonedDateTime start = Instant.ofEpochMilli(startMillis).atZone(zone);
            double lengthMillis = granularity.next(start).toInstant().toEpochMilli() - startMillis;
            byChannel.forEach((channel, millis) -> rows.add(new Row(channel, granularity, start.toOffsetDateTime(), millis / lengthMillis)));
        });
        return rows;
    }
}
