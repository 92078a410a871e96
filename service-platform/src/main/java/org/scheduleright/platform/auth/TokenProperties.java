package org.scheduleright.platform.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this service verifies access tokens: the gateway's JWKS ({@code JWKS_URI}), the issuer and audience it expects,
 * how long fetched keys are cached before they are refreshed ahead of expiry, and how many verified tokens are
 * remembered (each until its {@code exp}, and only while the key that verified it is still in the JWKS; 0 verifies
 * every token anew).
 */
@Validated
@ConfigurationProperties("scheduleright.auth")
public record TokenProperties(
        @NotNull URI jwksUri,
        @NotBlank String issuer,
        @NotBlank String audience,
        @NotNull Duration jwksCacheTtl,
        @NotNull Duration jwksRefreshAhead,
        @NotNull Duration jwksMinRefetchInterval,
        @PositiveOrZero int verifiedTokens) {}
