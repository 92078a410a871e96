package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;
import org.scheduleright.events.EventType;

/**
 * The SMS provider reported a reminder delivered to the handset.
 *
 * @param eventId the event id, published as {@code ce_id}
 * @param reminderId the reminder
 * @param bookingId the booking it reminds of, published as {@code ce_subject} and used as the Kafka key; {@code null}
 *     for a hand-written message to a bare number (then the reminder id is the subject and key)
 * @param orgId the booking's organisation
 * @param scheduledFor when the reminder is or was due
 * @param occurredAt when this happened, published as {@code ce_time}
 * @param leadTimeHours hours before the appointment the reminder is due, or {@code null} for one sent by hand
 * @param segments how many SMS segments the message took, or {@code null} when not known
 */
public record ReminderDelivered(
        UUID eventId,
        UUID reminderId,
        UUID bookingId,
        UUID orgId,
        Instant scheduledFor,
        Instant occurredAt,
        Integer leadTimeHours,
        Integer segments)
        implements ReminderActivity {

    public static final EventType<ReminderDelivered> TYPE =
            EventType.of("org.scheduleright.reminder.delivered.v1", ReminderDelivered.class);

    public ReminderDelivered {
        ReminderChecks.requireValid(eventId, reminderId, bookingId, orgId, scheduledFor, leadTimeHours, occurredAt);
        ReminderChecks.requireSegments(segments);
    }

    @Override
    @JsonIgnore
    public UUID subject() {
        return ReminderChecks.subject(bookingId, reminderId);
    }

    @Override
    public ReminderStatus status() {
        return ReminderStatus.DELIVERED;
    }
}
