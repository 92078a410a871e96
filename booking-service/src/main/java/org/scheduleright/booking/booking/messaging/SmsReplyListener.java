package org.scheduleright.booking.booking.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.scheduleright.booking.booking.BookingService;
import org.scheduleright.booking.booking.BookingService.ReplyHandling;
import org.scheduleright.booking.booking.domain.BookingId;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.kafka.CloudEventHeaders;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderReplied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows the reminder activity stream for the clients' SMS answers ({@code reminder.replied}) and confirms or cancels
 * the answered booking through {@link BookingService#answerSmsReply}, once per event id; every other reminder event is
 * skipped by its type header without being decoded. The record is acknowledged only after the change committed.
 */
@Component
class SmsReplyListener {

    private static final Logger log = LoggerFactory.getLogger(SmsReplyListener.class);

    /** The longest one reply may take to apply; a slower database fails the attempt, which the error handler retries. */
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final CloudEventCodec<ReminderActivity> codec = CloudEventCodec.of(ReminderActivity.STREAM);

    private final BookingService bookings;

    SmsReplyListener(BookingService bookings) {
        this.bookings = bookings;
    }

    /** Blocking is deliberate: the consumer must not commit the record before the booking change is stored. */
    @KafkaListener(
            id = "booking-service-sms-replies",
            topics = ReminderActivity.TOPIC,
            groupId = "${scheduleright.sms-replies.group-id:booking-service}",
            autoStartup = "${scheduleright.sms-replies.enabled:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventHeaders.value(record.headers(), CloudEventHeaders.TYPE);
        if (!ReminderReplied.TYPE.name().equals(type)) {
            return;
        }
        ReminderReplied reply = (ReminderReplied) codec.fromRecord(record);
        ReplyHandling handling = bookings.answerSmsReply(
                        reply.eventId(), new BookingId(reply.bookingId()), new OrgId(reply.orgId()), reply.answer())
                .block(APPLY_TIMEOUT);
        log.info(
                "SMS reply {} ({}) for booking {}: {}",
                reply.eventId(),
                reply.answer().wireName(),
                reply.bookingId(),
                handling == null ? "none" : handling.name().toLowerCase(java.util.Locale.ROOT));
    }
}
