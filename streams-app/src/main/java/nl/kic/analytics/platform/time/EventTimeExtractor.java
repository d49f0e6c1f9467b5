package nl.kic.analytics.platform.time;

import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for the input topics: the event's {@code occurredAt}, not the time a producer sent it.
 * Interval figures, stream time and retention all follow it. A time before 1970 would make Kafka
 * Streams drop the record unseen: it gets the partition's time instead, so that the processor sees
 * the event and dead-letters it as implausibly old, and it is counted in the data quality.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long time = eventTime(record);
        return time >= 0 ? time : Math.max(partitionTime, 0);
    }

    private static long eventTime(ConsumerRecord<Object, Object> record) {
        Object value = record.value();
        if (value instanceof ContactEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        if (value instanceof EmailEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        if (value instanceof AgentEvent e) {
            return e.getOccurredAt().toEpochMilli();
        }
        return record.timestamp();
    }
}
