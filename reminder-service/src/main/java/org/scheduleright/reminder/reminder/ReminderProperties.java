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
 * @param batchSize how many due reminders a worker handles at most per poll
 * @param sendConcurrency how many reminders a worker sends in parallel; it claims one at a time per free slot, so it
 *     never holds more claims than this
 * @param dispatcherEnabled whether this instance sends reminders at all
 * @param claimReleaseAfter a reminder claimed longer ago than this and never handed to the SMS provider goes back to
 *     the queue; must exceed the normal time from claim to hand-off (a few reads and the quota check)
 * @param claimTimeout a reminder handed to the SMS provider longer ago than this and still unrecorded is considered lost
 *     by its worker and marked unknown; must exceed the longest send (Twilio's retry window and read timeout)
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
        @NotNull Duration claimReleaseAfter,
        @NotNull Duration claimTimeout,
        @NotBlank String workerId) {}
