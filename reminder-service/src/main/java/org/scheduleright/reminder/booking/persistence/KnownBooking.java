package org.scheduleright.reminder.booking.persistence;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.contact.EncryptedContact;

/** The latest known state of a booking, as the booking events told it; the contact stays encrypted. */
public record KnownBooking(
        UUID bookingId,
        UUID orgId,
        UUID siteId,
        BookingStatus status,
        Instant startTime,
        Instant endTime,
        ZoneId timezone,
        String siteName,
        EncryptedContact contact,
        Instant lastEventAt,
        UUID lastEventId) {

    /** Tells whether the appointment still takes place, so that its reminders may be sent. */
    public boolean isActive() {
        return status == BookingStatus.PENDING || status == BookingStatus.CONFIRMED;
    }
}
