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
 * <p>It also keeps each agent's states by event time ({@link AgentTimeline}) and from them the time
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
    private KeyValueStore<String, AgentTimeline> timelines;
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
        timelines = context.getStateStore(Agents.TIMELINE_STORE);
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
        AgentStatus status = agents.get(event.getAgentId());
        AgentTimeline timeline = timelines.get(event.getAgentId());
        if (timeline == null) {
            timeline = new AgentTimeline();
        }
        if (status == null) {
            status = new AgentStatus();
        }
        if (status.hasSeen(event.getEventId()) || timeline.hasSeen(event.getEventId())) {
            metrics.duplicateDropped(PipelineMetrics.Kind.AGENT);
            return;
        }
        status.apply(event, retentionMillis);
        agents.put(event.getAgentId(), status);
        for (AgentTimeline.Segment segment : timeline.insert(AgentTimeline.Entry.of(event))) {
            addPresence(segment);
        }
        timeline.forgetBefore(timeline.latestMillis() - fineRetentionMillis);
        timelines.put(event.getAgentId(), timeline);
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

    /** Expires 15-minute presence rows with the contact rows, and forgets agents silent for as long. */
    private void purgeOldPresence(long streamTime) {
        long cutoff = streamTime - fineRetentionMillis;
        presence.purgeFineRowsBefore(cutoff);
        List<String> silent = new ArrayList<>();
        try (KeyValueIterator<String, AgentTimeline> it = timelines.all()) {
            while (it.hasNext()) {
                KeyValue<String, AgentTimeline> kv = it.next();
                if (kv.value.isEmpty() || kv.value.latestMillis() < cutoff) {
                    silent.add(kv.key);
                }
            }
        }
        silent.forEach(timelines::delete);
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
