package org.scheduleright.events;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
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
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderDelivered;
import org.scheduleright.events.reminder.ReminderFailed;
import org.scheduleright.events.reminder.ReminderReplied;
import org.scheduleright.events.reminder.ReminderScheduled;
import org.scheduleright.events.reminder.ReminderSent;
import org.scheduleright.events.reminder.ReminderSkipped;
import org.scheduleright.events.reminder.ReplyAnswer;

/** One well-formed event of every type, about one booking of Ada Lovelace, for the tests. */
public final class Fixtures {

    /** The key the stored samples' contact tokens were made with; a test key, never used outside tests. */
    public static final String SAMPLE_KEYS = "sample-2026-01:q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    public static final ContactCipher CIPHER = ContactCipher.fromKeys(SAMPLE_KEYS);

    public static final Contact ADA = new Contact("Ada Lovelace", "ada@example.org", "+447700900123");

    public static final UUID BOOKING = UUID.fromString("6f1c2a52-8e8b-4f5e-9a43-0c1d2e3f4a5b");

    public static final UUID ORG = UUID.fromString("0b7e6c1a-2d3f-4a5b-8c9d-0e1f2a3b4c5d");

    public static final UUID SITE = UUID.fromString("1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5");

    public static final UUID SLOT = UUID.fromString("2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6");

    public static final UUID OTHER_SLOT = UUID.fromString("3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7");

    public static final UUID REMINDER = UUID.fromString("4f5a6b7c-8d9e-4fa0-b1c2-d3e4f5a6b7c8");

    public static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    public static final Instant END = Instant.parse("2026-12-01T09:30:00Z");

    public static final Instant NOW = Instant.parse("2026-11-20T14:15:30.123Z");

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public static final String SITE_NAME = "Mitte Clinic";

    private static final EncryptedContact CONTACT = CIPHER.encrypt(ADA);

    private Fixtures() {}

    public static BookingCreated bookingCreated() {
        return new BookingCreated(
                UUID.randomUUID(),
                BOOKING,
                ORG,
                SITE,
                SLOT,
                START,
                END,
                LONDON,
                BookingSource.PUBLIC,
                NOW,
                CONTACT,
                SITE_NAME);
    }

    public static List<BookingLifecycle> everyBookingEvent() {
        return List.of(
                bookingCreated(),
                new BookingConfirmed(
                        UUID.randomUUID(),
                        BOOKING,
                        ORG,
                        SITE,
                        SLOT,
                        START,
                        END,
                        LONDON,
                        BookingSource.STAFF,
                        NOW,
                        CONTACT,
                        SITE_NAME),
                new BookingCancelled(
                        UUID.randomUUID(),
                        BOOKING,
                        ORG,
                        SITE,
                        SLOT,
                        START,
                        END,
                        LONDON,
                        BookingSource.CLIENT,
                        NOW,
                        CONTACT),
                new BookingRescheduled(
                        UUID.randomUUID(),
                        BOOKING,
                        ORG,
                        SITE,
                        OTHER_SLOT,
                        START.plusSeconds(86_400),
                        END.plusSeconds(86_400),
                        LONDON,
                        BookingSource.STAFF,
                        NOW,
                        CONTACT,
                        SLOT,
                        START,
                        END,
                        SITE_NAME),
                new BookingCompleted(
                        UUID.randomUUID(),
                        BOOKING,
                        ORG,
                        SITE,
                        SLOT,
                        START,
                        END,
                        LONDON,
                        BookingSource.STAFF,
                        NOW,
                        CONTACT),
                new BookingMarkedNoShow(
                        UUID.randomUUID(),
                        BOOKING,
                        ORG,
                        SITE,
                        SLOT,
                        START,
                        END,
                        LONDON,
                        BookingSource.STAFF,
                        NOW,
                        CONTACT));
    }

    public static List<ReminderActivity> everyReminderEvent() {
        Instant due = START.minusSeconds(24 * 3600);
        return List.of(
                new ReminderScheduled(UUID.randomUUID(), REMINDER, BOOKING, ORG, due, NOW, 24),
                new ReminderSent(UUID.randomUUID(), REMINDER, BOOKING, ORG, due, NOW, 24, 1),
                new ReminderDelivered(UUID.randomUUID(), REMINDER, BOOKING, ORG, due, NOW, 24, 2),
                new ReminderFailed(UUID.randomUUID(), REMINDER, BOOKING, ORG, "twilio:30007", due, NOW, 24, null),
                new ReminderSkipped(UUID.randomUUID(), REMINDER, BOOKING, ORG, "opted_out", due, NOW, null),
                new ReminderReplied(UUID.randomUUID(), REMINDER, BOOKING, ORG, ReplyAnswer.CONFIRM, due, NOW, 24));
    }
}
