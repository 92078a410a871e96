package org.scheduleright.gateway.identity;

import java.time.Duration;
import org.scheduleright.platform.error.ErrorCode;

/** A login refused because the account is locked after too many failures; says how long the lock lasts. */
public final class AccountLocked extends RefusedForNow {

    AccountLocked(Duration retryAfter) {
        super(ErrorCode.ACCOUNT_LOCKED, "Account temporarily locked after too many failed logins", retryAfter);
    }
}
