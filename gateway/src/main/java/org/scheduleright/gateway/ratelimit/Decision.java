package org.scheduleright.gateway.ratelimit;

/**
 * The outcome of one limit check: allowed or not, requests left in the window, seconds until the window refills and,
 * when refused, seconds until a request may succeed. {@code unavailable} means Redis could not be asked.
 */
record Decision(
        Limit limit, boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds, boolean unavailable) {

    static Decision unavailable(Limit limit) {
        return new Decision(limit, !limit.failClosed(), 0, 0, 0, true);
    }
}
