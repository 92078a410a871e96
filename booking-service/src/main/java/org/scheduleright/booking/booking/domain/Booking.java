package org.scheduleright.booking.booking.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.org.domain.Timezones;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;

/**
 * A client's seat in a slot, with its guarded lifecycle: pending → confirmed | cancelled; confirmed → cancelled |
 * completed | no-show | rescheduled (stays confirmed). Every transition returns a new booking or throws
 * {@link IllegalTransitionException} naming the current status.
 *
 * @param clientUserId the user id of a CLIENT who booked for themself, or {@code null}
 */
public record Booking(
        BookingId id,
        OrgId orgId,
        SiteId siteId,
        SlotId slotId,
        BookingStatus status,
        BookingSource source,
        String clientUserId,
        ClientDetails client,
        String notes,
        String staffNotes,
        SlotTimes times,
        ZoneId timezone,
        Instant createdAt,
        Instant updatedAt,
        Instant confirmedAt,
        Instant cancelledAt,
        String cancelReason) {

    public static final int MAX_NOTES = 500;

    public static final int MAX_STAFF_NOTES = 2000;

    private static final Set<BookingStatus> ACTIVE = Set.of(BookingStatus.PENDING, BookingStatus.CONFIRMED);

    public Booking {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(orgId, "orgId must not be null");
        Objects.requireNonNull(siteId, "siteId must not be null");
        Objects.requireNonNull(slotId, "slotId must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(times, "times must not be null");
        Timezones.requireRegion(timezone, "booking timezone");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new IllegalArgumentException("notes must have at most " + MAX_NOTES + " characters");
        }
        if (staffNotes != null && staffNotes.length() > MAX_STAFF_NOTES) {
            throw new IllegalArgumentException("staff notes must have at most " + MAX_STAFF_NOTES + " characters");
        }
        if (cancelReason != null && cancelReason.length() > MAX_NOTES) {
            throw new IllegalArgumentException("cancel reason must have at most " + MAX_NOTES + " characters");
        }
    }

    /** A new pending booking holding a seat of the slot at {@code times}. */
    public static Booking request(
            OrgId orgId,
            SiteId siteId,
            SlotId slotId,
            SlotTimes times,
            ZoneId timezone,
            BookingSource source,
            String clientUserId,
            ClientDetails client,
            String notes,
            Instant now) {
        return new Booking(
                BookingId.random(),
                orgId,
                siteId,
                slotId,
                BookingStatus.PENDING,
                source,
                clientUserId,
                client,
                notes,
                null,
                times,
                timezone,
                now,
                now,
                null,
                null,
                null);
    }

    /** Whether the booking is pending or confirmed. */
    public boolean isActive() {
        return ACTIVE.contains(status);
    }

    public Booking confirm(Instant now) {
        require(status == BookingStatus.PENDING, "confirm");
        return with(BookingStatus.CONFIRMED, slotId, times, staffNotes, now, now, cancelledAt, cancelReason);
    }

    public Booking cancel(String reason, Instant now) {
        require(isActive(), "cancel");
        return with(BookingStatus.CANCELLED, slotId, times, staffNotes, now, confirmedAt, now, reason);
    }

    public Booking complete(Instant now) {
        require(status == BookingStatus.CONFIRMED, "complete");
        return with(BookingStatus.COMPLETED, slotId, times, staffNotes, now, confirmedAt, cancelledAt, cancelReason);
    }

    public Booking markNoShow(Instant now) {
        require(status == BookingStatus.CONFIRMED, "mark as no-show");
        return with(BookingStatus.NO_SHOW, slotId, times, staffNotes, now, confirmedAt, cancelledAt, cancelReason);
    }

    /** Moves a confirmed booking to another slot of the same site; it stays confirmed. */
    public Booking reschedule(SlotId newSlot, SlotTimes newTimes, Instant now) {
        require(status == BookingStatus.CONFIRMED, "reschedule");
        if (newSlot.equals(slotId)) {
            throw new IllegalArgumentException("the booking already holds that slot");
        }
        return with(status, newSlot, newTimes, staffNotes, now, confirmedAt, cancelledAt, cancelReason);
    }

    /** Replaces the staff notes, in any status. */
    public Booking withStaffNotes(String notes, Instant now) {
        return with(status, slotId, times, notes, now, confirmedAt, cancelledAt, cancelReason);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalTransitionException(action, status);
        }
    }

    private Booking with(
            BookingStatus newStatus,
            SlotId newSlot,
            SlotTimes newTimes,
            String newStaffNotes,
            Instant now,
            Instant newConfirmedAt,
            Instant newCancelledAt,
            String newCancelReason) {
        return new Booking(
                id,
                orgId,
                siteId,
                newSlot,
                newStatus,
                source,
                clientUserId,
                client,
                notes,
                newStaffNotes,
                newTimes,
                timezone,
                createdAt,
                now,
                newConfirmedAt,
                newCancelledAt,
                newCancelReason);
    }
}
