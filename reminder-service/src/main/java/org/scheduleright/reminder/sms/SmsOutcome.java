package org.scheduleright.reminder.sms;

/** What became of an SMS handed to a sender; a sender never throws, it answers with one of these. */
public sealed interface SmsOutcome {

    /** The provider accepted the message. */
    record Accepted(String sid) implements SmsOutcome {}

    /** Nothing was sent because no SMS provider is configured. */
    record Disabled() implements SmsOutcome {}

    /** The provider refused the message for good, with a reason code such as {@code twilio:21211}. */
    record Rejected(String reason, boolean optedOut) implements SmsOutcome {}

    /** The message may or may not have left: it must never be sent again. */
    record Ambiguous(String reason) implements SmsOutcome {}
}
