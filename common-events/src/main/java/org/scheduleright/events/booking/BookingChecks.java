package org.scheduleright.events.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.scheduleright.events.contact.EncryptedContact;

/** The checks every booking event's compact constructor runs on the fields all of them share. */
final class BookingChecks {

    private BookingChecks() {}

    static void requireValid(
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
        Objects.requireNonNull(eventId, "eventId must not be null");
        Objects.requireNonNull(bookingId, "bookingId must not be null");
        Objects.requireNonNull(orgId, "orgId must not be null");
        Objects.requireNonNull(siteId, "siteId must not be null");
        Objects.requireNonNull(slotId, "slotId must not be null");
        requireInterval(startTime, endTime, "startTime", "endTime");
        requireRegion(timezone);
        Objects.requireNonNull(source, "source must not be null (staff, client or public)");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
        Objects.requireNonNull(contact, "contact must not be null");
    }

    /** The longest site name an event carries (the booking API allows 100 characters). */
    static final int SITE_NAME_MAX = 200;

    /** A site's name is optional (older events lack it) but never blank or oversized when given. */
    static void requireSiteName(String siteName) {
        if (siteName != null && (siteName.isBlank() || siteName.length() > SITE_NAME_MAX)) {
            throw new IllegalArgumentException(
                    "siteName must be 1-" + SITE_NAME_MAX + " characters and not blank when given");
        }
    }

    static void requireInterval(Instant start, Instant end, String startName, String endName) {
        Objects.requireNonNull(start, startName + " must not be null");
        Objects.requireNonNull(end, endName + " must not be null");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(endName + " " + end + " must be after " + startName + " " + start);
        }
    }

    private static void requireRegion(ZoneId timezone) {
        Objects.requireNonNull(timezone, "timezone must not be null");
        if (timezone instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(timezone.getId())) {
            throw new IllegalArgumentException(
                    "timezone must be an IANA zone id such as Europe/London, was " + timezone);
        }
    }
}
