package org.scheduleright.gateway.identity;

import java.time.Duration;
import org.scheduleright.platform.error.ErrorCode;

/** A request refused because every password-hashing permit is taken (503 with {@code Retry-After}). */
public final class PasswordHashingBusy extends RefusedForNow {

    PasswordHashingBusy() {
        super(ErrorCode.SERVICE_UNAVAILABLE, "Too many sign-ins at once; try again shortly", Duration.ofSeconds(1));
    }
}
