package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.scheduleright.events.EventType;

/**
 * The recipient of a reminder answered it by SMS, asking to confirm or cancel the booking; booking-service acts on it.
 * Neither the number nor the text of the reply is in the event.
 *
 * @param eventId the event id, published as {@code ce_id}; derived from the inbound message, so that a webhook Twilio
 *     repeats publishes the same id
 * @param reminderId the reminder that was answered
 * @param bookingId the booking it reminds of, published as {@code ce_subject} and used as the Kafka key
 * @param orgId the booking's organisation
 * @param answer what the recipient asked for
 * @param scheduledFor when the answered reminder was due
 * @param occurredAt when the reply arrived, published as {@code ce_time}
 * @param leadTimeHours hours before the appointment the answered reminder was due, or {@code null} for another kind
 */
public record ReminderReplied(
        UUID eventId,
        UUID reminderId,
        UUID bookingId,
        UUID orgId,
        ReplyAnswer answer,
        Instant scheduledFor,
        Instant occurredAt,
        Integer leadTimeHours)
        implements ReminderActivity {

    public static final EventType<ReminderReplied> TYPE =
            EventType.of("org.scheduleright.reminder.replied.v1", ReminderReplied.class);

    public ReminderReplied {
        ReminderChecks.requireValid(eventId, reminderId, bookingId, orgId, scheduledFor, leadTimeHours, occurredAt);
        Objects.requireNonNull(bookingId, "bookingId must not be null: a reply always answers a booking's message");
        Objects.requireNonNull(answer, "answer must not be null");
    }

    @Override
    @JsonIgnore
    public UUID subject() {
        return bookingId;
    }

    @Override
    public ReminderStatus status() {
        return ReminderStatus.REPLIED;
    }
}
