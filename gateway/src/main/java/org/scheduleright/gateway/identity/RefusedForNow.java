package org.scheduleright.gateway.identity;

import java.time.Duration;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;

/** A refusal the caller may try again after a while; the answer carries {@code Retry-After}. */
public abstract class RefusedForNow extends ApiException {

    private final Duration retryAfter;

    RefusedForNow(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, at least 1, as {@code Retry-After} carries it. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
