package org.scheduleright.reminder.reminder.domain;

import java.time.Instant;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;

/**
 * Whether a booking's state lets the platform text its client. Anyone may book publicly for any number, so a public
 * booking is only texted once it is confirmed: by staff today, and by any later confirmation step (for instance the
 * recipient's own SMS reply) as long as it is published as a {@code BookingConfirmed} event, whatever its source.
 */
public enum ReminderEligibility {
    /** Plan the booking's reminders. */
    REMIND,
    /** A public booking nobody confirmed yet: plan nothing, text nobody. */
    AWAIT_CONFIRMATION,
    /** The appointment no longer takes place: cancel what is pending. */
    CLOSED;

    /**
     * Decides from the state an event left the booking in and who caused the event.
     *
     * @param status the booking's status after the event
     * @param source who caused the event; for a still pending booking this is who made it, since only its creation
     *     leaves a booking pending
     */
    public static ReminderEligibility of(BookingStatus status, BookingSource source) {
        return switch (status) {
            case CONFIRMED -> REMIND;
            case PENDING -> source == BookingSource.PUBLIC ? AWAIT_CONFIRMATION : REMIND;
            default -> CLOSED;
        };
    }

    /**
     * Whether a public booking awaiting confirmation ({@link #AWAIT_CONFIRMATION}) gets the one "reply C to confirm" message: only when its
     * organisation lets replies act on bookings, it has a number and the appointment is still ahead. The recipient's
     * confirming reply is the verification of the number; nothing else is sent to it before.
     */
    public static boolean requestsConfirmation(boolean repliesEnabled, boolean hasPhone, Instant start, Instant now) {
        return repliesEnabled && hasPhone && start.isAfter(now);
    }

    /**
     * Whether the cancellation of a booking may be announced by SMS: only an appointment that had been confirmed, so
     * that an unverified number typed into the public form never gets a message (a cancellation notice carries the
     * client's name).
     *
     * @param before the booking's status before the cancellation, null when the service never saw the booking
     */
    public static boolean announcesCancellation(BookingStatus before) {
        return before == BookingStatus.CONFIRMED;
    }
}
