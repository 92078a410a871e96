package org.scheduleright.booking.booking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.scheduleright.booking.booking.domain.Booking;
import org.scheduleright.booking.booking.domain.BookingId;
import org.scheduleright.booking.booking.domain.IllegalTransitionException;
import org.scheduleright.booking.booking.domain.SmsReplyRule;
import org.scheduleright.booking.booking.messaging.BookingEvents;
import org.scheduleright.booking.booking.messaging.BookingEvents.Change;
import org.scheduleright.booking.booking.persistence.IdempotencyKeys;
import org.scheduleright.booking.booking.persistence.IdempotencyKeys.StoredKey;
import org.scheduleright.booking.booking.persistence.ProcessedReplies;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.SiteDirectory;
import org.scheduleright.booking.site.domain.Site;
import org.scheduleright.booking.slot.domain.Slot;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.persistence.Slots;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.reminder.ReplyAnswer;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.FieldProblem;
import org.scheduleright.platform.outbox.Outbox;
import org.scheduleright.platform.outbox.OutboxSignal;
import org.scheduleright.platform.tracing.TraceParents;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Places bookings and moves them through their lifecycle. Each change runs in one database transaction that takes or
 * frees seats with conditional updates, writes the booking and appends its event to the outbox, so capacity is never
 * exceeded and no committed change misses its event.
 */
@Service
public class BookingService {

    private final org.scheduleright.booking.booking.persistence.Bookings bookings;
    private final Slots slots;
    private final IdempotencyKeys idempotencyKeys;
    private final Outbox outbox;
    private final BookingEvents events;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Duration idempotencyRetention;
    private final MeterRegistry registry;
    private final OutboxSignal signal;
    private final SiteDirectory sites;
    private final ProcessedReplies processedReplies;
    private final Cache<SlotId, Slot> bookedSlots = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    BookingService(
            org.scheduleright.booking.booking.persistence.Bookings bookings,
            Slots slots,
            IdempotencyKeys idempotencyKeys,
            Outbox outbox,
            BookingEvents events,
            TransactionalOperator transactions,
            Clock clock,
            IdempotencyProperties idempotency,
            MeterRegistry registry,
            OutboxSignal signal,
            SiteDirectory sites,
            ProcessedReplies processedReplies) {
        this.signal = signal;
        this.sites = sites;
        this.processedReplies = processedReplies;
        this.bookings = bookings;
        this.slots = slots;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.idempotencyRetention = idempotency.retention();
        this.registry = registry;
    }

    /** A placed booking, and whether it was created by an earlier request with the same idempotency key. */
    public record Placed(Booking booking, boolean replayed) {}

    /**
     * Books a seat of a slot of {@code site}: 404 if the slot is not an open slot of the site, 409
     * {@code SLOT_UNAVAILABLE} if it is full or over; with an idempotency key, a repeat of the same request answers the
     * first booking and a different request with the same key answers 409 {@code DUPLICATE_RESOURCE}.
     */
    public Mono<Placed> place(Site site, BookingRequest request, IdempotencyKey key) {
        return place(site, request, key, true);
    }

