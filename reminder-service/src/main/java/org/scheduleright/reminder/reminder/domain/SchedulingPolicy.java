package org.scheduleright.reminder.reminder.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides when an appointment's reminders are due: lead times before the start, moved earlier out of quiet hours,
 * and, when a due time has already passed, one reminder sent at once if the appointment is far enough away.
 */
public final class SchedulingPolicy {

    public static final String TOO_LATE = "too_late";

    public static final String SUPERSEDED = "superseded";

    private final Duration minimumNotice;

    /** @param minimumNotice how far away the appointment must still be for a late reminder to be sent */
    public SchedulingPolicy(Duration minimumNotice) {
        this.minimumNotice = Objects.requireNonNull(minimumNotice, "minimumNotice must not be null");
        if (minimumNotice.isNegative()) {
            throw new IllegalArgumentException("minimumNotice must not be negative, was " + minimumNotice);
        }
    }

    /** Plans the reminders of an appointment starting at {@code start} in {@code zone}, seen at {@code now}. */
    public List<PlannedReminder> plan(ReminderSettings settings, Instant start, ZoneId zone, Instant now) {
        List<Integer> leadTimes = settings.leadTimesHours().stream()
                .sorted(Comparator.reverseOrder())
                .toList();
        List<PlannedReminder> planned = new ArrayList<>();
        Integer latestOverdue = null;
        for (int lead : leadTimes) {
            if (dueAt(settings, start, zone, lead).isAfter(now)) {
                continue;
            }
            latestOverdue = lead;
        }
        for (int lead : leadTimes) {
            Instant due = dueAt(settings, start, zone, lead);
            if (due.isAfter(now)) {
                planned.add(new PlannedReminder(lead, due, ReminderStatus.SCHEDULED, null));
            } else if (!isStillWorthSending(start, now)) {
                planned.add(new PlannedReminder(lead, due, ReminderStatus.SKIPPED, TOO_LATE));
            } else if (lead == latestOverdue) {
                planned.add(new PlannedReminder(lead, now, ReminderStatus.SCHEDULED, null));
            } else {
                planned.add(new PlannedReminder(lead, due, ReminderStatus.SKIPPED, SUPERSEDED));
            }
        }
        return planned;
    }

    /** Tells whether a reminder for an appointment at {@code start} may still be sent at {@code now}. */
    public boolean isStillWorthSending(Instant start, Instant now) {
        return !now.plus(minimumNotice).isAfter(start);
    }

    private static Instant dueAt(ReminderSettings settings, Instant start, ZoneId zone, int leadHours) {
        ZonedDateTime due = start.minus(Duration.ofHours(leadHours)).atZone(zone);
        if (settings.quietHours() != null) {
            due = settings.quietHours().moveBefore(due);
        }
        return due.toInstant();
    }
}
