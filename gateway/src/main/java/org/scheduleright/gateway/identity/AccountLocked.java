package org.scheduleright.gateway.identity;

import java.time.Duration;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;

/** A login refused because the account is locked after too many failures; says how long the lock lasts. */
public final class AccountLocked extends ApiException {

    private final Duration retryAfter;

    AccountLocked(Duration retryAfter) {
        super(ErrorCode.ACCOUNT_LOCKED, "Account temporarily locked after too many failed logins");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
