package org.scheduleright.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One rate limit: its name (as shown in {@code RateLimit-Policy} and metrics), how many requests per window, and
 * whether requests are refused (fail closed) or let through (fail open) while Redis cannot be asked.
 */
record Limit(String name, long capacity, Duration window, boolean failClosed) {

    Limit {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a limit name is a lower-case token, was " + name);
        }
        if (capacity < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit " + name + " needs a positive capacity and window");
        }
    }

    /** The policy item of the IETF {@code RateLimit-Policy} field. */
    String policy() {
        return "\"" + name + "\";q=" + capacity + ";w=" + window.toSeconds();
    }
}
