package org.scheduleright.reminder.sms.twilio;

import java.time.Duration;

/** Twilio certainly did not process the request (429, 503 with Retry-After, connection refused): safe to retry. */
class TwilioNotProcessedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    private final transient Duration retryAfter;

    TwilioNotProcessedException(String reason, Duration retryAfter) {
        super("Twilio did not process the request: " + reason);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    String reason() {
        return reason;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
