package org.scheduleright.booking.booking;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long an {@code Idempotency-Key} keeps answering with the booking it created ({@code scheduleright.idempotency}).
 */
@Validated
@ConfigurationProperties("scheduleright.idempotency")
public record IdempotencyProperties(@NotNull Duration retention) {}
