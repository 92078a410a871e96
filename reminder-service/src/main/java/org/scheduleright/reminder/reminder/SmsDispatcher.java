package org.scheduleright.reminder.reminder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.platform.tracing.TraceParents;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.QuotaDecision;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.MessageTemplate;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.domain.SchedulingPolicy;
import org.scheduleright.reminder.reminder.domain.SmsSegments;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.Claim;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.scheduleright.reminder.sms.SmsMessage;
import org.scheduleright.reminder.sms.SmsOutcome;
import org.scheduleright.reminder.sms.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends due reminders: claims them one at a time per free send slot with {@code FOR UPDATE SKIP LOCKED} (so replicas
 * share the work, no reminder is claimed twice, and a worker never holds more claims than it can hand over at once),
 * re-checks each booking's latest state, records the hand-off to the SMS provider under its claim right before the
 * single send attempt, and records the outcome.
 *
 * <p>The database, not this process, knows what may have reached the provider: after a crash, a claim never handed
 * over goes back to the queue ({@link #recoverStaleClaims}) and one handed over becomes {@code unknown}, never resent.
 *
 * <p>Each send is a trace of its own (span "reminder send"), linked to the trace that planned the reminder: a send can
 * happen days after its booking request, and joining that trace would make one trace span days.
 */
class SmsDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);

    private final Reminders reminders;

    private final KnownBookings bookings;

    private final OrgReminderSettings settings;

    private final OptOuts optOuts;

    private final SchedulingPolicy policy;

    private final ContactCipher cipher;

    private final SmsSender sender;

    private final ReminderEvents events;

    private final TransactionalOperator transactions;

    private final MeterRegistry meters;

    private final Clock clock;

    private final ReminderProperties properties;

    private final String workerId;

    private final SmsQuotas quotas;

    private final ObservationRegistry observations;

    /** The number SMS leave from ({@code TWILIO_PHONE_NUMBER}), recorded at each hand-off so replies find them. */
    private final String sendingNumber;

    SmsDispatcher(
            Reminders reminders,
            KnownBookings bookings,
            OrgReminderSettings settings,
            OptOuts optOuts,
            SchedulingPolicy policy,
            ContactCipher cipher,
            SmsSender sender,
            ReminderEvents events,
            TransactionalOperator transactions,
            MeterRegistry meters,
            Clock clock,
            ReminderProperties properties,
            String workerId,
            SmsQuotas quotas,
            ObservationRegistry observations,
            String sendingNumber) {
        this.sendingNumber = sendingNumber == null || sendingNumber.isBlank() ? null : sendingNumber;
        this.reminders = reminders;
        this.bookings = bookings;
        this.settings = settings;
        this.optOuts = optOuts;
        this.policy = policy;
        this.cipher = cipher;
        this.sender = sender;
        this.events = events;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.properties = properties;
        this.workerId = workerId;
        this.quotas = quotas;
        this.observations = observations;
    }

    /**
     * Handles up to batch-size due reminders in {@code sendConcurrency} parallel lanes, each claiming the next due
     * reminder only when it is free to send it; emits how many were claimed.
     */
    Mono<Integer> dispatchDue() {
        Instant roundStart = clock.instant();
        AtomicInteger budget = new AtomicInteger(properties.batchSize());
        int lanes = Math.min(properties.sendConcurrency(), properties.batchSize());
        return Flux.range(0, lanes)
                .flatMap(lane -> lane(roundStart, budget), lanes)
                .reduce(0, Integer::sum);
    }

    /** Claims and handles one reminder after another until the round's budget is used or none is due. */
    private Mono<Integer> lane(Instant roundStart, AtomicInteger budget) {
        return Mono.defer(() -> budget.getAndDecrement() > 0
                        ? claimNext(roundStart)
                                .flatMap(claim -> deliver(claim).thenReturn(true))
                                .defaultIfEmpty(false)
                        : Mono.just(false))
                .repeat()
                .takeWhile(Boolean::booleanValue)
                .count()
                .map(Long::intValue);
    }

    private Mono<Claim> claimNext(Instant roundStart) {
        return Mono.defer(() -> transactions.transactional(reminders.claimNext(clock.instant(), roundStart, workerId)))
                .retryWhen(Retry.backoff(5, Duration.ofMillis(20))
                        .filter(error -> error instanceof TransientDataAccessException));
    }

    /** What one sweep of stale claims did. */
    record ClaimRecovery(long released, long abandoned) {}

    /**
     * Sweeps claims whose worker vanished: those never handed over and older than claim-release-after go back to the
     * queue; those handed over longer than claim-timeout ago become {@code unknown (worker_lost)}.
     */
    Mono<ClaimRecovery> recoverStaleClaims() {
        Instant now = clock.instant();
        return reminders
                .releaseUnsentClaims(now.minus(properties.claimReleaseAfter()), now)
                .zipWith(Mono.defer(() -> reminders.abandonStaleClaims(now.minus(properties.claimTimeout()), now)))
                .map(counts -> new ClaimRecovery(counts.getT1(), counts.getT2()))
                .doOnNext(recovery -> {
                    if (recovery.released() > 0) {
                        meters.counter("scheduleright.reminders.claims.recovered", "outcome", "released")
                                .increment(recovery.released());
                        log.warn("{} claimed reminders were never handed over; back in the queue", recovery.released());
                    }
                    if (recovery.abandoned() > 0) {
                        meters.counter("scheduleright.reminders.claims.recovered", "outcome", "worker_lost")
                                .increment(recovery.abandoned());
                        log.warn(
                                "{} reminders were handed over by a worker that vanished; marked unknown",
                                recovery.abandoned());
                    }
                });
    }

    private Mono<Void> deliver(Claim claim) {
        return reminders
                .find(claim.reminderId())
                .flatMap(reminder -> inSendTrace(reminder, attempt(claim, reminder)))
                .onErrorResume(error -> recover(claim, null, error));
    }

    private Mono<Void> attempt(Claim claim, ReminderRow reminder) {
        return Mono.defer(() -> (reminder.bookingId() == null
                                ? Mono.just(Optional.<KnownBooking>empty())
                                : bookings.find(reminder.bookingId())
                                        .map(Optional::of)
                                        .defaultIfEmpty(Optional.empty()))
                        .flatMap(booking -> decide(claim, reminder, booking.orElse(null))))
                .onErrorResume(error -> recover(claim, reminder, error));
    }

    /**
     * After an error: a reminder not yet handed over goes back to the queue; one that was (the database says so, not
     * this process) may have been sent and becomes unknown. If even that fails the stale-claim sweep decides later.
     */
    private Mono<Void> recover(Claim claim, ReminderRow reminder, Throwable error) {
        UUID id = claim.reminderId();
        log.error(
                "Reminder {} could not be handled ({}); releasing it unless it was handed over",
                id,
                error.getClass().getSimpleName());
        return reminders
                .release(claim, clock.instant())
                .flatMap(released -> {
                    if (released) {
                        return Mono.<Void>empty();
                    }
                    log.error("Reminder {} was handed over and may have been sent; marking it unknown", id);
                    return finish(claim, reminder, ReminderStatus.UNKNOWN, "internal_error", null, null);
                })
                .onErrorResume(failure -> {
                    // the database is unreachable too: the stale-claim sweep decides once it is back
                    log.error(
                            "Reminder {} could not be given back ({}); left to the stale-claim sweep",
                            id,
                            failure.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /**
     * Runs one send in a new trace: a root "reminder send" span (tagged with the reminder and booking ids, never the
     * number or the text) that links to the stored context of what planned the reminder.
     */
    private Mono<Void> inSendTrace(ReminderRow reminder, Mono<Void> send) {
        Observation observation = Observation.createNotStarted("scheduleright.reminder.send", observations)
                .contextualName("reminder send")
                .parentObservation(null)
                .lowCardinalityKeyValue("kind", reminder.kind().code())
                .highCardinalityKeyValue("reminder.id", reminder.id().toString());
        if (reminder.bookingId() != null) {
            observation.highCardinalityKeyValue(
                    "booking.id", reminder.bookingId().toString());
        }
        try (var root = Context.root().makeCurrent()) {
            observation.start();
        }
        SpanContext planned = TraceParents.parse(reminder.traceparent());
        if (planned.isValid()) {
            try (Observation.Scope scope = observation.openScope()) {
                Span.current().addLink(planned);
            }
        }
        return send.doOnError(observation::error)
                .doFinally(signal -> observation.stop())
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
    }

    private Mono<Void> decide(Claim claim, ReminderRow reminder, KnownBooking booking) {
        UUID id = reminder.id();
        if (reminder.bookingId() == null) {
            String phone = reminder.recipient() == null
                    ? null
                    : cipher.decrypt(reminder.recipient()).phone();
            return deliverTo(claim, reminder, phone, orgSettings -> reminder.body());
        }
        boolean unchanged = booking != null
                && switch (reminder.kind()) {
                    case CANCELLATION -> booking.status() == BookingStatus.CANCELLED;
                    // the request to confirm goes only to a booking still waiting for it
                    case CONFIRMATION ->
                        booking.status() == BookingStatus.PENDING
                                && booking.startTime().equals(reminder.appointmentStart());
                    case REMINDER, MANUAL ->
                        booking.isActive() && booking.startTime().equals(reminder.appointmentStart());
                };
        if (!unchanged) {
            return finish(claim, reminder, ReminderStatus.CANCELLED, "booking_changed", null, null);
        }
        Instant now = clock.instant();
        boolean late = switch (reminder.kind()) {
            case REMINDER -> !policy.isStillWorthSending(booking.startTime(), now);
            case CANCELLATION, CONFIRMATION -> !booking.startTime().isAfter(now);
            case MANUAL -> false;
        };
        if (late) {
            return finish(claim, reminder, ReminderStatus.SKIPPED, SchedulingPolicy.TOO_LATE, null, null);
        }
        Contact contact = cipher.decrypt(booking.contact());
        MessageTemplate fixed = switch (reminder.kind()) {
            case CANCELLATION -> MessageTemplate.CANCELLATION;
            case CONFIRMATION -> MessageTemplate.CONFIRMATION_REQUEST;
            case REMINDER, MANUAL -> null;
        };
        return deliverTo(
                claim,
                reminder,
                contact.phone(),
                orgSettings -> (fixed == null ? orgSettings.template() : fixed)
                        .renderFor(
                                contact.name(),
                                booking.siteName(),
                                booking.startTime(),
                                booking.timezone(),
                                orgSettings.repliesEnabled()));
    }

    /** Checks the number and its opt-out, renders the text with the organisation's settings and sends it. */
    private Mono<Void> deliverTo(
            Claim claim, ReminderRow reminder, String number, Function<ReminderSettings, String> render) {
        UUID id = reminder.id();
        if (number == null) {
            return finish(claim, reminder, ReminderStatus.SKIPPED, "no_phone", null, null);
        }
        if (!PhoneNumber.isValid(number)) {
            return finish(claim, reminder, ReminderStatus.FAILED, "invalid_number", null, null);
        }
        PhoneNumber phone = new PhoneNumber(number);
        return optOuts.isOptedOut(phone)
                .flatMap(optedOut -> optedOut
                        ? finish(claim, reminder, ReminderStatus.SKIPPED, "opted_out", null, null)
                        : settings.of(reminder.orgId()).flatMap(orgSettings -> {
                            String body = render.apply(orgSettings);
                            int segments = SmsSegments.count(body);
                            return sendWithinQuota(
                                    claim, reminder, phone, body, segments, orgSettings.dailySmsBudget());
                        }));
    }

    /**
     * Takes the SMS from the quotas right before sending: over quota it is skipped ({@code quota}); when Redis cannot
     * be asked nothing is sent and the reminder goes back to the queue for a later attempt (fail closed).
     */
    private Mono<Void> sendWithinQuota(
            Claim claim, ReminderRow reminder, PhoneNumber phone, String body, int segments, Integer dailyBudget) {
        UUID id = reminder.id();
        return quotas.acquire(reminder.orgId(), dailyBudget, phone).flatMap(decision -> {
            if (decision instanceof QuotaDecision.Exceeded exceeded) {
                log.info("Reminder {} is over the {} SMS quota", id, exceeded.scope());
                return finish(claim, reminder, ReminderStatus.SKIPPED, "quota", segments, null);
            }
            if (decision instanceof QuotaDecision.Unavailable) {
                Instant now = clock.instant();
                return reminders
                        .defer(claim, now.plus(quotas.unavailableRetry()), now)
                        .then();
            }
            return reminders.handOver(claim, clock.instant(), sendingNumber).flatMap(owned -> {
                if (!owned) {
                    // the sweep gave it back (this worker stalled) or another worker holds it now: never send twice
                    log.warn("Reminder {} is no longer claimed by this worker; not sending it", id);
                    return Mono.<Void>empty();
                }
                return sender.send(new SmsMessage(id, reminder.orgId(), phone, body))
                        .flatMap(outcome -> record(claim, reminder, outcome, segments, phone));
            });
        });
    }

    private Mono<Void> record(Claim claim, ReminderRow reminder, SmsOutcome outcome, int segments, PhoneNumber phone) {
        if (outcome instanceof SmsOutcome.Accepted accepted) {
            return finish(claim, reminder, ReminderStatus.SENT, null, segments, accepted.sid());
        }
        if (outcome instanceof SmsOutcome.Disabled) {
            return finish(claim, reminder, ReminderStatus.SKIPPED, "sms_disabled", segments, null);
        }
        if (outcome instanceof SmsOutcome.Rejected rejected) {
            Mono<Void> optOut = rejected.optedOut() ? optOuts.optOut(phone, clock.instant()) : Mono.empty();
            return optOut.then(finish(claim, reminder, ReminderStatus.FAILED, rejected.reason(), segments, null));
        }
        SmsOutcome.Ambiguous ambiguous = (SmsOutcome.Ambiguous) outcome;
        meters.counter("scheduleright.reminders.ambiguous", "reason", ambiguous.reason())
                .increment();
        return finish(claim, reminder, ReminderStatus.UNKNOWN, ambiguous.reason(), segments, null);
    }

    /**
     * Records the outcome; its log line carries the send's trace and, as {@code linkedTraceId}, the trace that planned
     * the reminder.
     */
    private Mono<Void> finish(
            Claim claim, ReminderRow reminder, ReminderStatus status, String reason, Integer segments, String sid) {
        UUID id = claim.reminderId();
        SpanContext planned = TraceParents.parse(reminder == null ? null : reminder.traceparent());
        // the outcome and its event commit together (outbox): neither is recorded without the other
        return events.inTransaction(reminders
                        .finish(claim, status, reason, segments, sid, clock.instant())
                        .flatMap(changed -> changed ? events.publishCurrent(id).thenReturn(true) : Mono.just(false)))
                .doOnNext(changed -> {
                    if (changed) {
                        meters.counter(
                                        "scheduleright.reminders",
                                        "status",
                                        status.code(),
                                        "reason",
                                        reason == null ? "none" : reason)
                                .increment();
                        LoggingEventBuilder line = log.atInfo();
                        if (planned.isValid()) {
                            line = line.addKeyValue("linkedTraceId", planned.getTraceId());
                        }
                        line.log("Reminder {} is {}{}", id, status.code(), reason == null ? "" : " (" + reason + ")");
                    }
                })
                .then();
    }
}
