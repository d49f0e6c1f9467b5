package nl.kic.analytics.app;

import static nl.kic.analytics.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import nl.kic.analytics.domain.agents.AgentStatus;
import nl.kic.analytics.domain.agents.AgentTimeline;
import nl.kic.analytics.domain.agents.PresenceRow;
import nl.kic.analytics.domain.contacts.ContactIntervalStats;
import nl.kic.analytics.domain.contacts.ContactState;
import nl.kic.analytics.domain.contacts.Contribution;
import nl.kic.analytics.domain.emails.EmailContribution;
import nl.kic.analytics.domain.emails.EmailIntervalStats;
import nl.kic.analytics.domain.emails.EmailState;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.domain.intervals.IntervalKey;
import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.AgentState;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.events.EmailCategory;
import nl.kic.analytics.events.EmailComplexity;
import nl.kic.analytics.events.EmailEvent;
import nl.kic.analytics.events.EmailEventType;
import nl.kic.analytics.platform.config.KicConfig;
import nl.kic.analytics.platform.serde.BinaryWriter;
import nl.kic.analytics.platform.serde.Fingerprints;
import nl.kic.analytics.platform.serde.StoredFormatException;
import nl.kic.analytics.platform.time.ApplicationClock;
import nl.kic.analytics.platform.time.Granularity;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Every stored value, byte by byte as written out by hand from its documented layout (varints are
 * zig-zag: 1000 ms is D0 0F, the string "asiel" is 0A then its bytes). The previous formats, written
 * out the same way, are still read; a version newer than this build knows is refused with a message.
 * The live index and the e-mail backlog, whose codecs are package-private, have their own tests.
 */
class StoredFormatGoldenBytesTest {
    private static final String ASIEL = "0A 61 73 69 65 6C";
    private static final Contribution ANSWERED_CALL = new Contribution(Channel.CALL, "asiel", 1000, Contribution.Status.ANSWERED,
            60, 2, true, false);
    private static final EmailContribution OPEN_URGENT = new EmailContribution("URGENT", 1000, false, EmailContribution.Status.OPEN,
            EmailComplexity.SIMPLE, 3000, true, false, false);

    private static final Serde<Change<Contribution>> CONTACT_CHANGES = Change.serde(Contribution.CODEC);
    private static final Serde<Change<EmailContribution>> EMAIL_CHANGES = Change.serde(EmailContribution.CODEC);

    private static <T> byte[] write(Serde<T> serde, T value) {
        return serde.serializer().serialize("", value);
    }

    private static <T> T read(Serde<T> serde, byte[] bytes) {
        return serde.deserializer().deserialize("", bytes);
    }

    @Test
    void contactChangeIsVersionThreeWithTheCallerKeyAndReason() {
        // version 3 | only "after" | CALL 1 | "asiel" | contact time 1000 | ANSWERED 4 | wait 60 | talk 2 | within service level
        // | caller key "k7" | reason "" (none)
        Contribution keyed = ANSWERED_CALL.withCaller("k7", null);
        byte[] expected = bytes("03 | 02 | 01 | " + ASIEL + " | D0 0F | 04 | 78 | 04 | 01 | 04 6B 37 | 00");
        assertThat(write(CONTACT_CHANGES, new Change<>(null, keyed))).isEqualTo(expected);
        assertThat(read(CONTACT_CHANGES, expected)).isEqualTo(new Change<>(null, keyed));
    }

    @Test
    void contactChangeOfVersionTwoIsReadWithoutACallerKey() {
        assertThat(read(CONTACT_CHANGES, bytes("02 | 02 | 01 | " + ASIEL + " | D0 0F | 04 | 78 | 04 | 01")))
                .isEqualTo(new Change<>(null, ANSWERED_CALL));
    }

    @Test
    void contactChangeOfTheFirstFormatWithOrdinalsIsRead() {
        // version 1 | only "after" | CALL ordinal 0 | "asiel" | 1000 | ANSWERED ordinal 3 | 60 | 2 | flags
        assertThat(read(CONTACT_CHANGES, bytes("01 | 02 | 00 | " + ASIEL + " | D0 0F | 03 | 78 | 04 | 01")))
                .isEqualTo(new Change<>(null, ANSWERED_CALL));
    }

