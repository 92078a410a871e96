package org.scheduleright.reminder.housekeeping;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the reminder-service keeps rows before the platform housekeeping deletes them
 * ({@code scheduleright.reminders.retention}).
 *
 * @param processedEvents ids of applied booking events ({@code PROCESSED_EVENT_RETENTION}); must exceed the booking
 *     topic's retention (7 days), or a redelivered old event would be applied twice
 * @param finishedReminders reminders in a final state, after their last change ({@code REMINDER_RETENTION})
 * @param knownBookings the local copy of a booking (with its encrypted contact), after the appointment ended
 *     ({@code KNOWN_BOOKING_RETENTION})
 */
@Validated
@ConfigurationProperties("scheduleright.reminders.retention")
public record RetentionProperties(
        @NotNull Duration processedEvents,
        @NotNull Duration finishedReminders,
        @NotNull Duration knownBookings) {}
