package org.scheduleright.reminder.reminder;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of reminder planning and dispatch.
 *
 * @param minimumNotice a reminder whose send time passed is still sent if the appointment is at least this far away
 * @param pollInterval how often a worker looks for due reminders
 * @param batchSize how many due reminders a worker claims at once
 * @param sendConcurrency how many claimed reminders a worker sends in parallel
 * @param dispatcherEnabled whether this instance sends reminders at all
 * @param claimTimeout a reminder claimed longer ago than this is considered lost by its worker and marked unknown
 * @param workerId this worker's name in the claimed_by column
 */
@Validated
@ConfigurationProperties("scheduleright.reminders")
public record ReminderProperties(
        @NotNull Duration minimumNotice,
        @NotNull Duration pollInterval,
        @Min(1) @Max(1000) int batchSize,
        @Min(1) @Max(64) int sendConcurrency,
        boolean dispatcherEnabled,
        @NotNull Duration claimTimeout,
        @NotBlank String workerId) {}
