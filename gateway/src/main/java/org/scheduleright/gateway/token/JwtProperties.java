package org.scheduleright.gateway.token;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway issues tokens: the key-encryption secret ({@code JWT_SECRET}), access and refresh token lifetimes
 * ({@code JWT_EXPIRY}, {@code REFRESH_TOKEN_EXPIRY}, in seconds), how often the signing key rotates and how often each
 * replica re-reads the shared key ring.
 */
@Validated
@ConfigurationProperties("scheduleright.jwt")
public record JwtProperties(
        @NotNull @Size(min = 32, message = "must be at least 32 characters")
        String secret,

        @NotNull @DurationUnit(ChronoUnit.SECONDS) Duration expiry,
        @NotNull @DurationUnit(ChronoUnit.SECONDS) Duration refreshExpiry,
        @NotNull Duration rotationInterval,
        @NotNull Duration keyRingRefresh) {}
