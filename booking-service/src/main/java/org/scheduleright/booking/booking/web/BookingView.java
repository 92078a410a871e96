package org.scheduleright.booking.booking.web;

import java.time.Instant;
import org.scheduleright.booking.booking.domain.Booking;

/** A booking as the members' API shows it; staff notes are left out for the client themself. */
record BookingView(
        String id,
        String orgId,
        String siteId,
        String slotId,
        String status,
        String clientName,
        String clientEmail,
        String clientPhone,
        String notes,
        String staffNotes,
        Instant startTime,
        Instant endTime,
        String timezone,
        Instant createdAt,
        Instant updatedAt,
        Instant confirmedAt,
        Instant cancelledAt,
        String cancelReason) {

    static BookingView of(Booking booking, boolean withStaffNotes) {
        return new BookingView(
                booking.id().toString(),
                booking.orgId().toString(),
                booking.siteId().toString(),
                booking.slotId().toString(),
                booking.status().wireName(),
                booking.client().name(),
                booking.client().email(),
                booking.client().phone(),
                booking.notes(),
                withStaffNotes ? booking.staffNotes() : null,
                booking.times().start(),
                booking.times().end(),
                booking.timezone().getId(),
                booking.createdAt(),
                booking.updatedAt(),
                booking.confirmedAt(),
                booking.cancelledAt(),
                booking.cancelReason());
    }
}
