package org.scheduleright.reminder.reminder;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The keys of the phone-number hash ({@code PHONE_HASH_KEYS}).
 *
 * @param keys comma-separated {@code keyId:secret} (secret at least 32 characters), the first one active
 */
@Validated
@ConfigurationProperties("scheduleright.phone-hash")
public record PhoneHashProperties(@NotBlank String keys) {}
