package org.scheduleright.reminder.quota;

/**
 * The state of a per-user rate limit after one request.
 *
 * @param allowed whether the request was let through
 * @param limit requests allowed per window
 * @param remaining requests left in the window
 * @param resetSeconds seconds until the window refills
 * @param retryAfterSeconds seconds until one more request is allowed (0 when allowed)
 */
public record RateLimitProbe(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {}