    @Test
    void emailChangeIsVersionThreeWithExplicitCodes() {
        // version 3 (an e-mail's contribution is as in version 2) | only "after" | "URGENT" | received 1000 | OPEN 3 | SIMPLE 1
        // | deadline 3000 | acknowledged on time
        byte[] expected = bytes("03 | 02 | 0C 55 52 47 45 4E 54 | D0 0F | 03 | 01 | F0 2E | 02");
        assertThat(write(EMAIL_CHANGES, new Change<>(null, OPEN_URGENT))).isEqualTo(expected);
        assertThat(read(EMAIL_CHANGES, expected)).isEqualTo(new Change<>(null, OPEN_URGENT));
        assertThat(read(EMAIL_CHANGES, bytes("02 | 02 | 0C 55 52 47 45 4E 54 | D0 0F | 03 | 01 | F0 2E | 02")))
                .isEqualTo(new Change<>(null, OPEN_URGENT));
        // The first format: OPEN ordinal 2, SIMPLE ordinal 0.
        assertThat(read(EMAIL_CHANGES, bytes("01 | 02 | 0C 55 52 47 45 4E 54 | D0 0F | 02 | 00 | F0 2E | 02")))
                .isEqualTo(new Change<>(null, OPEN_URGENT));
    }

    @Test
    void aChangeOfANewerVersionIsRefusedWithAMessage() {
        assertThatThrownBy(() -> read(CONTACT_CHANGES, bytes("04 02 01")))
                .isInstanceOf(StoredFormatException.class)
                .hasMessageContaining("format version 4, written by a newer kic-analytics")
                .hasMessageContaining("reads versions up to 3");
    }

    @Test
    void intervalKeyIsGranularityCodeStartAndSeries() {
        // DAY 2 | start 0 as a sortable long (sign bit flipped) | "CALL|asiel"
        byte[] expected = bytes("02 | 80 00 00 00 00 00 00 00 | 43 41 4C 4C 7C 61 73 69 65 6C");
        assertThat(new IntervalKey(Granularity.DAY, 0, "CALL|asiel").toBytes().get()).isEqualTo(expected);
        assertThat(IntervalKey.fromBytes(Bytes.wrap(expected))).isEqualTo(new IntervalKey(Granularity.DAY, 0, "CALL|asiel"));
        assertThat(IntervalKey.lowerBound(Granularity.FIFTEEN_MINUTES, 0).get()).isEqualTo(bytes("00 80 00 00 00 00 00 00 00"));
        assertThat(IntervalKey.upperBound(Granularity.YEAR, 0).get()).isEqualTo(bytes("05 80 00 00 00 00 00 00 00 FF"));
    }

    @Test
    void contactIntervalRowIsVersionTwo() {
        ContactIntervalStats row = ContactIntervalStats.CODEC.empty();
        row.add(new Contribution(Channel.CALL, "asiel", 1000, Contribution.Status.ANSWERED, 0, 2, true, false));
        // version 2 | offered 1, answered 1, abandoned, short abandoned, rejected, open, lost 0 | within service level 1
        // | wait sums 0, 0 | talk sum 2 | talk count 1 | longest wait 0 | answered waits: one zero, no buckets | abandoned: none
        byte[] expected = bytes("02 | 02 02 00 00 00 00 00 | 02 | 00 00 | 04 | 02 | 00 | 02 00 | 00 00");
        assertThat(ContactIntervalStats.CODEC.encode(row)).isEqualTo(expected);
        ContactIntervalStats read = ContactIntervalStats.CODEC.decode(expected);
        assertThat(ContactIntervalStats.CODEC.encode(read)).isEqualTo(expected);
    }

    @Test
    void emailIntervalRowIsVersionOne() {
        EmailIntervalStats row = EmailIntervalStats.CODEC.empty();
        row.add(OPEN_URGENT, +1);
        // version 1 | received gross 1 | spam 0 | answered 0 | closed without answer 0 | open 1 | acknowledged on time 1 | answered on time 0 | violations 0
        byte[] expected = bytes("01 | 02 | 00 | 00 | 00 | 02 | 02 | 00 | 00");
        assertThat(EmailIntervalStats.CODEC.encode(row)).isEqualTo(expected);
        assertThat(EmailIntervalStats.CODEC.encode(EmailIntervalStats.CODEC.decode(expected))).isEqualTo(expected);
        assertThatThrownBy(() -> EmailIntervalStats.CODEC.decode(bytes("02 02")))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("newer");
    }

