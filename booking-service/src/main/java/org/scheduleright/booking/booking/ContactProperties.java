package org.scheduleright.booking.booking;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that encrypt the {@code contact} field of booking events ({@code CONTACT_ENCRYPTION_KEYS}).
 *
 * @param encryptionKeys comma-separated {@code kid:base64-256-bit-key}, the first one active
 */
@Validated
@ConfigurationProperties("scheduleright.contact")
public record ContactProperties(@NotBlank String encryptionKeys) {}
