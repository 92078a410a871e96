package org.scheduleright.gateway.ratelimit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's Redis-backed rate limits: requests per window per client IP for every path
 * ({@code RATE_LIMIT_STANDARD}), auth paths ({@code RATE_LIMIT_AUTH}) and public booking ({@code RATE_LIMIT_PUBLIC}),
 * reminder sends per user per hour, the Redis key prefix and how long a check may wait for Redis.
 */
@Validated
@ConfigurationProperties("scheduleright.ratelimit")
public record RateLimitProperties(
        @NotBlank String keyPrefix,
        @NotNull Duration window,
        @Min(1) long standard,
        @Min(1) long auth,
        @Min(1) long publicBooking,
        @Min(1) long reminderSends,
        @NotNull Duration reminderSendWindow,
        @NotNull Duration redisTimeout) {}
