package org.scheduleright.reminder.reply.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;
import org.scheduleright.events.booking.BookingStatus;

/**
 * The booking an inbound SMS answers: that of the latest message sent to the number from the number it was sent to,
 * as this service last heard of it (its own projection of the booking events).
 *
 * @param reminderId the message answered
 * @param scheduledFor when that message was due
 * @param leadTimeHours its lead time, or null for a message of another kind
 * @param siteName the site's name, or null when not known
 */
public record ReplyTarget(
        UUID reminderId,
        UUID bookingId,
        UUID orgId,
        Instant scheduledFor,
        Integer leadTimeHours,
        BookingStatus status,
        Instant startTime,
        ZoneId timezone,
        String siteName) {

    public ReplyTarget {
        Objects.requireNonNull(reminderId, "reminderId must not be null");
        Objects.requireNonNull(bookingId, "bookingId must not be null");
        Objects.requireNonNull(orgId, "orgId must not be null");
        Objects.requireNonNull(scheduledFor, "scheduledFor must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(startTime, "startTime must not be null");
        Objects.requireNonNull(timezone, "timezone must not be null");
    }
}
