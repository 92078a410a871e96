package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;
import org.scheduleright.events.EventType;

/**
 * A reminder was planned for a booking.
 *
 * @param eventId the event id, published as {@code ce_id}
 * @param reminderId the reminder
 * @param bookingId the booking it reminds of, published as {@code ce_subject} and used as the Kafka key; {@code null}
 *     for a hand-written message to a bare number (then the reminder id is the subject and key)
 * @param orgId the booking's organisation
 * @param scheduledFor when the reminder is or was due
 * @param occurredAt when this happened, published as {@code ce_time}
 * @param leadTimeHours hours before the appointment the reminder is due, or {@code null} for one sent by hand
 */
public record ReminderScheduled(
        UUID eventId,
        UUID reminderId,
        UUID bookingId,
        UUID orgId,
        Instant scheduledFor,
        Instant occurredAt,
        Integer leadTimeHours)
        implements ReminderActivity {

    public static final EventType<ReminderScheduled> TYPE =
            EventType.of("org.scheduleright.reminder.scheduled.v1", ReminderScheduled.class);

    public ReminderScheduled {
        ReminderChecks.requireValid(eventId, reminderId, bookingId, orgId, scheduledFor, leadTimeHours, occurredAt);
    }

    @Override
    @JsonIgnore
    public UUID subject() {
        return ReminderChecks.subject(bookingId, reminderId);
    }

    @Override
    public ReminderStatus status() {
        return ReminderStatus.SCHEDULED;
    }
}
