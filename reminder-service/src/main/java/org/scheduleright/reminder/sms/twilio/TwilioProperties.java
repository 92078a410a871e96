package org.scheduleright.reminder.sms.twilio;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio settings.
 *
 * @param sink {@code twilio} or {@code log}; blank means {@code twilio} when credentials are set, else {@code log}
 * @param accountSid TWILIO_ACCOUNT_SID
 * @param authToken TWILIO_AUTH_TOKEN
 * @param phoneNumber TWILIO_PHONE_NUMBER, the sender
 * @param apiBaseUrl TWILIO_API_BASE_URL
 * @param serverUrl SERVER_URL, the public URL of this service for status callbacks and signature checks
 * @param connectTimeout connection timeout of a Twilio request
 * @param readTimeout how long to wait for Twilio's answer before the outcome counts as unknown
 * @param maxRetries retries of a request Twilio did not process
 * @param initialBackoff the first retry delay, doubled each time, with jitter
 * @param retryWindow no retry starts later than this after the first attempt
 */
@Validated
@ConfigurationProperties("scheduleright.twilio")
public record TwilioProperties(
        String sink,
        String accountSid,
        String authToken,
        String phoneNumber,
        @NotBlank String apiBaseUrl,
        @NotBlank String serverUrl,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout,
        @Min(0) int maxRetries,
        @NotNull Duration initialBackoff,
        @NotNull Duration retryWindow) {

    /** Tells whether SMS go to Twilio rather than to the log sink. */
    public boolean usesTwilio() {
        if (sink != null && !sink.isBlank()) {
            return sink.strip().equalsIgnoreCase("twilio");
        }
        return hasText(accountSid) && hasText(authToken) && hasText(phoneNumber);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
