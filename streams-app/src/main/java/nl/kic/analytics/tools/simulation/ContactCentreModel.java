package nl.kic.analytics.tools.simulation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import org.apache.avro.specific.SpecificRecord;

/**
 * A discrete-event model of a contact centre: contacts arrive in queues, wait first-come first-served
 * for an agent who serves that queue, and abandon after an exponential patience (the M/M/c+M or
 * Erlang-A model, with time-varying arrivals and a roster). Agents log in, take breaks and log out.
 * The model emits the ContactEvents and AgentEvents of what happens, in time order; other events
 * (e-mail) can be scheduled to be emitted at their time.
 */
public final class ContactCentreModel {

    /** A queue: its channel, its name, the mean handle time and patience (exponential) and its capacity. */
    public record Queue(Channel channel, String name, double meanHandleSeconds, double meanPatienceSeconds, int capacity) {
    }

    /** An agent and the queues it serves. */
    public record Agent(String id, String team, List<String> queues) {
    }

    /** A caller: a number of its own, withheld or not, and the reason of its matter. */
    public record Caller(long number, boolean withheld, String reason) {
    }

    /**
     * Who makes the contacts: a caller for a new contact (null: none known, as for chats), its key at a
     * time (null: withheld), and when it calls again after a lost or an answered contact (-1: it does not).
     */
    public interface Callers {
        Caller newCaller(Queue queue, long timeMillis);

        String key(Caller caller, long timeMillis);

        long redialAfterLoss(Caller caller, long lostAtMillis);

        long redialAfterAnswer(Caller caller, long answeredAtMillis);
    }

    private enum Kind { ARRIVAL, ABANDON, SERVICE_END, AGENT_STATE, EMIT }

    private record Step(long time, long sequence, Kind kind, Object subject, Object detail) {
    }

    private static final class Contact {
        final String id;
        final QueueState queue;
        final long offeredAt;
        boolean waiting = true;
        int eventSequence;
        Caller caller;
        String callerKey;

        Contact(String id, QueueState queue, long offeredAt) {
            this.id = id;
            this.queue = queue;
            this.offeredAt = offeredAt;
        }
    }

    private static final class QueueState {
        final Queue spec;
        final ArrayDeque<Contact> waiting = new ArrayDeque<>();
        int waitingCount;

        QueueState(Queue spec) {
            this.spec = spec;
        }

        Contact head() {
            while (!waiting.isEmpty() && !waiting.peekFirst().waiting) {
                waiting.pollFirst();
            }
            return waiting.peekFirst();
        }
    }

    private static final class AgentModel {
        final Agent spec;
        final List<QueueState> queues = new ArrayList<>();
        AgentState state = AgentState.LOGGED_OUT;
        AgentState afterCall;       // AWAY or LOGGED_OUT requested while busy
        boolean leaveWhenQueuesEmpty; // closing time: log out once nobody waits
        long availableSince;
        int eventSequence;

        AgentModel(Agent spec) {
            this.spec = spec;
        }
    }

