package org.scheduleright.gateway.token;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long token rows are kept before the platform housekeeping deletes them ({@code scheduleright.token-retention}).
 *
 * @param refreshTokens kept this long after they expired ({@code REFRESH_TOKEN_RETENTION}); an expired token is refused
 *     either way, the rows only help to investigate a family
 * @param signingKeys a retired signing key is kept this long after its retirement ({@code SIGNING_KEY_RETENTION});
 *     it left the JWKS at retirement, when every token it signed had expired
 */
@Validated
@ConfigurationProperties("scheduleright.token-retention")
public record TokenRetentionProperties(
        @NotNull Duration refreshTokens, @NotNull Duration signingKeys) {}
