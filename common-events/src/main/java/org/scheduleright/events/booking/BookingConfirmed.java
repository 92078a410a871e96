package org.scheduleright.events.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.scheduleright.events.EventType;
import org.scheduleright.events.contact.EncryptedContact;

/**
 * A pending booking was confirmed.
 *
 * @param eventId the event id, published as {@code ce_id}
 * @param bookingId the booking, published as {@code ce_subject} and used as the Kafka key
 * @param orgId the booking's organisation
 * @param siteId the booking's site
 * @param slotId the slot the booking holds
 * @param startTime the start of that slot
 * @param endTime the end of that slot
 * @param timezone the site's IANA time zone
 * @param source who caused this event
 * @param occurredAt when it happened, published as {@code ce_time}
 * @param contact the client's contact details, encrypted
 * @param siteName the site's name when the event was published, or {@code null} in events published before it was
 *     carried (issue 17); not personal data
 */
public record BookingConfirmed(
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
        String siteName)
        implements BookingLifecycle {

    public static final EventType<BookingConfirmed> TYPE =
            EventType.of("org.scheduleright.booking.confirmed.v1", BookingConfirmed.class);

    public BookingConfirmed {
        BookingChecks.requireValid(
                eventId, bookingId, orgId, siteId, slotId, startTime, endTime, timezone, source, occurredAt, contact);
        BookingChecks.requireSiteName(siteName);
    }

    /** The event without the site's name, as published before issue 17. */
    public BookingConfirmed(
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
            EncryptedContact contact) {
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
                null);
    }

    @Override
    public BookingStatus status() {
        return BookingStatus.CONFIRMED;
    }
}