    @Test
    void agentStatusIsVersionTwoAndTheFirstFormatIsRead() {
        AgentStatus status = new AgentStatus();
        status.apply(AgentEvent.newBuilder().setEventId("e1").setAgentId("a1").setTeam("t").setQueues(List.of("asiel"))
                .setOccurredAt(Instant.ofEpochMilli(1000)).setState(AgentState.LOGGED_IN).build(), 86_400_000);
        // version 2 | one seen event: "e1" at 1000 | team "t" | one queue "asiel" | LOGGED_IN 1 | since 1000
        byte[] expected = bytes("02 | 02 04 65 31 D0 0F | 02 74 | 02 " + ASIEL + " | 01 | D0 0F");
        assertThat(write(AgentStatus.serde(), status)).isEqualTo(expected);
        // The first format: LOGGED_IN ordinal 0.
        AgentStatus first = read(AgentStatus.serde(), bytes("01 | 02 04 65 31 D0 0F | 02 74 | 02 " + ASIEL + " | 00 | D0 0F"));
        assertThat(write(AgentStatus.serde(), first)).isEqualTo(expected);
    }

    private static ContactState offeredContact() {
        ContactState state = new ContactState();
        state.apply(ContactEvent.newBuilder().setEventId("e1").setContactId("c1").setChannel(Channel.CALL)
                .setType(ContactEventType.OFFERED).setQueue("asiel").setOccurredAt(Instant.ofEpochMilli(1000)).build(), () -> null);
        return state;
    }

    @Test
    void contactStateIsVersionFourAndItsCompactRecordVersionThree() {
        // version 4 | seen ["e1"] | no fingerprints | one event: OFFERED 1, CALL 1 without flags, at 1000, "asiel", no caller key "",
        // no reason "" | last 1000 | none counted
        byte[] full = bytes("04 | 02 04 65 31 | 00 | 02 | 01 | 01 | D0 0F | " + ASIEL + " | 00 | 00 | D0 0F | 00");
        assertThat(write(ContactState.serde(), offeredContact())).isEqualTo(full);
        assertThat(write(ContactState.serde(), read(ContactState.serde(), full))).isEqualTo(full);

        // version 3 | one fingerprint (of "e1") | one event: OFFERED 1 << 4 | CALL 1 (no caller part), first time 1000, "asiel"
        // | none counted
        byte[] fingerprint = new BinaryWriter(8).writeSortableLong(Fingerprints.of("e1")).toByteArray();
        byte[] compact = concat(bytes("03 | 02"), fingerprint, bytes("02 | 11 | D0 0F | " + ASIEL + " | 00"));
        assertThat(write(ContactState.compactSerde(), offeredContact())).isEqualTo(compact);
        assertThat(read(ContactState.compactSerde(), compact).hasSeen("e1")).isTrue();
    }

    @Test
    void contactStateKeepsTheCallerKeyAndReasonOfItsEvents() {
        ContactState state = offeredContact();
        state.apply(ContactEvent.newBuilder().setEventId("e2").setContactId("c1").setChannel(Channel.CALL).setType(ContactEventType.ENDED)
                .setQueue("asiel").setOccurredAt(Instant.ofEpochMilli(3000)).setCallerKey("k7").setReason("r").build(), () -> null);
        // version 4 | seen ["e1", "e2"] | no fingerprints | OFFERED at 1000 as before | ENDED 4, CALL 1, at 3000 (zigzag 6000 = F0 2E),
        // "asiel", "k7", "r" | last 3000 | none counted
        byte[] full = bytes("04 | 04 04 65 31 04 65 32 | 00 | 04 | 01 | 01 | D0 0F | " + ASIEL + " | 00 | 00"
                + " | 04 | 01 | F0 2E | " + ASIEL + " | 04 6B 37 | 02 72 | F0 2E | 00");
        assertThat(write(ContactState.serde(), state)).isEqualTo(full);
        assertThat(write(ContactState.serde(), read(ContactState.serde(), full))).isEqualTo(full);
        // The compact record keeps the key and reason (and drops the queue of an ENDED): its ENDED event written in full again is
        // ENDED 4, CALL 1, at 3000, no queue, "k7", "r" | last 3000 | none counted.
        ContactState compact = read(ContactState.compactSerde(), write(ContactState.compactSerde(), state));
        assertThat(write(ContactState.serde(), compact)).endsWith(bytes("04 | 01 | F0 2E | 00 | 04 6B 37 | 02 72 | F0 2E | 00"));
    }

