package org.scheduleright.reminder.reminder.domain;

import java.util.List;
import java.util.Objects;

/**
 * An organisation's reminder settings: whether reminders are sent, how many hours before the appointment, the text,
 * whether cancellations are announced, optional quiet hours in site-local time, and whether clients' SMS answers (C to
 * confirm, X to cancel) act on their bookings.
 */
public record ReminderSettings(
        boolean enabled,
        List<Integer> leadTimesHours,
        MessageTemplate template,
        boolean sendCancellationNotice,
        QuietHours quietHours,
        boolean repliesEnabled) {

    public static final ReminderSettings DEFAULT =
            new ReminderSettings(true, List.of(24, 2), MessageTemplate.DEFAULT, false, QuietHours.DEFAULT, false);

    /** Settings with replies switched off. */
    public ReminderSettings(
            boolean enabled,
            List<Integer> leadTimesHours,
            MessageTemplate template,
            boolean sendCancellationNotice,
            QuietHours quietHours) {
        this(enabled, leadTimesHours, template, sendCancellationNotice, quietHours, false);
    }

    public ReminderSettings {
        Objects.requireNonNull(leadTimesHours, "leadTimesHours must not be null");
        Objects.requireNonNull(template, "template must not be null");
        if (leadTimesHours.size() > 5) {
            throw new IllegalArgumentException("at most 5 lead times are allowed, got " + leadTimesHours.size());
        }
        for (Integer hours : leadTimesHours) {
            if (hours == null || hours < 1 || hours > 72) {
                throw new IllegalArgumentException("each lead time must be between 1 and 72 hours, got " + hours);
            }
        }
        if (leadTimesHours.stream().distinct().count() != leadTimesHours.size()) {
            throw new IllegalArgumentException("lead times must not repeat: " + leadTimesHours);
        }
        leadTimesHours = List.copyOf(leadTimesHours);
    }
}
