package org.scheduleright.reminder.booking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.scheduleright.events.booking.BookingCancelled;
import org.scheduleright.events.booking.BookingCompleted;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingMarkedNoShow;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.events.contact.EncryptedContact;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderEligibility;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.SchedulingPolicy;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one booking event in one transaction: records its id (a redelivery changes nothing), ignores it when a later
 * event of the booking was already applied, updates the booking's state and replans or cancels its pending reminders.
 */
@Component
public class BookingEventHandler {

    private static final Logger log = LoggerFactory.getLogger(BookingEventHandler.class);

    /** What applying an event did. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        STALE
    }

    private final KnownBookings bookings;

    private final Reminders reminders;

    private final OrgReminderSettings settings;

    private final SchedulingPolicy policy;

    private final ContactCipher cipher;

    private final TransactionalOperator transactions;

    private final ReminderEvents events;

    private final Clock clock;

    private final PhoneHasher hasher;

    BookingEventHandler(
            KnownBookings bookings,
            Reminders reminders,
            OrgReminderSettings settings,
            SchedulingPolicy policy,
            ContactCipher cipher,
            @Qualifier("reminderTransactions") TransactionalOperator reminderTransactions,
            ReminderEvents events,
            Clock clock,
            PhoneHasher hasher) {
        this.hasher = hasher;
        this.bookings = bookings;
        this.reminders = reminders;
        this.settings = settings;
        this.policy = policy;
        this.cipher = cipher;
        this.transactions = reminderTransactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Applies the event, exactly once per event id.
     *
     * @param traceparent the trace context of the event's consumption, kept on the reminders it plans, or null
     */
    public Mono<Outcome> apply(BookingLifecycle event, String traceparent) {
        Instant now = clock.instant();
        String type = BookingLifecycle.STREAM.typeOf(event).name();
        List<UUID> scheduled = new CopyOnWriteArrayList<>();
        Mono<Outcome> work = bookings.markProcessed(event.eventId(), type, event.bookingId(), now)
                .flatMap(
                        fresh -> fresh ? applyFresh(event, now, traceparent, scheduled) : Mono.just(Outcome.DUPLICATE));
        return transactions
                .transactional(work)
                .flatMap(outcome -> Flux.fromIterable(scheduled)
                        .concatMap(events::publishCurrent)
                        .then(Mono.just(outcome)))
                .doOnNext(outcome -> log.info(
                        "Booking event {} of type {} for booking {}: {}",
                        event.eventId(),
                        type,
                        event.bookingId(),
                        outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private Mono<Outcome> applyFresh(BookingLifecycle event, Instant now, String traceparent, List<UUID> scheduled) {
        return bookings.findForUpdate(event.bookingId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(known -> known.isEmpty()
                                || !event.occurredAt().isBefore(known.get().lastEventAt())
                        ? save(event, known.map(KnownBooking::status).orElse(null), now, traceparent, scheduled)
                                .thenReturn(Outcome.APPLIED)
                        : Mono.just(Outcome.STALE));
    }

    private Mono<Void> save(
            BookingLifecycle event, BookingStatus before, Instant now, String traceparent, List<UUID> scheduled) {
        KnownBooking booking = new KnownBooking(
                event.bookingId(),
                event.orgId(),
                event.siteId(),
                event.status(),
                event.startTime(),
                event.endTime(),
                event.timezone(),
                null,
                event.contact(),
                event.occurredAt(),
                event.eventId());
        return bookings.save(booking, now)
                .then(bookings.rememberPhoneHash(booking.bookingId(), phoneHash(booking.contact())))
                .then(
                        switch (ReminderEligibility.of(event.status(), event.source())) {
                            case REMIND -> replan(booking, now, traceparent, scheduled);
                            case AWAIT_CONFIRMATION -> Mono.<Void>empty();
                            case CLOSED -> cancel(event, before, now, traceparent, scheduled);
                        });
    }

    private String phoneHash(EncryptedContact contact) {
        String phone = cipher.decrypt(contact).phone();
        return PhoneNumber.isValid(phone) ? hasher.hash(new PhoneNumber(phone)) : null;
    }

    private Mono<Void> replan(KnownBooking booking, Instant now, String traceparent, List<UUID> scheduled) {
        UUID id = booking.bookingId();
        boolean hasPhone = cipher.decrypt(booking.contact()).hasPhone();
        Mono<Long> superseded = reminders.cancelPending(id, booking.startTime(), Reminders.RESCHEDULED, now);
        Mono<Void> planned = settings.of(booking.orgId())
                .filter(orgSettings -> orgSettings.enabled() && hasPhone)
                .flatMapMany(orgSettings ->
                        Flux.fromIterable(policy.plan(orgSettings, booking.startTime(), booking.timezone(), now)))
                .concatMap(plan -> reminders.plan(id, booking.orgId(), booking.startTime(), plan, now, traceparent))
                .doOnNext(scheduled::add)
                .then();
        return superseded.then(planned);
    }

    private Mono<Void> cancel(
            BookingLifecycle event, BookingStatus before, Instant now, String traceparent, List<UUID> scheduled) {
        String reason = event instanceof BookingCancelled
                ? "booking_cancelled"
                : event instanceof BookingCompleted
                        ? "booking_completed"
                        : event instanceof BookingMarkedNoShow ? "booking_no_show" : "booking_closed";
        Mono<Void> notice = event instanceof BookingCancelled && ReminderEligibility.announcesCancellation(before)
                ? cancellationNotice(event, now, traceparent, scheduled)
                : Mono.empty();
        return reminders.cancelPending(event.bookingId(), null, reason, now).then(notice);
    }

    /**
     * Queues the one notice of a cancelled future appointment when the organisation wants them; its id derives from
     * the booking, so that a second cancellation event never queues a second notice.
     */
    private Mono<Void> cancellationNotice(
            BookingLifecycle event, Instant now, String traceparent, List<UUID> scheduled) {
        String phoneHash = phoneHash(event.contact());
        if (phoneHash == null || !event.startTime().isAfter(now)) {
            return Mono.empty();
        }
        UUID noticeId =
                UUID.nameUUIDFromBytes(("cancellation-notice:" + event.bookingId()).getBytes(StandardCharsets.UTF_8));
        return settings.of(event.orgId())
                .filter(ReminderSettings::sendCancellationNotice)
                .flatMap(orgSettings -> reminders.queue(
                        noticeId,
                        ReminderKind.CANCELLATION,
                        event.orgId(),
                        event.bookingId(),
                        event.startTime(),
                        null,
                        null,
                        null,
                        phoneHash,
                        now,
                        traceparent))
                .filter(Boolean::booleanValue)
                .doOnNext(queued -> scheduled.add(noticeId))
                .then();
    }
}
