package org.scheduleright.reminder.reminder.persistence;

import java.time.Instant;
import java.util.UUID;
import org.scheduleright.events.contact.EncryptedContact;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;

/**
 * One row of the reminders table.
 *
 * @param bookingId the booking, or null for a hand-written message to a bare number
 * @param appointmentStart the appointment the SMS is about, or null without a booking
 * @param body the hand-written text, or null when the text is rendered at send time
 * @param recipient the encrypted number of a message without a booking, else null
 * @param traceparent the W3C trace context of what planned the reminder, or null
 */
public record ReminderRow(
        UUID id,
        UUID bookingId,
        UUID orgId,
        Integer leadTimeHours,
        Instant appointmentStart,
        Instant plannedAt,
        ReminderStatus status,
        String reason,
        Integer segments,
        String twilioSid,
        ReminderKind kind,
        String body,
        EncryptedContact recipient,
        String traceparent) {}
