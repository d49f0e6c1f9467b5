package nl.kic.analytics.domain.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.serde.BinaryWriter;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The stored forms of a contact: the compact record is small and judges as the full state did; the first format is still read. */
class ContactStateFormatTest {
    private static final ContactRules RULES = new ContactRules(5_000, 20_000, 60_000, 8 * 3_600_000L);
    private static final long OFFERED_AT = Instant.parse("2023-03-01T09:00:00Z").toEpochMilli();
    // As long as ids get: a UUID for the contact and for each event.
    private static final String CONTACT = "3f2b8c1e-9a4d-4e6f-b7a2-0c5d1e8f9a3b";
    private static final List<String> EVENT_IDS = List.of("5d9e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a",
            "6e0f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b", "7f1a3b4c-5d6e-4f7a-8b8c-9d0e1f2a3b4c");

    private static ContactEvent event(int index, ContactEventType type, long at) {
        return ContactEvent.newBuilder().setEventId(EVENT_IDS.get(index)).setContactId(CONTACT).setChannel(Channel.CALL)
                .setType(type).setQueue("naturalisatie").setOccurredAt(Instant.ofEpochMilli(at)).build();
    }

    /** A call answered after 17 min 40 s with 6 min 15 s of talk, as the processor leaves it. */
    private static ContactState answeredCall() {
        ContactState state = new ContactState();
        state.apply(event(0, ContactEventType.OFFERED, OFFERED_AT), () -> null);
        state.apply(event(1, ContactEventType.ANSWERED, OFFERED_AT + 1_060_000), () -> null);
        state.apply(event(2, ContactEventType.ENDED, OFFERED_AT + 1_435_000), () -> null);
        state.setCounted(state.judge(RULES, OFFERED_AT + 86_400_000));
        return state;
    }

    @Test
    void compactRecordOfAnAnsweredCallTakesAtMost128BytesWithItsKey() {
        byte[] value = ContactState.compactSerde().serializer().serialize("", answeredCall());
        int key = CONTACT.getBytes(StandardCharsets.UTF_8).length;
        assertThat(key + value.length).isLessThanOrEqualTo(128);
        // and much less than the full state, which keeps the ids themselves
        assertThat(ContactState.serde().serializer().serialize("", answeredCall()).length).isGreaterThan(value.length + 3 * 30);
    }

    @Test
    void compactRecordJudgesAndDropsDuplicatesAsTheFullStateDid() {
        ContactState full = answeredCall();
        Serde<ContactState> compact = ContactState.compactSerde();
        ContactState read = compact.deserializer().deserialize("", compact.serializer().serialize("", full.compacted()));

        assertThat(read.counted()).isEqualTo(full.counted());
        assertThat(read.counted().waitMillis()).isEqualTo(1_060_000);
        assertThat(read.counted().talkMillis()).isEqualTo(375_000);
        assertThat(read.judge(RULES, OFFERED_AT + 86_400_000)).isEqualTo(full.judge(RULES, OFFERED_AT + 86_400_000));
        assertThat(read.lastEventMillis()).isEqualTo(OFFERED_AT + 1_435_000);
        EVENT_IDS.forEach(id -> assertThat(read.hasSeen(id)).as(id).isTrue());
        assertThat(read.hasSeen("8a2b4c5d-6e7f-4a8b-9c9d-0e1f2a3b4c5d")).isFalse();

        // A late, earlier OFFERED of the same contact (another id) moves its wait, as it would have in full state.
        ContactEvent earlier = ContactEvent.newBuilder(event(0, ContactEventType.OFFERED, OFFERED_AT - 60_000)).setEventId("late").build();
        read.apply(earlier, () -> null);
        full.apply(earlier, () -> null);
        assertThat(read.judge(RULES, OFFERED_AT + 86_400_000)).isEqualTo(full.judge(RULES, OFFERED_AT + 86_400_000));
        assertThat(read.judge(RULES, OFFERED_AT + 86_400_000).waitMillis()).isEqualTo(1_120_000);
    }

    @Test
    void stateWrittenInTheFirstFormatIsRead() {
        // The first format, byte by byte: version 1, the ids, the events (type and channel as the
        // ordinals they had: OFFERED 0, ANSWERED 1; CALL 0), the last event time, no counted contribution.
        BinaryWriter v1 = new BinaryWriter(64).writeByte(1).writeStrings(List.of("e1", "e2")).writeVarLong(2);
        v1.writeByte(0).writeVarLong(OFFERED_AT).writeByte(0).writeString("asiel");
        v1.writeByte(1).writeVarLong(OFFERED_AT + 4_000).writeByte(0).writeString("asiel");
        v1.writeVarLong(OFFERED_AT + 4_000).writeByte(0);
        ContactState read = ContactState.serde().deserializer().deserialize("", v1.toByteArray());

        assertThat(read.hasSeen("e1")).isTrue();
        assertThat(read.hasSeen("e2")).isTrue();
        Contribution judged = read.judge(RULES, OFFERED_AT + 60_000);
        assertThat(judged.status()).isEqualTo(Contribution.Status.ANSWERED);
        assertThat(judged.queue()).isEqualTo("asiel");
        assertThat(judged.waitMillis()).isEqualTo(4_000);
        assertThat(judged.withinServiceLevel()).isTrue();
    }

    @Test
    void compactRecordOfARejectedContactKeepsItsQueue() {
        ContactState state = new ContactState();
        state.apply(ContactEvent.newBuilder().setEventId("r").setContactId("c").setChannel(Channel.CHAT)
                .setType(ContactEventType.REJECTED).setQueue("werk").setOccurredAt(Instant.ofEpochMilli(OFFERED_AT)).build(), () -> null);
        state.setCounted(state.judge(RULES, OFFERED_AT));
        Serde<ContactState> compact = ContactState.compactSerde();
        ContactState read = compact.deserializer().deserialize("", compact.serializer().serialize("", state.compacted()));
        assertThat(read.judge(RULES, OFFERED_AT)).isEqualTo(Contribution.rejected(Channel.CHAT, "werk", OFFERED_AT));
    }
}
