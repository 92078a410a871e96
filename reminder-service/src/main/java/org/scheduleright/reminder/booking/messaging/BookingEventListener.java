package org.scheduleright.reminder.booking.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.platform.tracing.TraceParents;
import org.scheduleright.reminder.booking.BookingEventHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes the booking lifecycle stream one record at a time per partition (the key is the booking id, so each
 * booking's events stay in order) and acknowledges a record only after its database transaction committed. Several
 * consumer threads ({@code scheduleright.reminders.consumer.concurrency}) share the topic's partitions, each partition
 * read by one thread only; instances of the service split the partitions between them.
 */
@Component
class BookingEventListener {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final CloudEventCodec<BookingLifecycle> codec = CloudEventCodec.of(BookingLifecycle.STREAM);

    private final BookingEventHandler handler;

    BookingEventListener(BookingEventHandler handler) {
        this.handler = handler;
    }

    /**
     * Applies one booking event; blocking is deliberate here, since the listener thread must not take the next record
     * of the partition before this one is stored. Runs in the container's consumer span (a child of the record's
     * {@code traceparent}), whose context the reminders it plans keep.
     */
    @KafkaListener(
            id = "reminder-service-bookings",
            topics = BookingLifecycle.TOPIC,
            concurrency = "${scheduleright.reminders.consumer.concurrency:1}",
            groupId = "${spring.kafka.consumer.group-id:reminder-service}")
    void on(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        BookingLifecycle event = codec.fromRecord(record);
        handler.apply(event, TraceParents.current()).block(APPLY_TIMEOUT);
        acknowledgment.acknowledge();
    }
}