    @Test
    void contactStateOfVersionThreeIsReadWithoutCallerKeys() {
        // version 3: as version 4 without the caller key and reason of each event, the counted contribution without them either
        byte[] v3 = bytes("03 | 02 04 65 31 | 00 | 02 | 01 | 01 | D0 0F | " + ASIEL + " | D0 0F | 01 | 01 " + ASIEL + " D0 0F 04 78 04 01");
        ContactState read = read(ContactState.serde(), v3);
        assertThat(read.counted()).isEqualTo(ANSWERED_CALL);
        assertThat(write(ContactState.serde(), read)).isEqualTo(bytes("04 | 02 04 65 31 | 00 | 02 | 01 | 01 | D0 0F | " + ASIEL
                + " | 00 | 00 | D0 0F | 01 | 01 " + ASIEL + " D0 0F 04 78 04 01 00 00"));
        byte[] fingerprint = new BinaryWriter(8).writeSortableLong(Fingerprints.of("e1")).toByteArray();
        byte[] compactV2 = concat(bytes("02 | 02"), fingerprint, bytes("02 | 11 | D0 0F | " + ASIEL + " | 01 | 01 " + ASIEL + " D0 0F 04 78 04 01"));
        assertThat(read(ContactState.compactSerde(), compactV2).counted()).isEqualTo(ANSWERED_CALL);
    }

    @Test
    void contactStateOfVersionTwoHasItsCountedContributionReadWithOrdinals() {
        // version 2: as version 3, but the counted contribution with ordinals: CALL 0, ANSWERED 3.
        byte[] v2 = bytes("02 | 02 04 65 31 | 00 | 02 | 01 | 01 | D0 0F | " + ASIEL + " | D0 0F | 01 | 00 " + ASIEL + " D0 0F 03 78 04 01");
        assertThat(read(ContactState.serde(), v2).counted()).isEqualTo(ANSWERED_CALL);
        // and the compact record of version 1 likewise
        byte[] compactV1 = bytes("01 | 00 | 02 | 11 | D0 0F | " + ASIEL + " | 01 | 00 " + ASIEL + " D0 0F 03 78 04 01");
        assertThat(read(ContactState.compactSerde(), compactV1).counted()).isEqualTo(ANSWERED_CALL);
        assertThatThrownBy(() -> read(ContactState.serde(), bytes("05 00")))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("contact state").hasMessageContaining("newer");
    }

    private static EmailState receivedEmail() {
        EmailState state = new EmailState();
        state.apply(EmailEvent.newBuilder().setEventId("e1").setEmailId("m1").setType(EmailEventType.RECEIVED)
                .setCategory(EmailCategory.URGENT).setOccurredAt(Instant.ofEpochMilli(1000)).build(), () -> null);
        return state;
    }

