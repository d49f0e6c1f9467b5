package nl.kic.analytics.time;

import nl.kic.analytics.events.AgentEvent;
import nl.kic.analytics.events.ContactEvent;
import nl.kic.analytics.events.EmailEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for the input topics: the event's {@code occurredAt}, not the time a producer sent it.
 * Interval figures, stream time and retention all follow it.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
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
