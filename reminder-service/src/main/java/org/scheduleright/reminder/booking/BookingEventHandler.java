package org.scheduleright.reminder.booking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.scheduleright.events.booking.BookingCancelled;
import org.scheduleright.events.booking.BookingCompleted;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingMarkedNoShow;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderEligibility;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.SchedulingPolicy;
import org.scheduleright.reminder.reminder.domain.SendingHours;
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
        // the reminder events are recorded in this transaction (outbox) and published once it committed
        Mono<Outcome> work = bookings.markProcessed(event.eventId(), type, event.bookingId(), now)
                .flatMap(fresh -> fresh ? applyFresh(event, now, traceparent) : Mono.just(Outcome.DUPLICATE));
        return transactions
                .transactional(work)
                .doOnNext(outcome -> log.info(
                        "Booking event {} of type {} for booking {}: {}",
                        event.eventId(),
                        type,
                        event.bookingId(),
                        outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private Mono<Outcome> applyFresh(BookingLifecycle event, Instant now, String traceparent) {
        return bookings.findForUpdate(event.bookingId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(known -> known.isEmpty()
                                || !event.occurredAt().isBefore(known.get().lastEventAt())
                        ? save(event, known.map(KnownBooking::status).orElse(null), now, traceparent)
                                .thenReturn(Outcome.APPLIED)
                        : Mono.just(Outcome.STALE));
    }

    private Mono<Void> save(BookingLifecycle event, BookingStatus before, Instant now, String traceparent) {
        // the one decryption of the event's contact
        Contact contact = cipher.decrypt(event.contact());
        String phoneHash = PhoneNumber.isValid(contact.phone()) ? hasher.hash(new PhoneNumber(contact.phone())) : null;
        KnownBooking booking = new KnownBooking(
                event.bookingId(),
                event.orgId(),
                event.siteId(),
                event.status(),
                event.startTime(),
                event.endTime(),
                event.timezone(),
                event.siteName(),
                event.contact(),
                event.occurredAt(),
                event.eventId());
        return bookings.save(booking, phoneHash, now)
                .then(
                        switch (ReminderEligibility.of(event.status(), event.source())) {
                            case REMIND -> replan(booking, before != null, contact.hasPhone(), now, traceparent);
                            case AWAIT_CONFIRMATION -> confirmationRequest(booking, phoneHash, now, traceparent);
                            case CLOSED -> cancel(event, phoneHash, before, now, traceparent);
                        });
    }

    /** @param known whether the booking was known before: a booking seen for the first time has no reminders yet */
    private Mono<Void> replan(KnownBooking booking, boolean known, boolean hasPhone, Instant now, String traceparent) {
        UUID id = booking.bookingId();
        Mono<Long> superseded =
                known ? reminders.cancelPending(id, booking.startTime(), Reminders.RESCHEDULED, now) : Mono.just(0L);
        Mono<Void> planned = settings.of(booking.orgId())
                .filter(orgSettings -> orgSettings.enabled() && hasPhone)
                .flatMapMany(orgSettings ->
                        Flux.fromIterable(policy.plan(orgSettings, booking.startTime(), booking.timezone(), now)))
                .concatMap(plan -> reminders
                        .plan(id, booking.orgId(), booking.startTime(), plan, now, traceparent)
                        .flatMap(reminderId -> events.publishScheduled(
                                reminderId, id, booking.orgId(), plan.plannedAt(), plan.leadTimeHours(), traceparent)))
                .then();
        return superseded.then(planned);
    }

    private Mono<Void> cancel(
            BookingLifecycle event, String phoneHash, BookingStatus before, Instant now, String traceparent) {
        String reason = event instanceof BookingCancelled
                ? "booking_cancelled"
                : event instanceof BookingCompleted
                        ? "booking_completed"
                        : event instanceof BookingMarkedNoShow ? "booking_no_show" : "booking_closed";
        Mono<Void> notice = event instanceof BookingCancelled && ReminderEligibility.announcesCancellation(before)
                ? cancellationNotice(event, phoneHash, now, traceparent)
                : Mono.empty();
        return reminders.cancelPending(event.bookingId(), null, reason, now).then(notice);
    }

    /**
     * Queues the one "reply C to confirm" message of a public booking when its organisation enabled replies; its id
     * derives from the booking, so that a replayed event never queues a second one.
     */
    private Mono<Void> confirmationRequest(KnownBooking booking, String phoneHash, Instant now, String traceparent) {
        UUID requestId = UUID.nameUUIDFromBytes(
                ("confirmation-request:" + booking.bookingId()).getBytes(StandardCharsets.UTF_8));
        return settings.of(booking.orgId())
                .filter(orgSettings -> ReminderEligibility.requestsConfirmation(
                        orgSettings.repliesEnabled(), phoneHash != null, booking.startTime(), now))
                .flatMap(orgSettings -> reminders.queue(
                        requestId,
                        ReminderKind.CONFIRMATION,
                        booking.orgId(),
                        booking.bookingId(),
                        booking.startTime(),
                        null,
                        null,
                        null,
                        phoneHash,
                        now,
                        traceparent))
                .filter(Boolean::booleanValue)
                // recorded in the queuing transaction: no worker can claim the request before it committed
                .flatMap(queued -> events.publishCurrent(requestId, traceparent))
                .then();
    }

    /**
     * Queues the one notice of a cancelled future appointment when the organisation wants them, due at once or at the
     * end of the site's quiet hours, and none when the appointment starts before they end; its id derives from the
     * booking, so that a second cancellation event never queues a second notice.
     */
    private Mono<Void> cancellationNotice(BookingLifecycle event, String phoneHash, Instant now, String traceparent) {
        if (phoneHash == null || !event.startTime().isAfter(now)) {
            return Mono.empty();
        }
        UUID noticeId =
                UUID.nameUUIDFromBytes(("cancellation-notice:" + event.bookingId()).getBytes(StandardCharsets.UTF_8));
        return settings.of(event.orgId())
                .filter(ReminderSettings::sendCancellationNotice)
                .flatMap(orgSettings -> {
                    SendingHours.Notice timing = SendingHours.cancellationNotice(
                            orgSettings.quietHours(), event.timezone(), now, event.startTime());
                    if (!(timing instanceof SendingHours.Notice.Due due)) {
                        log.info(
                                "No cancellation notice for booking {}: it starts before the site's quiet hours end",
                                event.bookingId());
                        return Mono.just(false);
                    }
                    return reminders.queueAt(
                            noticeId,
                            ReminderKind.CANCELLATION,
                            event.orgId(),
                            event.bookingId(),
                            event.startTime(),
                            null,
                            null,
                            null,
                            phoneHash,
                            due.at(),
                            now,
                            traceparent);
                })
                .filter(Boolean::booleanValue)
                // recorded in the queuing transaction: no worker can claim the notice before it committed
                .flatMap(queued -> events.publishCurrent(noticeId, traceparent))
                .then();
    }
}
