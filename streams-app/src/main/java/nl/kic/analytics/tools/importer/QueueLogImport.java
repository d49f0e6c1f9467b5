package nl.kic.analytics.tools.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.errors.RejectedEventException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Asterisk's queue_log ({@code unixtime|uniqueid|queue|agent|EVENT|data…}, as app_queue.c writes
 * it) to contact and agent events, line by line, in the order of the log; docs/import.md has the
 * table. A call that enters a queue again under the same uniqueid (a transfer, a second attempt) is
 * a new contact: its id is the uniqueid and the entry's number. Agents are known by their
 * pseudonym only; their queue lists come from ADDMEMBER, REMOVEMEMBER and CONNECT lines.
 */
public final class QueueLogImport {
    /** Events that end a call after it was answered. */
    private static final Set<String> ENDS = Set.of("COMPLETECALLER", "COMPLETEAGENT", "BLINDTRANSFER", "ATTENDEDTRANSFER");
    private static final Set<String> ABANDONS = Set.of("ABANDON", "EXITWITHKEY", "EXITWITHTIMEOUT");
    /** Refused before entering the queue: no ENTERQUEUE line precedes them. */
    private static final Set<String> REFUSALS = Set.of("FULL", "JOINEMPTY", "JOINUNAVAIL");
    private static final Set<String> AGENT_EVENTS = Set.of("AGENTLOGIN", "AGENTLOGOFF", "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "PAUSEALL",
            "UNPAUSE", "UNPAUSEALL");
    /** Asterisk's queue_log events: a skipped line is counted under its event's name only when it is one of these. */
    private static final Set<String> KNOWN_EVENTS = Set.of("ENTERQUEUE", "CONNECT", "EXITEMPTY", "COMPLETECALLER", "COMPLETEAGENT",
            "BLINDTRANSFER", "ATTENDEDTRANSFER", "ABANDON", "EXITWITHKEY", "EXITWITHTIMEOUT", "FULL", "JOINEMPTY", "JOINUNAVAIL",
            "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF", "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "PAUSEALL",
            "UNPAUSE", "UNPAUSEALL", "RINGNOANSWER", "RINGCANCELED", "TRANSFER", "AGENTDUMP", "SYSCOMPAT", "DID", "INFO",
            "QUEUESTART", "CONFIGRELOAD", "NONE");
    /** 9999-12-31T23:59:59Z: a later "Unix time" is a broken line, not a date. */
    private static final long LATEST_SECONDS = 253_402_300_799L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pseudonyms pseudonyms;
    private final ImportMapping mapping;
    private final ZoneId zone;
    private final ImportReport report;
    private final Consumer<SpecificRecord> out;
    /** Queue entries per uniqueid so far, with the time of the call's latest line (to forget calls long over). */
    private final Map<String, Integer> entries = new HashMap<>();
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Integer> identicalLines = new HashMap<>();
    private final Map<String, Integer> restoredIdenticalLines = new HashMap<>();
    private String identicalLinesTime = "";
    private final Map<String, Agent> agents = new HashMap<>();
    /** The events that carry a reason, with its data field (reason.event.EVENT=n of the mapping). */
    private final Map<String, Integer> reasonFields;
    /** Per uniqueid: a reason of a reason line that waits for the call's next event. */
    private final Map<String, String> pendingReasons = new HashMap<>();
    /** Per uniqueid: the type and queue of the latest contact event written for the call's latest entry. */
    private final Map<String, Latest> latestEvents = new HashMap<>();
    /** A queue entry with one of these as its latest event is over: a later reason line restates it with the reason. */
    private static final Set<ContactEventType> OVER = Set.of(ContactEventType.ENDED, ContactEventType.ABANDONED, ContactEventType.REJECTED);

    private record Latest(ContactEventType type, String queue) {
    }
    /** A call with no line for this long is over: its entry count is not kept in the state of a follow. */
    private static final long CALL_MEMORY_SECONDS = 2 * 86_400;

    /** An agent as the log has shown it so far, by pseudonym. */
    private static final class Agent {
        final Set<String> queues = new LinkedHashSet<>();
        AgentState state = AgentState.LOGGED_OUT;
        final String team;

        Agent(String team) {
            this.team = team;
        }
    }

    public QueueLogImport(Pseudonyms pseudonyms, ImportMapping mapping, ZoneId zone, ImportReport report, Consumer<SpecificRecord> out) {
        this.pseudonyms = pseudonyms;
        this.mapping = mapping;
        this.zone = zone;
        this.report = report;
        this.out = out;
        this.reasonFields = mapping.reasonFields();
    }

