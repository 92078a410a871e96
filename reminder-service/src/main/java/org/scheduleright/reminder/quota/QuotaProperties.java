package org.scheduleright.reminder.quota;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * SMS quotas and the manual-send rate limit, kept in Redis so that every replica shares them.
 *
 * @param keyPrefix prefix of every Redis key the quotas use
 * @param recipientPerHour SMS per recipient number per hour
 * @param recipientPerDay SMS per recipient number per day
 * @param orgPerDay SMS per organisation per day when it chose no budget in its reminder settings
 * @param orgPerDayMax the largest daily budget an organisation may choose (see {@link DailyBudget})
 * @param overallPerHour SMS of the whole service per hour
 * @param orgSharePercent share of {@code overallPerHour} one organisation may use per hour (see {@link FairShare})
 * @param warnRatio share of an organisation's daily budget above which a warning is logged
 * @param manualSendsPerHour {@code POST /api/v1/reminders/send} requests per user per hour
 * @param redisTimeout how long a quota check may wait for Redis before counting it unavailable
 * @param unavailableRetry how much later a reminder is tried again when Redis could not be asked
 */
@Validated
@ConfigurationProperties("scheduleright.sms-quota")
public record QuotaProperties(
        @NotBlank String keyPrefix,
        @Min(1) long recipientPerHour,
        @Min(1) long recipientPerDay,
        @Min(1) long orgPerDay,
        @Min(1) long orgPerDayMax,
        @Min(1) long overallPerHour,
        @Min(1) @Max(100) int orgSharePercent,
        @DecimalMin("0.0") @DecimalMax("1.0") double warnRatio,
        @Min(1) long manualSendsPerHour,
        @NotNull Duration redisTimeout,
        @NotNull Duration unavailableRetry) {}
