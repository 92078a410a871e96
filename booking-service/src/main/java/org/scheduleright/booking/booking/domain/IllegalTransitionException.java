package org.scheduleright.booking.booking.domain;

import org.scheduleright.events.booking.BookingStatus;

/** A lifecycle change that the booking's current status does not allow. */
public class IllegalTransitionException extends RuntimeException {

    private final BookingStatus current;

    public IllegalTransitionException(String action, BookingStatus current) {
        super("Cannot " + action + " a booking that is " + current.wireName(), null, false, false);
        this.current = current;
    }

    public BookingStatus current() {
        return current;
    }
}
