package org.scheduleright.reminder.reminder.domain;

import java.util.List;
import java.util.Objects;

/**
 * An organisation's reminder settings: whether reminders are sent, how many hours before the appointment, the text,
 * whether cancellations are announced, optional quiet hours in site-local time, whether clients' SMS answers (C to
 * confirm, X to cancel) act on their bookings, and the organisation's daily SMS budget ({@code null}: the platform
 * default; bounded by the platform maximum where it is applied).
 */
public record ReminderSettings(
        boolean enabled,
        List<Integer> leadTimesHours,
        MessageTemplate template,
        boolean sendCancellationNotice,
        QuietHours quietHours,
        boolean repliesEnabled,
        Integer dailySmsBudget) {

    public static final ReminderSettings DEFAULT =
            new ReminderSettings(true, List.of(24, 2), MessageTemplate.DEFAULT, false, QuietHours.DEFAULT, false, null);

    /** Settings with replies switched off and the platform's default daily SMS budget. */
    public ReminderSettings(
            boolean enabled,
            List<Integer> leadTimesHours,
            MessageTemplate template,
            boolean sendCancellationNotice,
            QuietHours quietHours) {
        this(enabled, leadTimesHours, template, sendCancellationNotice, quietHours, false, null);
    }

    /** Settings with replies switched off or on and the platform's default daily budget. */
    public ReminderSettings(
            boolean enabled,
            List<Integer> leadTimesHours,
            MessageTemplate template,
            boolean sendCancellationNotice,
            QuietHours quietHours,
            boolean repliesEnabled) {
        this(enabled, leadTimesHours, template, sendCancellationNotice, quietHours, repliesEnabled, null);
    }

    /** Settings with replies switched off and a daily budget ({@code null}: the platform default). */
    public ReminderSettings(
            boolean enabled,
            List<Integer> leadTimesHours,
            MessageTemplate template,
            boolean sendCancellationNotice,
            QuietHours quietHours,
            Integer dailySmsBudget) {
        this(enabled, leadTimesHours, template, sendCancellationNotice, quietHours, false, dailySmsBudget);
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
        if (dailySmsBudget != null && dailySmsBudget < 1) {
            throw new IllegalArgumentException("a daily SMS budget must be at least 1, got " + dailySmsBudget);
        }
    }
}