    @Test
    void emailStateIsVersionFourAndItsCompactRecordVersionThree() {
        // version 4 (e-mail events are as in version 3) | seen ["e1"] | no fingerprints | one event: RECEIVED 1, at 1000, URGENT 1 with
        // no complexity, no close reason | last 1000 | none counted
        byte[] full = bytes("04 | 02 04 65 31 | 00 | 02 | 01 | D0 0F | 01 | 00 | D0 0F | 00");
        assertThat(write(EmailState.serde(), receivedEmail())).isEqualTo(full);
        assertThat(write(EmailState.serde(), read(EmailState.serde(), full))).isEqualTo(full);
        assertThat(write(EmailState.serde(), read(EmailState.serde(), bytes("03 | 02 04 65 31 | 00 | 02 | 01 | D0 0F | 01 | 00 | D0 0F | 00"))))
                .isEqualTo(full);
        byte[] fingerprint = new BinaryWriter(8).writeSortableLong(Fingerprints.of("e1")).toByteArray();
        byte[] compact = concat(bytes("03 | 02"), fingerprint, bytes("02 | 01 | D0 0F | 01 | 00 | 00"));
        assertThat(write(EmailState.compactSerde(), receivedEmail())).isEqualTo(compact);
        // The previous versions, with a counted contribution in ordinals (OPEN 2, SIMPLE 0).
        String countedOrdinals = "01 | 0C 55 52 47 45 4E 54 D0 0F 02 00 F0 2E 02";
        assertThat(read(EmailState.serde(), bytes("02 | 02 04 65 31 | 00 | 02 | 01 | D0 0F | 01 | 00 | D0 0F | " + countedOrdinals))
                .counted()).isEqualTo(OPEN_URGENT);
        assertThat(read(EmailState.compactSerde(), bytes("01 | 00 | 02 | 01 | D0 0F | 01 | 00 | " + countedOrdinals)).counted())
                .isEqualTo(OPEN_URGENT);
    }

    @Test
    void agentTimelineDayKeyIsTheIdsLengthTheIdAndTheDay() {
        // 2023-03-01 is day 19,417 since 1970-01-01 (0x4BD9)
        byte[] expected = bytes("00 00 00 02 | 61 31 | 00 00 00 00 00 00 4B D9");
        assertThat(AgentTimeline.dayKey("a1", AgentTimeline.epochDay(Instant.parse("2023-03-01T12:00:00Z").toEpochMilli())).get())
                .isEqualTo(expected);
        assertThat(AgentTimeline.agentOf(Bytes.wrap(expected))).isEqualTo("a1");
        assertThat(AgentTimeline.dayOf(Bytes.wrap(expected))).isEqualTo(19_417);
    }

    @Test
    void agentTimelineIsVersionOne() {
        AgentTimeline timeline = new AgentTimeline();
        timeline.insert(AgentTimeline.Entry.of(AgentEvent.newBuilder().setEventId("e1").setAgentId("a1").setTeam("t")
                .setQueues(List.of("asiel")).setOccurredAt(Instant.ofEpochMilli(1000)).setState(AgentState.LOGGED_IN).build()), null, null);
        // version 1 | one entry: "e1" | at 1000 | LOGGED_IN 1 | one queue "asiel"
        byte[] expected = bytes("01 | 02 | 04 65 31 | D0 0F | 01 | 02 " + ASIEL);
        assertThat(write(AgentTimeline.serde(), timeline)).isEqualTo(expected);
        assertThat(write(AgentTimeline.serde(), read(AgentTimeline.serde(), expected))).isEqualTo(expected);
        assertThatThrownBy(() -> read(AgentTimeline.serde(), bytes("02 00")))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("newer");
    }

    @Test
    void agentPresenceRowIsVersionOne() {
        // version 1 | 900,000 ms (a quarter hour), zigzag 1,800,000 = 0x1B7740 in groups of 7 bits: 40, 6E, 6D
        byte[] expected = bytes("01 | C0 EE 6D");
        PresenceRow row = PresenceRow.CODEC.decode(expected);
        assertThat(row.presentMillis()).isEqualTo(900_000);
        assertThat(PresenceRow.CODEC.encode(row)).isEqualTo(expected);
        assertThatThrownBy(() -> PresenceRow.CODEC.decode(bytes("02 00")))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("newer");
    }

    @Test
    void everyWrittenFormatIsListedForTheStartUpCheck() {
        assertThat(StoredFormats.written(Domains.standard(KicConfig.defaults(), ApplicationClock.system()))).containsEntry("contact-state", 4).containsEntry("contact-compact-record", 3)
                .containsEntry("email-state", 4).containsEntry("email-compact-record", 3).containsEntry("change", 3)
                .containsEntry("contact-interval-row", 2).containsEntry("email-interval-row", 1).containsEntry("agent-status", 2)
                .containsEntry("live-outcome", 2).containsEntry("email-backlog-entry", 2)
                .containsEntry("agent-timeline", 1).containsEntry("agent-presence-row", 1)
                .containsEntry("caller-state", 1).containsEntry("caller-row", 1).containsEntry("reason-row", 2).containsEntry("attempt-change", 1)
                .hasSize(16);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
