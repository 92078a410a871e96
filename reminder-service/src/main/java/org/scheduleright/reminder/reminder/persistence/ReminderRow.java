package org.scheduleright.reminder.reminder.persistence;

import java.time.Instant;
import java.util.UUID;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;

/** One row of the reminders table. */
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
        String twilioSid) {}
