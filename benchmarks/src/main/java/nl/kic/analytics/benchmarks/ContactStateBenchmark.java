package nl.kic.analytics.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import nl.kic.analytics.domain.contacts.ContactRules;
import nl.kic.analytics.domain.contacts.ContactState;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.domain.entity.Applied;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.config.KicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-contact state update of {@code contact-state}, without the store around it: one event is
 * checked for duplicates, kept, and the contact judged; between events the state goes through its
 * serde, as it does through the store. One operation is one event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ContactStateBenchmark {
    private static final long OFFERED_AT = Instant.parse("2023-06-05T09:00:00Z").toEpochMilli();

    private final Serde<ContactState> serde = ContactState.serde();
    private ContactRules rules;
    private ContactEvent offered;
    private ContactEvent answered;
    private ContactEvent ended;
    private byte[] waiting;
    private byte[] talking;

    @Setup
    public void setUp() {
        rules = ContactRules.from(KicConfig.defaults());
        offered = event("e-1", ContactEventType.OFFERED, OFFERED_AT);
        answered = event("e-2", ContactEventType.ANSWERED, OFFERED_AT + 1_080_000);
        ended = event("e-3", ContactEventType.ENDED, OFFERED_AT + 1_500_000);
        waiting = stored(offered);
        talking = stored(offered, answered);
    }

    private static ContactEvent event(String eventId, ContactEventType type, long atMillis) {
        return ContactEvent.newBuilder().setEventId(eventId).setContactId("c-000123456").setChannel(Channel.CALL).setType(type)
                .setQueue("verblijf").setOccurredAt(Instant.ofEpochMilli(atMillis)).setAgentId(null).build();
    }

    private byte[] stored(ContactEvent... events) {
        ContactState state = new ContactState();
        for (ContactEvent e : events) {
            state.apply(e, () -> null);
            state.setCounted(state.judge(rules, e.getOccurredAt().toEpochMilli()));
        }
        return serde.serializer().serialize("", state);
    }

    /** The step the processor takes per event: read the state, drop a duplicate, keep, judge, write. */
    private byte[] step(byte[] stored, ContactEvent event) {
        ContactState state = stored == null ? new ContactState() : serde.deserializer().deserialize("", stored);
        if (state.apply(event, () -> null).result() != Applied.Result.ACCEPTED) {
            throw new IllegalStateException("not a first, possible event");
        }
        Contribution judged = state.judge(rules, event.getOccurredAt().toEpochMilli());
        state.setCounted(judged);
        return serde.serializer().serialize("", state);
    }

    @Benchmark
    public byte[] offeredOfANewContact() {
        return step(null, offered);
    }

    @Benchmark
    public byte[] answeredOfAWaitingContact() {
        return step(waiting, answered);
    }

    @Benchmark
    public byte[] endedOfATalkingContact() {
        return step(talking, ended);
    }
}
