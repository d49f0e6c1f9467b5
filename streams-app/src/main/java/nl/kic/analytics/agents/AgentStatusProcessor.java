package nl.kic.analytics.agents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.core.EventChecks;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.metrics.PipelineMetrics;
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
 */
public final class AgentStatusProcessor implements Processor<String, AgentEvent, Void, Void> {
    private final PipelineMetrics metrics;
    private final EventChecks checks;
    private final long retentionMillis;
    private final Duration purgeInterval;
    private KeyValueStore<String, AgentStatus> agents;

    public AgentStatusProcessor(PipelineMetrics metrics, EventChecks checks, Duration retention, Duration purgeInterval) {
        this.metrics = metrics;
        this.checks = checks;
        this.retentionMillis = retention.toMillis();
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        agents = context.getStateStore(AgentTopology.AGENT_STATE_STORE);
        context.schedule(purgeInterval, PunctuationType.STREAM_TIME, this::purgeLoggedOut);
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
        if (status == null) {
            status = new AgentStatus();
        } else if (status.hasSeen(event.getEventId())) {
            metrics.duplicateDropped(PipelineMetrics.Kind.AGENT);
            return;
        }
        status.apply(event, retentionMillis);
        agents.put(event.getAgentId(), status);
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