    /** Reads one line of the log; {@code lineNumber} counts from 1. */
    public void line(long lineNumber, String line) {
        report.lineRead();
        if (line.isBlank()) {
            report.skipped(ImportReport.BLANK_LINES);
            return;
        }
        String[] fields = line.split("\\|", -1);
        if (fields.length < 5) {
            report.error(lineNumber, "too few fields (" + fields.length + " of at least 5: unixtime|uniqueid|queue|agent|EVENT)");
            return;
        }
        Instant at;
        try {
            long seconds = Long.parseLong(fields[0].trim());
            if (seconds <= 0 || seconds > LATEST_SECONDS) {
                report.error(lineNumber, "the time is not a Unix time of the years 1970 to 9999");
                return;
            }
            at = Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            report.error(lineNumber, "the time is not a number of seconds");
            return;
        }
        String uniqueId = fields[1].trim();
        String queueField = fields[2].trim();
        String agentName = fields[3].trim();
        String event = fields[4].trim();
        String[] data = Arrays.copyOfRange(fields, 5, fields.length);
        // Identical lines (the same event twice in one second) get ids of their own, in their order;
        // they share their time, so only the lines of the latest second need remembering.
        if (!fields[0].equals(identicalLinesTime)) {
            identicalLines.clear();
            restoredIdenticalLines.clear();
            identicalLinesTime = fields[0];
        }
        // After a restart, identical lines of the same second already read go on from their count.
        int restored = restoredIdenticalLines.isEmpty() ? 0 : restoredIdenticalLines.getOrDefault(pseudonyms.eventId(line, 0), 0);
        int occurrence = identicalLines.merge(line, 1 + restored, (count, first) -> count + 1);
        if (!uniqueId.isEmpty() && !uniqueId.equals("NONE")) {
            lastSeen.put(uniqueId, at.getEpochSecond());
        }
        String eventId = pseudonyms.eventId(line, occurrence);
        if (event.isEmpty()) {
            report.error(lineNumber, "no event name in the fifth field");
            return;
        }
        if (uniqueId.isEmpty() && !isAgentEvent(event)) {
            // The event's name only when it is one of Asterisk's: a shifted field may hold anything.
            report.error(lineNumber, (KNOWN_EVENTS.contains(event) ? event : "an event") + " without a uniqueid");
            return;
        }
        String queue = queueField;
        // The queue of every line whose queue is used: a contact's or an agent's, where it names one
        // (QUEUESTART, CONFIGRELOAD and the agent lines of no queue say NONE).
        if ((usesQueue(event) || reasonFields.containsKey(event)) && !queueField.equals("NONE")) {
            try {
                queue = mapping.queue(queueField);
            } catch (RejectedEventException e) {
                report.error(lineNumber, e.reason().header() + ": " + e.getMessage());
                return;
            }
        }
        // The reason a line carries is checked as its queue is: a line with a refused reason is refused whole.
        String reason = null;
        int reasonField = reasonFields.getOrDefault(event, 0);
        if (reasonField > 0 && reasonField <= data.length && !data[reasonField - 1].isBlank()) {
            try {
                reason = mapping.reason(data[reasonField - 1]);
            } catch (RejectedEventException e) {
                report.error(lineNumber, e.reason().header() + ": " + e.getMessage());
                return;
            }
        }
        switch (event) {
            case "ENTERQUEUE" -> {
                String contact = newEntry(uniqueId);
                String caller = data.length > 1 ? pseudonyms.caller(data[1], YearMonth.from(at.atZone(zone))) : null;
                contact(eventId, uniqueId, contact, ContactEventType.OFFERED, queue, at, null, caller, reason);
            }
            case "CONNECT" -> {
                String agent = agentId(agentName);
                contact(eventId, uniqueId, currentEntry(uniqueId), ContactEventType.ANSWERED, queue, at, agent, null, reason);
                if (agent != null) {
                    agent(eventId + ":agent", agent, agentName, at, AgentState.BUSY, queue, true);
                }
            }
            case "EXITEMPTY" ->
                // The system took the caller out of a queue without agents: refused, whatever the wait.
                contact(eventId, uniqueId, currentEntry(uniqueId), ContactEventType.REJECTED, queue, at, null, null, reason);
            default -> {
                if (ABANDONS.contains(event)) {
                    contact(eventId, uniqueId, currentEntry(uniqueId), ContactEventType.ABANDONED, queue, at, null, null, reason);
                } else if (REFUSALS.contains(event)) {
                    contact(eventId, uniqueId, newEntry(uniqueId), ContactEventType.REJECTED, queue, at, null, null, reason);
                } else if (ENDS.contains(event)) {
                    String agent = agentId(agentName);
                    contact(eventId, uniqueId, currentEntry(uniqueId), ContactEventType.ENDED, queue, at, agent, null, reason);
                    if (agent != null && agents.containsKey(agent) && agents.get(agent).state == AgentState.BUSY) {
                        agent(eventId + ":agent", agent, agentName, at, AgentState.AVAILABLE, null, false);
                    }
                } else if (reasonFields.containsKey(event) && !isAgentEvent(event)) {
                    reasonLine(eventId, uniqueId, agentName, at, reason);
                } else if (!agentLine(eventId, event, agentName, queue, at)) {
                    report.skipped(KNOWN_EVENTS.contains(event) ? ImportReport.skippedEvent(event) : ImportReport.OTHER_EVENT_LINES);
                }
            }
        }
    }

