package org.scheduleright.reminder.sms.twilio;

/** The request may have been processed (other 5xx, read timeout): the message must never be sent again. */
class TwilioAmbiguousException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    TwilioAmbiguousException(String reason) {
        super("Twilio outcome unknown: " + reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
