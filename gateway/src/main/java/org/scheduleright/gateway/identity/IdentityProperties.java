package org.scheduleright.gateway.identity;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Identity settings: the first ADMIN ({@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD}, created only when no user exists),
 * whether the refresh cookie is {@code Secure} (production), and the account lockout (5 failures within 15 minutes
 * lock the account for 30 minutes) with its Redis key prefix, and the heap budget of concurrent password hashes
 * ({@code PASSWORD_HASHING_MEMORY}, divided into {@link PasswordHashingPermits}).
 */
@Validated
@ConfigurationProperties("scheduleright.identity")
public record IdentityProperties(
        String adminEmail,
        String adminPassword,
        boolean secureCookie,
        @Min(1) int lockoutThreshold,
        @NotNull Duration lockoutWindow,
        @NotNull Duration lockoutDuration,
        @NotBlank String lockoutKeyPrefix,
        @NotNull DataSize passwordHashingMemory) {}
