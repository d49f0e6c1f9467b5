package nl.kic.analytics.tools.replay;

import java.time.ZoneId;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.errors.DeadLetterReason;
import nl.kic.analytics.platform.registry.ConfluentAvroSerde;
import nl.kic.analytics.platform.registry.SchemaRegistryClient;
import nl.kic.analytics.platform.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The refused events of a replay, per channel and local day of their {@code occurredAt}: the dead
 * letters whose reason says the event was readable but not taken in ({@link #REASONS}), decoded as
 * the topology decoded them. A report needs them to say how much of a day's traffic the figures
 * leave out. Agent events are no channel's and are not counted here. A dead letter that cannot be
 * decoded again (no source topic, another schema) is counted under {@link #UNKNOWN_CHANNEL} and
 * {@link #UNKNOWN_DAY} rather than lost.
 */
final class RefusedEvents {
    /** The dead-letter reasons of an event refused for its time or its name. */
    static final Set<DeadLetterReason> REASONS = Set.of(DeadLetterReason.TOO_LATE, DeadLetterReason.IMPLAUSIBLY_OLD,
            DeadLetterReason.FUTURE_TIME, DeadLetterReason.INVALID_NAME);
    static final String EMAIL_CHANNEL = "EMAIL";
    static final String UNKNOWN_CHANNEL = "UNKNOWN";
    static final String UNKNOWN_DAY = "unknown";

    private final String contactTopic;
    private final String emailTopic;
    private final String agentTopic;
    private final ZoneId zone;
    private final ConfluentAvroSerde<ContactEvent> contacts;
    private final ConfluentAvroSerde<EmailEvent> emails;
    private final SortedMap<String, SortedMap<String, Long>> byChannelAndDay = new TreeMap<>();

    RefusedEvents(KicConfig config, SchemaRegistryClient registry) {
        this.contactTopic = config.contactEventsTopic();
        this.emailTopic = config.emailEventsTopic();
        this.agentTopic = config.agentEventsTopic();
        this.zone = config.zone();
        this.contacts = ConfluentAvroSerde.forValues(registry, ContactEvent.getClassSchema());
        this.emails = ConfluentAvroSerde.forValues(registry, EmailEvent.getClassSchema());
    }

    /** Counts one dead letter: {@code reason} and {@code sourceTopic} from its headers (either may be null), its original value. */
    void deadLetter(String reason, String sourceTopic, byte[] value) {
        if (reason == null || DeadLetterReason.fromHeader(reason).filter(REASONS::contains).isEmpty() || agentTopic.equals(sourceTopic)) {
            return;
        }
        String channel = UNKNOWN_CHANNEL;
        String day = UNKNOWN_DAY;
        try {
            if (contactTopic.equals(sourceTopic)) {
                ContactEvent event = contacts.deserialize(sourceTopic, value);
                if (event != null) {
                    channel = event.getChannel().name();
                    day = event.getOccurredAt().atZone(zone).toLocalDate().toString();
                }
            } else if (emailTopic.equals(sourceTopic)) {
                EmailEvent event = emails.deserialize(sourceTopic, value);
                if (event != null) {
                    channel = EMAIL_CHANNEL;
                    day = event.getOccurredAt().atZone(zone).toLocalDate().toString();
                }
            }
        } catch (SerializationException | SchemaRegistryException e) {
            // Counted as unknown: the count of refused events stays whole even when one cannot be placed.
            channel = UNKNOWN_CHANNEL;
            day = UNKNOWN_DAY;
        }
        byChannelAndDay.computeIfAbsent(channel, c -> new TreeMap<>()).merge(day, 1L, Long::sum);
    }

    /** Channel ({@code CALL}, {@code CHAT}, {@code EMAIL}, {@code UNKNOWN}) → ISO local date → refused events. */
    SortedMap<String, SortedMap<String, Long>> byChannelAndDay() {
        SortedMap<String, SortedMap<String, Long>> copy = new TreeMap<>();
        byChannelAndDay.forEach((channel, days) -> copy.put(channel, Collections.unmodifiableSortedMap(new TreeMap<>(days))));
        return Collections.unmodifiableSortedMap(copy);
    }
}
