package org.scheduleright.events.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.EventType;
import org.scheduleright.events.Fixtures;
import org.scheduleright.events.contact.EncryptedContact;

/** Booking events refuse to exist in an invalid state and publish the status their type implies. */
class BookingLifecycleTests {

    private static final EncryptedContact CONTACT = Fixtures.bookingCreated().contact();

    @Test
    void everyEventTypeFixesTheStatusItPublishes() {
        Map<Class<?>, BookingStatus> statusByType = Fixtures.everyBookingEvent().stream()
                .collect(Collectors.toMap(Object::getClass, BookingLifecycle::status));

        assertThat(statusByType)
                .containsEntry(BookingCreated.class, BookingStatus.PENDING)
                .containsEntry(BookingConfirmed.class, BookingStatus.CONFIRMED)
                .containsEntry(BookingCancelled.class, BookingStatus.CANCELLED)
                .containsEntry(BookingRescheduled.class, BookingStatus.CONFIRMED)
                .containsEntry(BookingCompleted.class, BookingStatus.COMPLETED)
                .containsEntry(BookingMarkedNoShow.class, BookingStatus.NO_SHOW);
    }

    @Test
    void streamDeclaresTheContractTypesOnTheBookingsTopic() {
        Map<String, Class<?>> types = BookingLifecycle.STREAM.types().stream()
                .collect(Collectors.toMap(EventType::name, EventType::javaType));

        assertThat(BookingLifecycle.STREAM.topic()).isEqualTo("scheduleright.bookings.v1");
        assertThat(BookingLifecycle.STREAM.source()).isEqualTo("/booking-service");
        assertThat(types)
                .containsOnly(
                        Map.entry("org.scheduleright.booking.created.v1", BookingCreated.class),
                        Map.entry("org.scheduleright.booking.confirmed.v1", BookingConfirmed.class),
                        Map.entry("org.scheduleright.booking.cancelled.v1", BookingCancelled.class),
                        Map.entry("org.scheduleright.booking.rescheduled.v1", BookingRescheduled.class),
                        Map.entry("org.scheduleright.booking.completed.v1", BookingCompleted.class),
                        Map.entry("org.scheduleright.booking.no_show.v1", BookingMarkedNoShow.class));
        assertThat(BookingMarkedNoShow.TYPE.schema()).isEqualTo("events/booking-no-show.v1.schema.json");
    }

    @Test
    void rejectsAnEventWithoutId() {
        assertThatNullPointerException()
                .isThrownBy(() -> created(null, ZoneId.of("Europe/London"), BookingSource.STAFF))
                .withMessageContaining("eventId");
    }

    @Test
    void rejectsAnEventWithoutSource() {
        assertThatNullPointerException()
                .isThrownBy(() -> created(UUID.randomUUID(), ZoneId.of("Europe/London"), null))
                .withMessageContaining("source");
    }

    @Test
    void rejectsAnUnknownSourceName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BookingSource.fromWireName("import"))
                .withMessageContaining("staff, client, public or sms");
        assertThat(BookingSource.fromWireName("public")).isEqualTo(BookingSource.PUBLIC);
        assertThat(BookingSource.fromWireName("sms")).isEqualTo(BookingSource.SMS);
    }

    @Test
    void rejectsAFixedOffsetInsteadOfAnIanaZone() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> created(UUID.randomUUID(), ZoneId.of("+01:00"), BookingSource.STAFF))
                .withMessageContaining("IANA");
    }

    @Test
    void rejectsASlotThatEndsBeforeItStarts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BookingCreated(
                        UUID.randomUUID(),
                        Fixtures.BOOKING,
                        Fixtures.ORG,
                        Fixtures.SITE,
                        Fixtures.SLOT,
                        Fixtures.END,
                        Fixtures.START,
                        Fixtures.LONDON,
                        BookingSource.STAFF,
                        Fixtures.NOW,
                        CONTACT))
                .withMessageContaining("endTime");
    }

    @Test
    void rescheduleRequiresThePreviousSlot() {
        Function<UUID, BookingRescheduled> rescheduled = previousSlot -> new BookingRescheduled(
                UUID.randomUUID(),
                Fixtures.BOOKING,
                Fixtures.ORG,
                Fixtures.SITE,
                Fixtures.OTHER_SLOT,
                Fixtures.START,
                Fixtures.END,
                Fixtures.LONDON,
                BookingSource.STAFF,
                Fixtures.NOW,
                CONTACT,
                previousSlot,
                Fixtures.START,
                Fixtures.END);

        assertThat(rescheduled.apply(Fixtures.SLOT).previousSlotId()).isEqualTo(Fixtures.SLOT);
        assertThatNullPointerException()
                .isThrownBy(() -> rescheduled.apply(null))
                .withMessageContaining("previousSlotId");
    }

    private static BookingCreated created(UUID eventId, ZoneId zone, BookingSource source) {
        return new BookingCreated(
                eventId,
                Fixtures.BOOKING,
                Fixtures.ORG,
                Fixtures.SITE,
                Fixtures.SLOT,
                Fixtures.START,
                Fixtures.END,
                zone,
                source,
                Fixtures.NOW,
                CONTACT);
    }
}
