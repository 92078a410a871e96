package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;
import org.scheduleright.events.EventType;

/**
 * A reminder was deliberately not sent, for example because the number opted out or the quota was used up.
 *
 * @param eventId the event id, published as {@code ce_id}
 * @param reminderId the reminder
 * @param bookingId the booking it reminds of, published as {@code ce_subject} and used as the Kafka key; {@code null}
 *     for a hand-written message to a bare number (then the reminder id is the subject and key)
 * @param orgId the booking's organisation
 * @param reason a lower-case reason code such as {@code opted_out}, {@code quota_exceeded} or {@code twilio:30007}; never free text
 * @param scheduledFor when the reminder is or was due
 * @param occurredAt when this happened, published as {@code ce_time}
 * @param leadTimeHours hours before the appointment the reminder is due, or {@code null} for one sent by hand
 */
public record ReminderSkipped(
        UUID eventId,
        UUID reminderId,
        UUID bookingId,
        UUID orgId,
        String reason,
        Instant scheduledFor,
        Instant occurredAt,
        Integer leadTimeHours)
        implements ReminderActivity {

    public static final EventType<ReminderSkipped> TYPE =
            EventType.of("org.scheduleright.reminder.skipped.v1", ReminderSkipped.class);

    public ReminderSkipped {
        ReminderChecks.requireValid(eventId, reminderId, bookingId, orgId, scheduledFor, leadTimeHours, occurredAt);
        ReminderChecks.requireReason(reason);
    }

    @Override
    @JsonIgnore
    public UUID subject() {
        return ReminderChecks.subject(bookingId, reminderId);
    }

    @Override
    public ReminderStatus status() {
        return ReminderStatus.SKIPPED;
    }
}