    /**
     * What the import remembers between lines, as JSON, so that a follow continues after a restart as
     * if it had not stopped: queue entries of calls still going, agents' queues and states, the
     * identical lines of the latest second. Pseudonyms only.
     */
    public ObjectNode state() {
        ObjectNode state = JSON.createObjectNode();
        long newest = lastSeen.values().stream().mapToLong(Long::longValue).max().orElse(0);
        ObjectNode calls = state.putObject("calls");
        entries.forEach((call, count) -> {
            long seen = lastSeen.getOrDefault(call, newest);
            if (seen >= newest - CALL_MEMORY_SECONDS) {
                var remembered = calls.putArray(call).add(count).add(seen);
                Latest latest = latestEvents.get(call);
                if (latest != null) {
                    remembered.add(latest.type().name()).add(latest.queue());
                }
            }
        });
        ObjectNode agentStates = state.putObject("agents");
        agents.forEach((agent, known) -> {
            ObjectNode node = agentStates.putObject(agent).put("team", known.team).put("state", known.state.name());
            known.queues.forEach(node.putArray("queues")::add);
        });
        // Reasons waiting for a call's next event: codes of the allowed shape, never a line.
        ObjectNode reasons = state.putObject("pendingReasons");
        pendingReasons.forEach((call, reason) -> {
            if (lastSeen.getOrDefault(call, newest) >= newest - CALL_MEMORY_SECONDS) {
                reasons.put(call, reason);
            }
        });
        state.put("identicalLinesTime", identicalLinesTime);
        ObjectNode identical = state.putObject("identicalLines");
        // Keyed by event id, not by the line, which may hold a number.
        identicalLines.forEach((line, count) -> identical.put(pseudonyms.eventId(line, 0), count));
        return state;
    }

    /** Continues from a {@link #state()}. */
    public void restore(JsonNode state) {
        state.path("calls").fields().forEachRemaining(e -> {
            entries.put(e.getKey(), e.getValue().get(0).asInt());
            lastSeen.put(e.getKey(), e.getValue().get(1).asLong());
            if (e.getValue().size() >= 4) {
                latestEvents.put(e.getKey(), new Latest(ContactEventType.valueOf(e.getValue().get(2).asText()), e.getValue().get(3).asText()));
            }
        });
        state.path("pendingReasons").fields().forEachRemaining(e -> pendingReasons.put(e.getKey(), e.getValue().asText()));
        state.path("agents").fields().forEachRemaining(e -> {
            Agent agent = new Agent(e.getValue().path("team").asText());
            agent.state = AgentState.valueOf(e.getValue().path("state").asText());
            e.getValue().path("queues").forEach(q -> agent.queues.add(q.asText()));
            agents.put(e.getKey(), agent);
        });
        identicalLinesTime = state.path("identicalLinesTime").asText("");
        state.path("identicalLines").fields().forEachRemaining(e -> restoredIdenticalLines.put(e.getKey(), e.getValue().asInt()));
    }

    private static boolean isAgentEvent(String event) {
        return AGENT_EVENTS.contains(event);
    }

    /** Whether the line of {@code event} is imported with its queue: a contact's outcome or an agent's line. */
    private static boolean usesQueue(String event) {
        return event.equals("ENTERQUEUE") || event.equals("CONNECT") || event.equals("EXITEMPTY") || ABANDONS.contains(event)
                || REFUSALS.contains(event) || ENDS.contains(event) || isAgentEvent(event);
    }