    private final PriorityQueue<Step> agenda = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence));
    private final Map<String, QueueState> queues = new HashMap<>();
    private final Map<String, AgentModel> agents = new HashMap<>();
    private final Random random;
    private final Consumer<SpecificRecord> sink;
    private final String contactIdPrefix;
    private long sequence;
    private long contactSequence;
    private long now = Long.MIN_VALUE;
    private Callers callers;

    public ContactCentreModel(Random random, Consumer<SpecificRecord> sink) {
        this(random, "", sink);
    }

    /** A model whose contact ids (and so their event ids) begin with {@code idPrefix}. */
    public ContactCentreModel(Random random, String idPrefix, Consumer<SpecificRecord> sink) {
        this.random = random;
        this.contactIdPrefix = idPrefix + "k";
        this.sink = sink;
    }

    /** The callers behind the contacts: keys on OFFERED and REJECTED, reasons on ENDED, and redials as new arrivals. */
    public void setCallers(Callers callers) {
        this.callers = callers;
    }

    public void addQueue(Queue queue) {
        queues.put(queue.name(), new QueueState(queue));
    }

    public void addAgent(Agent agent) {
        AgentModel model = new AgentModel(agent);
        agent.queues().forEach(q -> model.queues.add(queues.get(q)));
        agents.put(agent.id(), model);
    }

    public void scheduleArrival(String queue, long timeMillis) {
        schedule(timeMillis, Kind.ARRIVAL, queues.get(queue), null);
    }

    /**
     * Schedules an agent's change of state: LOGGED_IN (starts work), AWAY (a break, after the current
     * contact), AVAILABLE (back from a break) or LOGGED_OUT (at closing: after the current contact and
     * once nobody waits in its queues).
     */
    public void scheduleAgentState(String agentId, long timeMillis, AgentState state) {
        schedule(timeMillis, Kind.AGENT_STATE, agents.get(agentId), state);
    }

    /** Emits an event (e-mail, for instance) when the model's time reaches its time. */
    public void scheduleEmission(long timeMillis, SpecificRecord event) {
        schedule(timeMillis, Kind.EMIT, event, null);
    }

    /** Runs every step up to and including {@code timeMillis}. */
    public void runUntil(long timeMillis) {
        while (!agenda.isEmpty() && agenda.peek().time <= timeMillis) {
            Step step = agenda.poll();
            now = step.time;
            switch (step.kind) {
                case ARRIVAL -> arrive((QueueState) step.subject, (Caller) step.detail);
                case ABANDON -> abandon((Contact) step.subject);
                case SERVICE_END -> endService((AgentModel) step.subject, (Contact) step.detail);
                case AGENT_STATE -> changeAgent((AgentModel) step.subject, (AgentState) step.detail);
                case EMIT -> sink.accept((SpecificRecord) step.subject);
            }
        }
    }

    /** The time of the next step, or Long.MAX_VALUE when nothing is scheduled. */
    public long nextStepTime() {
        return agenda.isEmpty() ? Long.MAX_VALUE : agenda.peek().time;
    }

    private void schedule(long time, Kind kind, Object subject, Object detail) {
        agenda.add(new Step(time, sequence++, kind, subject, detail));
    }

    /** A new contact in {@code queue}: of a caller who calls again, or (null) of a new caller. */
    private void arrive(QueueState queue, Caller returning) {
        Contact contact = new Contact(contactIdPrefix + (++contactSequence), queue, now);
        if (callers != null) {
            contact.caller = returning != null ? returning : callers.newCaller(queue.spec, now);
            contact.callerKey = contact.caller == null ? null : callers.key(contact.caller, now);
        }
        if (queue.waitingCount >= queue.spec.capacity()) {
            contact.waiting = false;
            emit(contact, ContactEventType.REJECTED, null);
            afterLoss(contact);
            return;
        }
        emit(contact, ContactEventType.OFFERED, null);
        AgentModel agent = longestAvailable(queue);
        if (agent != null) {
            contact.waiting = false;
            answer(agent, contact);
            return;
        }
        queue.waiting.addLast(contact);
        queue.waitingCount++;
        schedule(now + exponentialMillis(queue.spec.meanPatienceSeconds()), Kind.ABANDON, contact, null);
    }

    private void abandon(Contact contact) {
        if (contact.waiting) {
            contact.waiting = false;
            contact.queue.waitingCount--;
            emit(contact, ContactEventType.ABANDONED, null);
            afterLoss(contact);
        }
    }

    /** The caller of a lost contact may call again: a new arrival in the same queue. */
    private void afterLoss(Contact contact) {
        if (contact.caller != null) {
            long redial = callers.redialAfterLoss(contact.caller, now);
            if (redial > now) {
                schedule(redial, Kind.ARRIVAL, contact.queue, contact.caller);
            }
        }
    }

    private void answer(AgentModel agent, Contact contact) {
        emit(contact, ContactEventType.ANSWERED, agent.spec.id());
        setAgent(agent, AgentState.BUSY);
        schedule(now + exponentialMillis(contact.queue.spec.meanHandleSeconds()), Kind.SERVICE_END, agent, contact);
        if (contact.caller != null) {
            long repeat = callers.redialAfterAnswer(contact.caller, now);
            if (repeat > now) {
                schedule(repeat, Kind.ARRIVAL, contact.queue, contact.caller);
            }
        }
    }

    private void endService(AgentModel agent, Contact contact) {
        emit(contact, ContactEventType.ENDED, agent.spec.id());
        if (agent.afterCall == AgentState.AWAY) {
            agent.afterCall = null;
            setAgent(agent, AgentState.AWAY);
        } else {
            becomeFree(agent);
        }
    }

    private void changeAgent(AgentModel agent, AgentState requested) {
        switch (requested) {
            case LOGGED_IN -> {
                agent.leaveWhenQueuesEmpty = false;
                setAgent(agent, AgentState.LOGGED_IN);
                becomeFree(agent);
            }
            case AWAY -> {
                if (agent.state == AgentState.BUSY) {
                    agent.afterCall = AgentState.AWAY;
                } else if (agent.state == AgentState.AVAILABLE) {
                    setAgent(agent, AgentState.AWAY);
                }
            }
            case AVAILABLE -> {
                if (agent.afterCall == AgentState.AWAY) {
                    agent.afterCall = null;
                } else if (agent.state == AgentState.AWAY) {
                    becomeFree(agent);
                }
            }
            case LOGGED_OUT -> {
                agent.leaveWhenQueuesEmpty = true;
                if (agent.state == AgentState.AVAILABLE || agent.state == AgentState.AWAY) {
                    setAgent(agent, AgentState.LOGGED_OUT);
                }
            }
            case BUSY -> throw new IllegalArgumentException("BUSY follows from answering, it is not scheduled");
        }
    }

    /** The agent takes the longest-waiting contact of its queues, or becomes available (or leaves at closing). */
    private void becomeFree(AgentModel agent) {
        Contact next = null;
        for (QueueState queue : agent.queues) {
            Contact head = queue.head();
            if (head != null && (next == null || head.offeredAt < next.offeredAt)) {
                next = head;
            }
        }
        if (next != null) {
            next.waiting = false;
            next.queue.waiting.pollFirst();
            next.queue.waitingCount--;
            answer(agent, next);
        } else if (agent.leaveWhenQueuesEmpty) {
            setAgent(agent, AgentState.LOGGED_OUT);
        } else {
            agent.availableSince = now;
            setAgent(agent, AgentState.AVAILABLE);
        }
    }

    private AgentModel longestAvailable(QueueState queue) {
        AgentModel found = null;
        for (AgentModel agent : agents.values()) {
            if (agent.state == AgentState.AVAILABLE && agent.queues.contains(queue)
                    && (found == null || agent.availableSince < found.availableSince
                    || (agent.availableSince == found.availableSince && agent.spec.id().compareTo(found.spec.id()) < 0))) {
                found = agent;
            }
        }
        return found;
    }

    private void setAgent(AgentModel agent, AgentState state) {
        if (agent.state == state) {
            return;
        }
        agent.state = state;
        sink.accept(AgentEvent.newBuilder()
                .setEventId(agent.spec.id() + "-" + (++agent.eventSequence))
                .setAgentId(agent.spec.id())
                .setTeam(agent.spec.team())
                .setQueues(agent.spec.queues())
                .setOccurredAt(Instant.ofEpochMilli(now))
                .setState(state)
                .build());
    }

    private void emit(Contact contact, ContactEventType type, String agentId) {
        sink.accept(ContactEvent.newBuilder()
                .setEventId(contact.id + "-" + (++contact.eventSequence))
                .setContactId(contact.id)
                .setChannel(contact.queue.spec.channel())
                .setType(type)
                .setQueue(contact.queue.spec.name())
                .setOccurredAt(Instant.ofEpochMilli(now))
                .setAgentId(agentId)
                // The key where the importers put it; the reason with the end, as an agent's wrap-up code.
                .setCallerKey(type == ContactEventType.OFFERED || type == ContactEventType.REJECTED ? contact.callerKey : null)
                .setReason(type == ContactEventType.ENDED && contact.caller != null ? contact.caller.reason() : null)
                .build());
    }

    private long exponentialMillis(double meanSeconds) {
        return Math.round(-Math.log(1 - random.nextDouble()) * meanSeconds * 1000);
    }
}
