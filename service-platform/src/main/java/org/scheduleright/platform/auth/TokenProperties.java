package org.scheduleright.platform.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this service verifies access tokens: the gateway's JWKS ({@code JWKS_URI}), the issuer and audience it expects,
 * and how long fetched keys are cached before they are refreshed ahead of expiry.
 */
@Validated
@ConfigurationProperties("scheduleright.auth")
public record TokenProperties(
        @NotNull URI jwksUri,
        @NotBlank String issuer,
        @NotBlank String audience,
        @NotNull Duration jwksCacheTtl,
        @NotNull Duration jwksRefreshAhead,
        @NotNull Duration jwksMinRefetchInterval) {}
