package nl.kic.analytics.domain.agents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.platform.checks.EventChecks;
import nl.kic.analytics.platform.metrics.PipelineMetrics;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each agent's current state. Agents logged out for longer than the retention leave the store.
 * The counts per queue and team are taken at query time ({@link AgentsQuery}): a contact centre has
 * hundreds of agents, not millions.
 *
 * <p>It also keeps each agent's states by event time ({@link AgentTimeline}, per day) and from them the time
 * agents were present per 15-minute and day interval and set of queues ({@link PresenceRow}): an
 * event, however late, moves the time present between the intervals its state splits.
 */
public final class AgentStatusProcessor implements Processor<String, AgentEvent, Void, Void> {
    private final PipelineMetrics metrics;
    private final EventChecks checks;
    private final long retentionMillis;
    private final Duration purgeInterval;
    private final ZoneId zone;
    private final long fineRetentionMillis;
    private KeyValueStore<String, AgentStatus> agents;
    private KeyValueStore<Bytes, byte[]> timelines;
    private KeyValueStore<String, AgentTimeline> wholeTimelines;
    private boolean wholeTimelinesMoved;
    private IntervalRows<PresenceRow> presence;

    public AgentStatusProcessor(PipelineMetrics metrics, EventChecks checks, Duration retention, Duration purgeInterval,
                                ZoneId zone, Duration fineRetention) {
        this.metrics = metrics;
        this.checks = checks;
        this.retentionMillis = retention.toMillis();
        this.purgeInterval = purgeInterval;
        this.zone = zone;
        this.fineRetentionMillis = fineRetention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        agents = context.getStateStore(Agents.AGENT_STATE_STORE);
        timelines = context.getStateStore(Agents.TIMELINE_DAYS.name());
        wholeTimelines = context.getStateStore(Agents.TIMELINE.name());
        wholeTimelinesMoved = false;
        KeyValueStore<Bytes, byte[]> presenceStore = context.getStateStore(Agents.PRESENCE_STORE);
        presence = new IntervalRows<>(presenceStore, zone, PresenceRow.CODEC);
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, this::purgeLoggedOut);
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, this::purgeOldPresence);
    }

    @Override
    public void process(Record<String, AgentEvent> record) {
        AgentEvent event = record.value();
        if (event == null) {
            return;
        }
        metrics.processed(PipelineMetrics.Kind.AGENT);
        checks.checkTime(event.getOccurredAt().toEpochMilli());
        event.setTeam(checks.checkName("team", event.getTeam()));
        List<String> queues = new ArrayList<>();
        for (CharSequence queue : event.getQueues()) {
            queues.add(checks.checkName("queues", queue.toString()));
        }
        event.setQueues(queues);
        moveWholeTimelines();
        String agentId = event.getAgentId();
        AgentStatus stored = agents.get(agentId);
        AgentStatus status = stored == null ? new AgentStatus() : stored;
        AgentTimeline.Entry entry = AgentTimeline.Entry.of(event);
        long day = AgentTimeline.epochDay(entry.atMillis());
        // A repeated event has the same time, so the same day.
        AgentTimeline timeline = dayTimeline(agentId, day);
        if (status.hasSeen(event.getEventId()) || timeline.hasSeen(event.getEventId())) {
            metrics.duplicateDropped(PipelineMetrics.Kind.AGENT);
            return;
        }
        AgentTimeline.Entry earlier = timeline.startsAfter(entry) ? lastBefore(agentId, day) : null;
        // Looked up even for the usual latest event: the agent's status cannot tell, as it goes a week
        // after a logout while the days of the timeline stay.
        AgentTimeline.Entry later = timeline.endsBefore(entry) ? firstAfter(agentId, day) : null;
        status.apply(event, retentionMillis);
        agents.put(agentId, status);
        for (AgentTimeline.Segment segment : timeline.insert(entry, earlier, later)) {
            addPresence(segment);
        }
        timelines.put(AgentTimeline.dayKey(agentId, day), TIMELINE_BYTES.serializer().serialize(null, timeline));
    }

    private static final Serde<AgentTimeline> TIMELINE_BYTES = AgentTimeline.serde();

    private AgentTimeline dayTimeline(String agentId, long day) {
        byte[] bytes = timelines.get(AgentTimeline.dayKey(agentId, day));
        return bytes == null ? new AgentTimeline() : TIMELINE_BYTES.deserializer().deserialize(null, bytes);
    }

    /** The agent's latest entry on a day before {@code day}, or null. */
    private AgentTimeline.Entry lastBefore(String agentId, long day) {
        try (KeyValueIterator<Bytes, byte[]> it = timelines.reverseRange(AgentTimeline.dayKey(agentId, 0), AgentTimeline.dayKey(agentId, day - 1))) {
            return it.hasNext() ? TIMELINE_BYTES.deserializer().deserialize(null, it.next().value).last() : null;
        }
    }

    /** The agent's first entry on a day after {@code day}, or null. */
    private AgentTimeline.Entry firstAfter(String agentId, long day) {
        try (KeyValueIterator<Bytes, byte[]> it = timelines.range(AgentTimeline.dayKey(agentId, day + 1), AgentTimeline.dayKey(agentId, Long.MAX_VALUE))) {
            return it.hasNext() ? TIMELINE_BYTES.deserializer().deserialize(null, it.next().value).first() : null;
        }
    }

    /**
     * Moves the timelines that an earlier version kept whole per agent into timelines per day, once
     * per task: at its first record or punctuation, when the stores are restored.
     */
    private void moveWholeTimelines() {
        if (wholeTimelinesMoved) {
            return;
        }
        List<String> moved = new ArrayList<>();
        try (KeyValueIterator<String, AgentTimeline> it = wholeTimelines.all()) {
            while (it.hasNext()) {
                KeyValue<String, AgentTimeline> kv = it.next();
                kv.value.byDay().forEach((day, timeline) ->
                        timelines.put(AgentTimeline.dayKey(kv.key, day), TIMELINE_BYTES.serializer().serialize(null, timeline)));
                moved.add(kv.key);
            }
        }
        moved.forEach(wholeTimelines::delete);
        wholeTimelinesMoved = true;
    }

    /** Adds (or takes away) a segment's time to each 15-minute row it overlaps, and so to the day rows. */
    private void addPresence(AgentTimeline.Segment segment) {
        long start = segment.startMillis();
        while (start < segment.endMillis()) {
            long quarterEnd = Granularity.FIFTEEN_MINUTES.next(Granularity.FIFTEEN_MINUTES.intervalStart(Instant.ofEpochMilli(start), zone))
                    .toInstant().toEpochMilli();
            long end = Math.min(quarterEnd, segment.endMillis());
            long millis = segment.sign() * (end - start);
            presence.update(segment.series(), start, row -> row.presentMillis += millis);
            start = end;
        }
    }

    /**
     * Expires 15-minute presence rows with the contact rows, and forgets the days of an agent's
     * timeline whose states all ended before them: a day goes once the agent's next day with states
     * has ended before the cutoff, so that the state in force at the cutoff stays, and an agent's last
     * day goes once it has ended before the cutoff (the agent has been silent that long).
     */
    private void purgeOldPresence(long streamTime) {
        moveWholeTimelines();
        long cutoff = streamTime - fineRetentionMillis;
        presence.purgeFineRowsBefore(cutoff);
        List<Bytes> ended = new ArrayList<>();
        Bytes previous = null;
        try (KeyValueIterator<Bytes, byte[]> it = timelines.all()) {
            while (it.hasNext()) {
                Bytes key = it.next().key;
                boolean sameAgent = previous != null && AgentTimeline.agentOf(previous).equals(AgentTimeline.agentOf(key));
                if (previous != null && (sameAgent ? dayEndMillis(key) : dayEndMillis(previous)) <= cutoff) {
                    ended.add(previous);
                }
                previous = key;
            }
        }
        if (previous != null && dayEndMillis(previous) <= cutoff) {
            ended.add(previous);
        }
        ended.forEach(timelines::delete);
    }

    private static long dayEndMillis(Bytes dayKey) {
        return (AgentTimeline.dayOf(dayKey) + 1) * 86_400_000L;
    }

    private void purgeLoggedOut(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, AgentStatus> it = agents.all()) {
            while (it.hasNext()) {
                KeyValue<String, AgentStatus> kv = it.next();
                if (kv.value.state() == AgentState.LOGGED_OUT && kv.value.stateSinceMillis() < streamTime - retentionMillis) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(agents::delete);
    }
}
