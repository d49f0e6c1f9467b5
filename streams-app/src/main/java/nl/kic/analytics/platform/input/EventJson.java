package nl.kic.analytics.platform.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.CloseReason;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON Lines form of events: one object per line with {@code "kind": "contact" | "email" |
 * "agent"} and the Avro field names; {@code occurredAt} an ISO-8601 instant ({@code Z} or an
 * offset); enums by name; optional fields left out or null. A line the simulator wrote also has
 * {@code "simulated": true} ({@link SimulatedMarker}); other fields are not read.
 */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One JSON object a line: a second one on the same line is an error, never silently dropped. */
    private static final ObjectReader ONE_VALUE = JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private EventJson() {
    }

    /** An event read from its line, and whether the line carries the simulator's marker. */
    public record JsonEvent(SpecificRecord event, boolean simulated) {
    }

    /** Parses one line; throws {@link IllegalArgumentException} whose message says why it cannot be read. */
    public static SpecificRecord parse(String line) {
        return read(line).event();
    }

    /** Parses one line with its marker; throws {@link IllegalArgumentException} whose message says why it cannot be read. */
    public static JsonEvent read(String line) {
        JsonNode node;
        try {
            node = ONE_VALUE.readValue(line);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text it stumbled on: only where, never what.
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            String where = column > 0 ? " (at column " + column + ")" : "";
            boolean trailing = e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token");
            throw new IllegalArgumentException((trailing ? "more than one JSON value on the line" : "not valid JSON") + where);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String kind = text(node, "kind");
        SpecificRecord event = switch (kind) {
            case "contact" -> ContactEvent.newBuilder()
                    .setEventId(text(node, "eventId"))
                    .setContactId(text(node, "contactId"))
                    .setChannel(enumValue(node, "channel", Channel.class))
                    .setType(enumValue(node, "type", ContactEventType.class))
                    .setQueue(text(node, "queue"))
                    .setOccurredAt(instant(node))
                    .setAgentId(optionalText(node, "agentId"))
                    .setCallerKey(optionalText(node, "callerKey"))
                    .setReason(optionalText(node, "reason"))
                    .build();
            case "email" -> EmailEvent.newBuilder()
                    .setEventId(text(node, "eventId"))
                    .setEmailId(text(node, "emailId"))
                    .setOccurredAt(instant(node))
                    .setType(enumValue(node, "type", EmailEventType.class))
                    .setCategory(optionalEnum(node, "category", EmailCategory.class))
                    .setComplexity(optionalEnum(node, "complexity", EmailComplexity.class))
                    .setCloseReason(optionalEnum(node, "closeReason", CloseReason.class))
                    .build();
            case "agent" -> AgentEvent.newBuilder()
                    .setEventId(text(node, "eventId"))
                    .setAgentId(text(node, "agentId"))
                    .setTeam(text(node, "team"))
                    .setQueues(queues(node))
                    .setOccurredAt(instant(node))
                    .setState(enumValue(node, "state", AgentState.class))
                    .build();
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; expected contact, email or agent");
        };
        return new JsonEvent(event, simulated(node));
    }

    /** The JSON line of an event, as {@link #parse} reads it. */
    public static String toJson(SpecificRecord event) {
        return toJson(event, false);
    }

    /** The JSON line of an event, with the simulator's marker when {@code simulated}. */
    public static String toJson(SpecificRecord event, boolean simulated) {
        ObjectNode node = JSON.createObjectNode();
        if (event instanceof ContactEvent e) {
            node.put("kind", "contact").put("eventId", e.getEventId()).put("contactId", e.getContactId())
                    .put("channel", e.getChannel().name()).put("type", e.getType().name()).put("queue", e.getQueue())
                    .put("occurredAt", e.getOccurredAt().toString());
            if (e.getAgentId() != null) {
                node.put("agentId", e.getAgentId());
            }
            if (e.getCallerKey() != null) {
                node.put("callerKey", e.getCallerKey());
            }
            if (e.getReason() != null) {
                node.put("reason", e.getReason());
            }
        } else if (event instanceof EmailEvent e) {
            node.put("kind", "email").put("eventId", e.getEventId()).put("emailId", e.getEmailId())
                    .put("occurredAt", e.getOccurredAt().toString()).put("type", e.getType().name());
            if (e.getCategory() != null) {
                node.put("category", e.getCategory().name());
            }
            if (e.getComplexity() != null) {
                node.put("complexity", e.getComplexity().name());
            }
            if (e.getCloseReason() != null) {
                node.put("closeReason", e.getCloseReason().name());
            }
        } else if (event instanceof AgentEvent e) {
            node.put("kind", "agent").put("eventId", e.getEventId()).put("agentId", e.getAgentId()).put("team", e.getTeam());
            ArrayNode queues = node.putArray("queues");
            e.getQueues().forEach(queues::add);
            node.put("occurredAt", e.getOccurredAt().toString()).put("state", e.getState().name());
        } else {
            throw new IllegalArgumentException("not an event: " + event.getClass().getName());
        }
        if (simulated) {
            node.put(SimulatedMarker.JSON_FIELD, true);
        }
        return node.toString();
    }

    /** The marker: absent or null is false; anything but a JSON boolean is refused, so that "yes" or 1 never passes unseen. */
    private static boolean simulated(JsonNode node) {
        JsonNode value = node.get(SimulatedMarker.JSON_FIELD);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("field '" + SimulatedMarker.JSON_FIELD + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field);
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
        String name = text(node, field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' has unknown value '" + name + "'");
        }
    }

    private static <E extends Enum<E>> E optionalEnum(JsonNode node, String field, Class<E> type) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : enumValue(node, field, type);
    }

    private static Instant instant(JsonNode node) {
        String value = text(node, "occurredAt");
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field 'occurredAt' is not an ISO-8601 instant with Z or an offset");
        }
        // Event times are kept in milliseconds since 1970: further than that reaches is no event time.
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("field 'occurredAt' lies outside the years 0001 to 9999");
        }
        return instant;
    }

    private static List<String> queues(JsonNode node) {
        JsonNode value = node.get("queues");
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("field 'queues' must be an array of strings");
        }
        List<String> queues = new ArrayList<>();
        for (JsonNode q : value) {
            if (!q.isTextual()) {
                throw new IllegalArgumentException("field 'queues' must be an array of strings");
            }
            queues.add(q.asText());
        }
        return queues;
    }
}