    private Mono<Placed> place(Site site, BookingRequest request, IdempotencyKey key, boolean retryExpired) {
        String traceparent = TraceParents.currentOrNewRoot();
        String fingerprint = request.fingerprint(site.id().toString());
        return openSlot(request.slot())
                .filter(slot -> slot.siteId().equals(site.id()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Slot")))
                .flatMap(slot -> Mono.defer(() -> {
                            Instant now = clock.instant();
                            Booking booking = Booking.request(
                                    site.orgId(),
                                    site.id(),
                                    slot.id(),
                                    slot.times(),
                                    site.timezone(),
                                    request.source(),
                                    request.clientUserId(),
                                    request.client(),
                                    request.notes(),
                                    now);
                            Mono<Void> claim = key == null
                                    ? Mono.empty()
                                    : idempotencyKeys
                                            .claim(key.scope(), key.value(), fingerprint, booking.id(), now)
                                            .onErrorMap(DataIntegrityViolationException.class, e -> new KeyTaken());
                            Mono<Booking> work = claim.then(slots.takeSeat(slot.id(), now))
                                    .flatMap(taken -> taken ? bookings.add(booking) : noSeat(slot.id()))
                                    .flatMap(saved -> outbox.append(
                                                    events.encode(
                                                            Change.CREATED,
                                                            null,
                                                            saved,
                                                            site.name(),
                                                            request.source(),
                                                            now,
                                                            traceparent),
                                                    now)
                                            .thenReturn(saved));
                            return transactions.transactional(work);
                        })
                        .retryWhen(transientFailures())
                        .map(booking -> new Placed(booking, false))
                        .doOnNext(placed -> {
                            signal.committed();
                            count(Change.CREATED);
                        })
                        .onErrorResume(KeyTaken.class, taken -> replay(site, request, key, fingerprint, retryExpired)));
    }

    /**
     * The slot to book, from a cache of the slots booked lately: only its immutable facts (site, times) are used, and
     * the conditional seat update re-checks status, capacity and time in the database.
     */
    private Mono<Slot> openSlot(SlotId id) {
        Slot cached = bookedSlots.getIfPresent(id);
        return cached != null ? Mono.just(cached) : slots.find(id).doOnNext(slot -> bookedSlots.put(id, slot));
    }

    /** 409 when the slot is full or over; 404 when it was deleted since it was cached. */
    private Mono<Booking> noSeat(SlotId id) {
        return slots.find(id).hasElement().flatMap(open -> {
            if (!open) {
                bookedSlots.invalidate(id);
            }
            return Mono.error(open ? slotUnavailable() : ApiException.notFound("Slot"));
        });
    }

    /**
     * Answers a request whose key another request holds: that request's booking when the body is the same, 409 when it
     * differs. A key older than the retention is forgotten and the request placed afresh (once): expired keys are
     * looked for only here, when a key is reused, so that a first use costs no extra statement.
     */
    private Mono<Placed> replay(
            Site site, BookingRequest request, IdempotencyKey key, String fingerprint, boolean retryExpired) {
        return idempotencyKeys
                .find(key.scope(), key.value())
                .switchIfEmpty(Mono.error(() -> keyConflict()))
                .flatMap((StoredKey stored) -> {
                    Instant expiredBefore = clock.instant().minus(idempotencyRetention);
                    if (retryExpired && stored.createdAt().isBefore(expiredBefore)) {
                        return idempotencyKeys
                                .forgetIfExpired(key.scope(), key.value(), expiredBefore)
                                .then(Mono.defer(() -> place(site, request, key, false)));
                    }
                    return stored.requestHash().equals(fingerprint)
                            ? bookings.find(stored.bookingId()).map(booking -> new Placed(booking, true))
                            : Mono.error(keyConflict());
                });
    }

    /** The booking, if {@code visible} to the caller; else 404. */
    public Mono<Booking> find(BookingId id, Predicate<Booking> visible) {
        return bookings.find(id).filter(visible).switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking")));
    }

    public Mono<Booking> confirm(BookingId id, Predicate<Booking> visible, BookingSource source) {
        return change(
                id, visible, Change.CONFIRMED, source, (booking, now) -> Mono.fromCallable(() -> booking.confirm(now)));
    }

    public Mono<Booking> cancel(BookingId id, Predicate<Booking> visible, BookingSource source, String reason) {
        return change(
                id,
                visible,
                Change.CANCELLED,
                source,
                (booking, now) -> Mono.fromCallable(() -> booking.cancel(reason, now))
                        .flatMap(cancelled -> slots.freeSeat(booking.slotId()).thenReturn(cancelled)));
    }

    public Mono<Booking> complete(BookingId id, Predicate<Booking> visible, BookingSource source) {
        return change(
                id,
                visible,
                Change.COMPLETED,
                source,
                (booking, now) -> Mono.fromCallable(() -> booking.complete(now)));
    }

    public Mono<Booking> markNoShow(BookingId id, Predicate<Booking> visible, BookingSource source) {
        return change(
                id,
                visible,
                Change.NO_SHOW,
                source,
                (booking, now) -> Mono.fromCallable(() -> booking.markNoShow(now)));
    }

    public Mono<Booking> writeStaffNotes(BookingId id, Predicate<Booking> visible, String notes) {
        return change(
                id,
                visible,
                null,
                BookingSource.STAFF,
                (booking, now) -> Mono.fromCallable(() -> booking.withStaffNotes(notes, now)));
    }

    /**
     * Moves a confirmed booking to another open slot of its site atomically: the new seat is taken and the old one
     * freed in one transaction, or nothing changes (409 {@code SLOT_UNAVAILABLE} when the new slot is full).
     */
    public Mono<Booking> reschedule(BookingId id, Predicate<Booking> visible, BookingSource source, SlotId newSlot) {
        return change(
                id,
                visible,
                Change.RESCHEDULED,
                source,
                (booking, now) -> slots.find(newSlot)
                        .filter(slot -> slot.siteId().equals(booking.siteId()))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Slot")))
                        .flatMap(slot -> Mono.fromCallable(() -> booking.reschedule(slot.id(), slot.times(), now)))
                        .flatMap(moved -> slots.takeSeat(newSlot, now)
                                .flatMap(taken ->
                                        taken ? slots.freeSeat(booking.slotId()) : Mono.error(slotUnavailable()))
                                .thenReturn(moved)));
    }

    /** What acting on one SMS reply event did. */
    public enum ReplyHandling {
        /** The event id was acted on before: nothing changed. */
        DUPLICATE,
        /** No such booking here: nothing changed. */
        UNKNOWN_BOOKING,
        /** The booking was confirmed or cancelled, with its event (source {@code sms}) in the outbox. */
        CHANGED,
        /** The rule left the booking as it was (already so, not allowed, started, other organisation). */
        IGNORED
    }

    /** The cancellation reason stored for a booking cancelled by its client's SMS answer. */
    public static final String SMS_CANCEL_REASON = "Cancelled by SMS reply";

    /**
     * Acts on a client's SMS answer to a reminder, exactly once per event id: in one transaction the booking is locked,
     * {@link SmsReplyRule} decides, the event id is recorded with the outcome, and a confirmation or cancellation (seat
     * freed) is stored with its event, source {@code sms}, in the outbox.
     */
    public Mono<ReplyHandling> answerSmsReply(UUID eventId, BookingId id, OrgId org, ReplyAnswer answer) {
        String traceparent = TraceParents.currentOrNewRoot();
        return Mono.defer(() -> {
                    Instant now = clock.instant();
                    Mono<ReplyHandling> work = bookings.lock(id)
                            .flatMap(before -> {
                                SmsReplyRule.Outcome outcome = SmsReplyRule.decide(before, org, answer, now);
                                return processedReplies
                                        .record(
                                                eventId,
                                                id.value(),
                                                outcome.name().toLowerCase(java.util.Locale.ROOT),
                                                now)
                                        .flatMap(fresh -> !fresh
                                                ? Mono.just(ReplyHandling.DUPLICATE)
                                                : outcome.changes()
                                                        ? applyReply(before, outcome, now, traceparent)
                                                                .thenReturn(ReplyHandling.CHANGED)
                                                        : Mono.just(ReplyHandling.IGNORED));
                            })
                            .switchIfEmpty(Mono.defer(() -> processedReplies
                                    .record(eventId, id.value(), "unknown_booking", now)
                                    .map(fresh -> fresh ? ReplyHandling.UNKNOWN_BOOKING : ReplyHandling.DUPLICATE)));
                    return transactions.transactional(work);
                })
                .retryWhen(transientFailures())
                .doOnNext(handling -> {
                    if (handling == ReplyHandling.CHANGED) {
                        signal.committed();
                    }
                });
    }

    private Mono<Booking> applyReply(Booking before, SmsReplyRule.Outcome outcome, Instant now, String traceparent) {
        Change change = outcome == SmsReplyRule.Outcome.CONFIRM ? Change.CONFIRMED : Change.CANCELLED;
        Mono<Booking> transition = outcome == SmsReplyRule.Outcome.CONFIRM
                ? Mono.fromCallable(() -> before.confirm(now))
                : Mono.fromCallable(() -> before.cancel(SMS_CANCEL_REASON, now))
                        .flatMap(cancelled -> slots.freeSeat(before.slotId()).thenReturn(cancelled));
        return transition
                .flatMap(bookings::update)
                .flatMap(after -> sites.find(after.siteId().toString())
                        .flatMap(site -> outbox.append(
                                events.encode(change, before, after, site.name(), BookingSource.SMS, now, traceparent),
                                now))
                        .thenReturn(after))
                .doOnNext(after -> count(change));
    }

    private Mono<Booking> change(
            BookingId id,
            Predicate<Booking> visible,
            Change change,
            BookingSource source,
            BiFunction<Booking, Instant, Mono<Booking>> transition) {
        String traceparent = TraceParents.currentOrNewRoot();
        return Mono.defer(() -> {
                    Instant now = clock.instant();
                    Mono<Booking> work = bookings.lock(id)
                            .filter(visible)
                            .switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking")))
                            .flatMap(before -> transition
                                    .apply(before, now)
                                    .flatMap(after -> bookings.update(after))
                                    .flatMap(after -> change == null
                                            ? Mono.just(after)
                                            // the site's current name travels with the event (cached, sites are
                                            // never renamed), for the texts the reminder-service sends
                                            : sites.find(after.siteId().toString())
                                                    .flatMap(site -> outbox.append(
                                                            events.encode(
                                                                    change,
                                                                    before,
                                                                    after,
                                                                    site.name(),
                                                                    source,
                                                                    now,
                                                                    traceparent),
                                                            now))
                                                    .thenReturn(after)));
                    return transactions.transactional(work);
                })
                .retryWhen(transientFailures())
                .onErrorMap(
                        IllegalTransitionException.class,
                        e -> new ApiException(ErrorCode.INVALID_STATE_TRANSITION, e.getMessage()))
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> new ApiException(
                                ErrorCode.VALIDATION_ERROR,
                                "Request validation failed",
                                List.of(new FieldProblem(
                                        change == Change.RESCHEDULED ? "slotId" : "staffNotes", e.getMessage()))))
                .doOnNext(booking -> {
                    if (change != null) {
                        signal.committed();
                    }
                    count(change);
                });
    }

    private void count(Change change) {
        if (change != null) {
            String status = change == Change.CREATED ? "pending" : change.name().toLowerCase(java.util.Locale.ROOT);
            Counter.builder("scheduleright.bookings")
                    .description("Booking lifecycle transitions, by the status they led to")
                    .tag("status", status)
                    .register(registry)
                    .increment();
        }
    }

    private static Retry transientFailures() {
        return Retry.backoff(5, Duration.ofMillis(5))
                .filter(e ->
                        e instanceof PessimisticLockingFailureException || e instanceof TransientDataAccessException)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private static ApiException slotUnavailable() {
        return new ApiException(ErrorCode.SLOT_UNAVAILABLE, "This slot has no seat left");
    }

    private static ApiException keyConflict() {
        return new ApiException(
                ErrorCode.DUPLICATE_RESOURCE, "This Idempotency-Key was already used with a different request");
    }

    /** The idempotency key is held by another request, whose outcome decides this one's answer. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency key taken", null, false, false);
        }
    }
}
