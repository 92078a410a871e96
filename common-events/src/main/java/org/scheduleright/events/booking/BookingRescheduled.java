package org.scheduleright.events.booking;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;
import org.scheduleright.events.EventType;
import org.scheduleright.events.contact.EncryptedContact;

/**
 * A confirmed booking moved to another slot and stays confirmed.
 *
 * @param eventId the event id, published as {@code ce_id}
 * @param bookingId the booking, published as {@code ce_subject} and used as the Kafka key
 * @param orgId the booking's organisation
 * @param siteId the booking's site
 * @param slotId the slot the booking holds after the move
 * @param startTime the start of that slot
 * @param endTime the end of that slot
 * @param timezone the site's IANA time zone
 * @param source who caused this event
 * @param occurredAt when it happened, published as {@code ce_time}
 * @param contact the client's contact details, encrypted
 * @param previousSlotId the slot the booking held before
 * @param previousStartTime the start of the previous slot
 * @param previousEndTime the end of the previous slot
 * @param siteName the site's name when the event was published, or {@code null} in events published before it was
 *     carried (issue 17); not personal data
 */
@JsonPropertyOrder({
    "bookingId",
    "orgId",
    "siteId",
    "slotId",
    "status",
    "startTime",
    "endTime",
    "timezone",
    "source",
    "occurredAt",
    "contact",
    "previousSlotId",
    "previousStartTime",
    "previousEndTime",
    "siteName"
})
public record BookingRescheduled(
        UUID eventId,
        UUID bookingId,
        UUID orgId,
        UUID siteId,
        UUID slotId,
        Instant startTime,
        Instant endTime,
        ZoneId timezone,
        BookingSource source,
        Instant occurredAt,
        EncryptedContact contact,
        UUID previousSlotId,
        Instant previousStartTime,
        Instant previousEndTime,
        String siteName)
        implements BookingLifecycle {

    public static final EventType<BookingRescheduled> TYPE =
            EventType.of("org.scheduleright.booking.rescheduled.v1", BookingRescheduled.class);

    public BookingRescheduled {
        BookingChecks.requireValid(
                eventId, bookingId, orgId, siteId, slotId, startTime, endTime, timezone, source, occurredAt, contact);
        BookingChecks.requireSiteName(siteName);
        Objects.requireNonNull(previousSlotId, "previousSlotId must not be null");
        BookingChecks.requireInterval(previousStartTime, previousEndTime, "previousStartTime", "previousEndTime");
    }

    /** The event without the site's name, as published before issue 17. */
    public BookingRescheduled(
            UUID eventId,
            UUID bookingId,
            UUID orgId,
            UUID siteId,
            UUID slotId,
            Instant startTime,
            Instant endTime,
            ZoneId timezone,
            BookingSource source,
            Instant occurredAt,
            EncryptedContact contact,
            UUID previousSlotId,
            Instant previousStartTime,
            Instant previousEndTime) {
        this(
                eventId,
                bookingId,
                orgId,
                siteId,
                slotId,
                startTime,
                endTime,
                timezone,
                source,
                occurredAt,
                contact,
                previousSlotId,
                previousStartTime,
                previousEndTime,
                null);
    }

    @Override
    public BookingStatus status() {
        return BookingStatus.CONFIRMED;
    }
}