    /** The agent lines; false when {@code event} is none of them. */
    private boolean agentLine(String eventId, String event, String agentName, String queue, Instant at) {
        String agent = agentId(agentName);
        if (agent == null || !isAgentEvent(event)) {
            return false;
        }
        Agent known = agents.computeIfAbsent(agent, a -> new Agent(mapping.team(agentName)));
        switch (event) {
            case "AGENTLOGIN", "ADDMEMBER" -> {
                if (event.equals("ADDMEMBER") && !queue.equals("NONE")) {
                    known.queues.add(queue);
                }
                boolean wasLoggedOut = known.state == AgentState.LOGGED_OUT;
                if (wasLoggedOut) {
                    agent(eventId + ":in", agent, agentName, at, AgentState.LOGGED_IN, null, false);
                }
                agent(eventId, agent, agentName, at, wasLoggedOut ? AgentState.AVAILABLE : known.state, null, false);
            }
            case "REMOVEMEMBER" -> {
                known.queues.remove(queue);
                agent(eventId, agent, agentName, at, known.queues.isEmpty() ? AgentState.LOGGED_OUT : known.state, null, false);
            }
            case "AGENTLOGOFF" -> {
                known.queues.clear();
                agent(eventId, agent, agentName, at, AgentState.LOGGED_OUT, null, false);
            }
            case "PAUSE", "PAUSEALL" -> agent(eventId, agent, agentName, at, AgentState.AWAY, null, false);
            default -> agent(eventId, agent, agentName, at, AgentState.AVAILABLE, null, false); // UNPAUSE, UNPAUSEALL
        }
        return true;
    }

    private String newEntry(String uniqueId) {
        return uniqueId + "-" + entries.merge(uniqueId, 1, Integer::sum);
    }

    /** The contact of the call's latest queue entry (the first, when the log began after it). */
    private String currentEntry(String uniqueId) {
        return uniqueId + "-" + entries.getOrDefault(uniqueId, 1);
    }

    private String agentId(String agentName) {
        return agentName.isEmpty() || agentName.equals("NONE") ? null : pseudonyms.agent(agentName);
    }

    /**
     * A line of a reason event of its own (a dialplan's {@code QueueLog(…,REASON,verlenging)}): when the
     * call's latest queue entry is over, its last event again, at this line's time, with the reason (the
     * figures count a contact's first outcome and first end, so only the reason is new); otherwise the
     * reason waits for the call's next event (a voice-menu choice before the queue goes on its OFFERED).
     */
    private void reasonLine(String eventId, String uniqueId, String agentName, Instant at, String reason) {
        Latest latest = latestEvents.get(uniqueId);
        if (reason != null && uniqueId.equals("NONE")) {
            report.skipped(ImportReport.REASON_LINES);
        } else if (reason != null && latest != null && OVER.contains(latest.type())) {
            contact(eventId, uniqueId, currentEntry(uniqueId), latest.type(), latest.queue(), at,
                    latest.type() == ContactEventType.ENDED ? agentId(agentName) : null, null, reason);
        } else {
            if (reason != null) {
                pendingReasons.put(uniqueId, reason);
            }
            report.skipped(ImportReport.REASON_LINES);
        }
    }

    /** Writes a contact event; without a reason of its own it carries the call's waiting reason, if any. */
    private void contact(String eventId, String uniqueId, String contactId, ContactEventType type, String queue, Instant at, String agent,
                         String caller, String reason) {
        String waiting = pendingReasons.remove(uniqueId);
        latestEvents.put(uniqueId, new Latest(type, queue));
        out.accept(ContactEvent.newBuilder().setEventId(eventId).setContactId(contactId).setChannel(Channel.CALL).setType(type)
                .setQueue(queue).setOccurredAt(at).setAgentId(agent).setCallerKey(caller).setReason(reason != null ? reason : waiting).build());
        report.contactEventWritten();
    }

    private void agent(String eventId, String agent, String agentName, Instant at, AgentState state, String addQueue, boolean busy) {
        Agent known = agents.computeIfAbsent(agent, a -> new Agent(mapping.team(agentName)));
        if (addQueue != null && !addQueue.equals("NONE")) {
            known.queues.add(addQueue);
        }
        known.state = state;
        List<String> queues = new ArrayList<>(known.queues);
        out.accept(AgentEvent.newBuilder().setEventId(eventId).setAgentId(agent).setTeam(known.team).setQueues(queues)
                .setOccurredAt(at).setState(state).build());
        report.agentEventWritten();
    }
}
