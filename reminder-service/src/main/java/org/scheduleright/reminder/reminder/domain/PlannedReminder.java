package org.scheduleright.reminder.reminder.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One reminder the policy plans for an appointment: when it is due (UTC) and whether it starts scheduled or is skipped
 * at once with a reason.
 */
public record PlannedReminder(int leadTimeHours, Instant plannedAt, ReminderStatus status, String reason) {

    public PlannedReminder {
        Objects.requireNonNull(plannedAt, "plannedAt must not be null");
        if (status != ReminderStatus.SCHEDULED && status != ReminderStatus.SKIPPED) {
            throw new IllegalArgumentException("a planned reminder is scheduled or skipped, not " + status);
        }
        if ((status == ReminderStatus.SKIPPED) != (reason != null)) {
            throw new IllegalArgumentException("a skipped reminder needs a reason and only a skipped one has one");
        }
    }
}
