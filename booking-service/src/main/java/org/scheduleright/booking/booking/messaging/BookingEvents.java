package org.scheduleright.booking.booking.messaging;

import java.time.Instant;
import java.util.UUID;
import org.scheduleright.booking.booking.domain.Booking;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.booking.BookingCancelled;
import org.scheduleright.events.booking.BookingCompleted;
import org.scheduleright.events.booking.BookingConfirmed;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingMarkedNoShow;
import org.scheduleright.events.booking.BookingRescheduled;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.events.contact.EncryptedContact;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.springframework.stereotype.Component;

/**
 * Turns booking changes into encoded lifecycle events ready for the outbox, with the client's contact details
 * encrypted so that no personal data travels in clear.
 */
@Component
public class BookingEvents {

    /** The lifecycle changes that publish an event. */
    public enum Change {
        CREATED,
        CONFIRMED,
        CANCELLED,
        RESCHEDULED,
        COMPLETED,
        NO_SHOW
    }

    private final ContactCipher contacts;
    private final CloudEventCodec<BookingLifecycle> codec = CloudEventCodec.of(BookingLifecycle.STREAM);

    BookingEvents(ContactCipher contacts) {
        this.contacts = contacts;
    }

    /**
     * Encodes the event of a change.
     *
     * @param before the booking before the change (used by {@link Change#RESCHEDULED}), or {@code null}
     * @param after the booking after the change
     * @param siteName the name of the booking's site, carried for texts to the client (not personal data)
     */
    public EncodedEvent encode(
            Change change,
            Booking before,
            Booking after,
            String siteName,
            BookingSource source,
            Instant now,
            String traceparent) {
        UUID eventId = UUID.randomUUID();
        UUID booking = after.id().value();
        UUID org = after.orgId().value();
        UUID site = after.siteId().value();
        UUID slot = after.slotId().value();
        Instant start = after.times().start();
        Instant end = after.times().end();
        EncryptedContact contact = contacts.encrypt(new Contact(
                after.client().name(), after.client().email(), after.client().phone()));
        BookingLifecycle event = switch (change) {
            case CREATED ->
                new BookingCreated(
                        eventId,
                        booking,
                        org,
                        site,
                        slot,
                        start,
                        end,
                        after.timezone(),
                        source,
                        now,
                        contact,
                        siteName);
            case CONFIRMED ->
                new BookingConfirmed(
                        eventId,
                        booking,
                        org,
                        site,
                        slot,
                        start,
                        end,
                        after.timezone(),
                        source,
                        now,
                        contact,
                        siteName);
            case CANCELLED ->
                new BookingCancelled(
                        eventId,
                        booking,
                        org,
                        site,
                        slot,
                        start,
                        end,
                        after.timezone(),
                        source,
                        now,
                        contact,
                        siteName);
            case COMPLETED ->
                new BookingCompleted(
                        eventId,
                        booking,
                        org,
                        site,
                        slot,
                        start,
                        end,
                        after.timezone(),
                        source,
                        now,
                        contact,
                        siteName);
            case NO_SHOW ->
                new BookingMarkedNoShow(
                        eventId,
                        booking,
                        org,
                        site,
                        slot,
                        start,
                        end,
                        after.timezone(),
                        source,
                        now,
                        contact,
                        siteName);
            case RESCHEDULED ->
                new BookingRescheduled(
                        eventId,
                        booking,
                        org,
                        site,
                        slot,
                        start,
                        end,
                        after.timezone(),
                        source,
                        now,
                        contact,
                        before.slotId().value(),
                        before.times().start(),
                        before.times().end(),
                        siteName);
        };
        return codec.encode(event, traceparent);
    }
}
