package org.scheduleright.reminder.reminder.messaging;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderDelivered;
import org.scheduleright.events.reminder.ReminderFailed;
import org.scheduleright.events.reminder.ReminderScheduled;
import org.scheduleright.events.reminder.ReminderSent;
import org.scheduleright.events.reminder.ReminderSkipped;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;

/**
 * Which activity event a reminder's status raises: scheduled, sent, delivered, failed and skipped have one (a message
 * to a bare number too, without booking id); sending, cancelled and unknown have none.
 */
final class ActivityOfStatus {

    private ActivityOfStatus() {}

    static Optional<ReminderActivity> of(ReminderRow row, UUID eventId, Instant now) {
        return Optional.ofNullable(
                switch (row.status()) {
                    case SCHEDULED ->
                        new ReminderScheduled(
                                eventId,
                                row.id(),
                                row.bookingId(),
                                row.orgId(),
                                row.plannedAt(),
                                now,
                                row.leadTimeHours());
                    case SENT ->
                        new ReminderSent(
                                eventId,
                                row.id(),
                                row.bookingId(),
                                row.orgId(),
                                row.plannedAt(),
                                now,
                                row.leadTimeHours(),
                                row.segments());
                    case DELIVERED ->
                        new ReminderDelivered(
                                eventId,
                                row.id(),
                                row.bookingId(),
                                row.orgId(),
                                row.plannedAt(),
                                now,
                                row.leadTimeHours(),
                                row.segments());
                    case FAILED ->
                        new ReminderFailed(
                                eventId,
                                row.id(),
                                row.bookingId(),
                                row.orgId(),
                                row.reason(),
                                row.plannedAt(),
                                now,
                                row.leadTimeHours(),
                                row.segments());
                    case SKIPPED ->
                        new ReminderSkipped(
                                eventId,
                                row.id(),
                                row.bookingId(),
                                row.orgId(),
                                row.reason(),
                                row.plannedAt(),
                                now,
                                row.leadTimeHours());
                    case SENDING, CANCELLED, UNKNOWN -> null;
                });
    }
}
