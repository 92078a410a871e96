package org.scheduleright.booking.booking.domain;

import java.time.Instant;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.reminder.ReplyAnswer;

/**
 * What a client's SMS answer to a reminder does to the booking: confirm or cancel it when its state allows and the
 * appointment is still ahead, else nothing (with the reason). The reminder-service already chose the booking; this is
 * the booking-service's own check against its current state.
 */
public final class SmsReplyRule {

    /** The decision about one reply. */
    public enum Outcome {
        /** Confirm the pending booking. */
        CONFIRM,
        /** Cancel the booking and free its seat. */
        CANCEL,
        /** The booking is already what the reply asks for: nothing to do. */
        ALREADY_DONE,
        /** The booking's state allows no such change (for instance a completed one). */
        NOT_ALLOWED,
        /** The appointment has started or passed. */
        APPOINTMENT_PASSED,
        /** The reply names another organisation than the booking's: ignored. */
        OTHER_ORGANISATION;

        /** Whether this outcome changes the booking. */
        public boolean changes() {
            return this == CONFIRM || this == CANCEL;
        }
    }

    private SmsReplyRule() {}

    /**
     * Decides what the reply does.
     *
     * @param booking the booking as it is now
     * @param replyOrg the organisation the reply event names
     * @param answer what the client asked for
     * @param now the current time
     */
    public static Outcome decide(Booking booking, OrgId replyOrg, ReplyAnswer answer, Instant now) {
        if (!booking.orgId().equals(replyOrg)) {
            return Outcome.OTHER_ORGANISATION;
        }
        BookingStatus status = booking.status();
        BookingStatus wanted = answer == ReplyAnswer.CONFIRM ? BookingStatus.CONFIRMED : BookingStatus.CANCELLED;
        if (status == wanted) {
            return Outcome.ALREADY_DONE;
        }
        if (!booking.times().start().isAfter(now)) {
            return Outcome.APPOINTMENT_PASSED;
        }
        return switch (answer) {
            case CONFIRM -> status == BookingStatus.PENDING ? Outcome.CONFIRM : Outcome.NOT_ALLOWED;
            case CANCEL -> booking.isActive() ? Outcome.CANCEL : Outcome.NOT_ALLOWED;
        };
    }
}
