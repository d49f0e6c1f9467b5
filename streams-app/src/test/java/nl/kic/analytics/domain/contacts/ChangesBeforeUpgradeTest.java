package nl.kic.analytics.domain.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import nl.kic.analytics.TopologyHarness;
import nl.kic.analytics.domain.intervals.Change;
import nl.kic.analytics.events.Channel;
import nl.kic.analytics.events.ContactEventType;
import nl.kic.analytics.platform.time.Granularity;
import org.junit.jupiter.api.Test;

/**
 * After an upgrade from a version that sent every change through a repartition topic, the changes it
 * had sent but not applied when it stopped still count, once, in the rows of the task that reads them.
 */
class ChangesBeforeUpgradeTest {

    @Test
    void aChangeLeftInTheEarlierRepartitionTopicCountsInItsRowsOnce() {
        try (TopologyHarness harness = new TopologyHarness("2023-03-01T12:00:00+01:00")) {
            harness.send("k1", Channel.CALL, ContactEventType.OFFERED, "asiel", "2023-03-01T09:00:00+01:00");
            harness.send("k1", Channel.CALL, ContactEventType.ANSWERED, "asiel", "2023-03-01T09:01:00+01:00");
            // The name Kafka Streams gave the repartition topic of the earlier version.
            String topic = "kic-analytics-contact-changes-by-queue-repartition";

            // k2, offered at 09:05 and answered after 30 s, as the earlier version sent it: keyed by its series.
            long offered = OffsetDateTime.parse("2023-03-01T09:05:00+01:00").toInstant().toEpochMilli();
            Contribution k2 = new Contribution(Channel.CALL, "asiel", offered, Contribution.Status.ANSWERED, 30_000, -1, true, false);
            harness.sendRaw(topic, "CALL|asiel", Change.serde(Contribution.CODEC).serializer().serialize(topic, new Change<>(null, k2)));

            ContactFigures quarter = harness.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-03-01T09:00:00+01:00");
            assertThat(quarter.offered()).isEqualTo(2);
            assertThat(quarter.answered()).isEqualTo(2);
            assertThat(harness.row(Granularity.DAY, Channel.CALL, "ALL", "2023-03-01T00:00:00+01:00").answered()).isEqualTo(2);

            // Its retraction, sent too (the contact was judged again before the stop), takes it out again.
            harness.sendRaw(topic, "CALL|asiel", Change.serde(Contribution.CODEC).serializer().serialize(topic, new Change<>(k2, null)));
            assertThat(harness.row(Granularity.FIFTEEN_MINUTES, Channel.CALL, "asiel", "2023-03-01T09:00:00+01:00").offered()).isEqualTo(1);
        }
    }

    /**
     * After the upgrade a contact counted in the earlier version's row (in the partition of its queue)
     * changes in the part of its own partition: that part holds the retraction and the addition only,
     * with no contact offered in it, and must be kept, so that the parts still add up.
     */
    @Test
    void aPartHoldingOnlyTheChangeOfAContactCountedInAnotherPartIsKept() {
        long offered = OffsetDateTime.parse("2023-03-01T09:05:00+01:00").toInstant().toEpochMilli();
        Contribution open = Contribution.waiting(Channel.CALL, "asiel", offered, false);
        Contribution answered = new Contribution(Channel.CALL, "asiel", offered, Contribution.Status.ANSWERED, 30_000, -1, true, false);
        ContactIntervalStats earlierPart = ContactIntervalStats.CODEC.empty();
        ContactKind.INTERVAL_ROWS.apply().apply(earlierPart, null, open);
        ContactIntervalStats newPart = ContactIntervalStats.CODEC.empty();
        ContactKind.INTERVAL_ROWS.apply().apply(newPart, open, answered);

        assertThat(newPart.offered).isZero();
        assertThat(ContactIntervalStats.CODEC.isEmpty(newPart)).isFalse();
        ContactIntervalStats row = ContactIntervalStats.CODEC.empty();
        row.merge(ContactIntervalStats.CODEC.decode(ContactIntervalStats.CODEC.encode(earlierPart)));
        row.merge(ContactIntervalStats.CODEC.decode(ContactIntervalStats.CODEC.encode(newPart)));
        assertThat(row.offered).isEqualTo(1);
        assertThat(row.open).isZero();
        assertThat(row.answered).isEqualTo(1);
        assertThat(row.answeredWithinServiceLevel).isEqualTo(1);
        assertThat(row.maxWaitMillis).isEqualTo(30_000);
    }
}
