package org.scheduleright.events.booking;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.scheduleright.events.EventStream;
import org.scheduleright.events.StreamEvent;
import org.scheduleright.events.contact.EncryptedContact;

/**
 * An event of the booking lifecycle stream, published by the booking service on {@value #TOPIC} with the booking id as
 * key; the data carries no personal field except the encrypted {@link #contact()}.
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
    "siteName"
})
public sealed interface BookingLifecycle extends StreamEvent
        permits BookingCreated,
                BookingConfirmed,
                BookingCancelled,
                BookingRescheduled,
                BookingCompleted,
                BookingMarkedNoShow {

    String TOPIC = "scheduleright.bookings.v1";

    String SOURCE = "/booking-service";

    EventStream<BookingLifecycle> STREAM = new EventStream<>(
            BookingLifecycle.class,
            TOPIC,
            SOURCE,
            List.of(
                    BookingCreated.TYPE,
                    BookingConfirmed.TYPE,
                    BookingCancelled.TYPE,
                    BookingRescheduled.TYPE,
                    BookingCompleted.TYPE,
                    BookingMarkedNoShow.TYPE));

    UUID orgId();

    UUID siteId();

    /** The slot the booking holds after this event. */
    UUID slotId();

    /** The booking's status after this event; fixed by the event type. */
    @JsonProperty("status")
    BookingStatus status();

    Instant startTime();

    Instant endTime();

    /** The site's IANA time zone, for showing {@link #startTime()} in local time. */
    ZoneId timezone();

    /**
     * The site's name when the event was published ("Mitte Clinic"), for texts to the client; {@code null} in events
     * published before it was carried. Not personal data: sites are the organisation's places.
     */
    String siteName();

    /** Who caused this event. */
    BookingSource source();

    /** The client's name, email and phone, encrypted for the holders of the contact key. */
    EncryptedContact contact();
}
