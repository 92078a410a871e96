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
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.domain.SchedulingPolicy;
import org.scheduleright.reminder.reminder.domain.SmsSegments;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
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
 * Sends due reminders: claims a batch with {@code FOR UPDATE SKIP LOCKED} (so replicas share the work and no reminder
 * is claimed twice), re-checks each booking's latest state, and records the outcome of the single send attempt.
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
            ObservationRegistry observations) {
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

    /** Claims one batch of due reminders and handles each; emits how many were claimed. */
    Mono<Integer> dispatchDue() {
        Instant now = clock.instant();
        return transactions
                .transactional(reminders.claimDue(now, properties.batchSize(), workerId))
                .retryWhen(Retry.backoff(5, Duration.ofMillis(20))
                        .filter(error -> error instanceof TransientDataAccessException))
                .flatMapMany(Flux::fromIterable)
                .flatMap(id -> deliver(id).thenReturn(id), properties.sendConcurrency())
                .count()
                .map(Long::intValue);
    }

    /** Marks reminders whose worker vanished mid-send as unknown. */
    Mono<Long> abandonStaleClaims() {
        Instant now = clock.instant();
        return reminders.abandonStaleClaims(now.minus(properties.claimTimeout()), now);
    }

    private Mono<Void> deliver(UUID id) {
        return reminders
                .find(id)
                .flatMap(reminder -> inSendTrace(reminder, attempt(reminder)))
                .onErrorResume(error -> recover(id, null, error, false));
    }

    private Mono<Void> attempt(ReminderRow reminder) {
        AtomicBoolean handedOver = new AtomicBoolean();
        return Mono.defer(() -> (reminder.bookingId() == null
                                ? Mono.just(Optional.<KnownBooking>empty())
                                : bookings.find(reminder.bookingId())
                                        .map(Optional::of)
                                        .defaultIfEmpty(Optional.empty()))
                        .flatMap(booking -> decide(reminder, booking.orElse(null), handedOver)))
                .onErrorResume(error -> recover(reminder.id(), reminder, error, handedOver.get()));
    }

    private Mono<Void> recover(UUID id, ReminderRow reminder, Throwable error, boolean handedOver) {
        log.error(
                "Reminder {} could not be handled ({}); {}",
                id,
                error.getClass().getSimpleName(),
                handedOver ? "it may have been sent, marking it unknown" : "releasing it");
        return handedOver && reminder != null
                ? finish(reminder, ReminderStatus.UNKNOWN, "internal_error", null, null)
                : reminders.release(id, clock.instant()).then();
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

    private Mono<Void> decide(ReminderRow reminder, KnownBooking booking, AtomicBoolean handedOver) {
        UUID id = reminder.id();
        if (reminder.bookingId() == null) {
            String phone = reminder.recipient() == null
                    ? null
                    : cipher.decrypt(reminder.recipient()).phone();
            return deliverTo(reminder, phone, orgSettings -> reminder.body(), handedOver);
        }
        boolean cancellation = reminder.kind() == ReminderKind.CANCELLATION;
        boolean unchanged = booking != null
                && (cancellation
                        ? booking.status() == BookingStatus.CANCELLED
                        : booking.isActive() && booking.startTime().equals(reminder.appointmentStart()));
        if (!unchanged) {
            return finish(reminder, ReminderStatus.CANCELLED, "booking_changed", null, null);
        }
        Instant now = clock.instant();
        boolean late = switch (reminder.kind()) {
            case REMINDER -> !policy.isStillWorthSending(booking.startTime(), now);
            case CANCELLATION -> !booking.startTime().isAfter(now);
            case MANUAL -> false;
        };
        if (late) {
            return finish(reminder, ReminderStatus.SKIPPED, SchedulingPolicy.TOO_LATE, null, null);
        }
        Contact contact = cipher.decrypt(booking.contact());
        MessageTemplate fixed = cancellation ? MessageTemplate.CANCELLATION : null;
        return deliverTo(
                reminder,
                contact.phone(),
                orgSettings -> (fixed == null ? orgSettings.template() : fixed)
                        .renderFor(contact.name(), booking.siteName(), booking.startTime(), booking.timezone()),
                handedOver);
    }

    /** Checks the number and its opt-out, renders the text with the organisation's settings and sends it. */
    private Mono<Void> deliverTo(
            ReminderRow reminder, String number, Function<ReminderSettings, String> render, AtomicBoolean handedOver) {
        UUID id = reminder.id();
        if (number == null) {
            return finish(reminder, ReminderStatus.SKIPPED, "no_phone", null, null);
        }
        if (!PhoneNumber.isValid(number)) {
            return finish(reminder, ReminderStatus.FAILED, "invalid_number", null, null);
        }
        PhoneNumber phone = new PhoneNumber(number);
        return optOuts.isOptedOut(phone)
                .flatMap(optedOut -> optedOut
                        ? finish(reminder, ReminderStatus.SKIPPED, "opted_out", null, null)
                        : settings.of(reminder.orgId()).flatMap(orgSettings -> {
                            String body = render.apply(orgSettings);
                            int segments = SmsSegments.count(body);
                            return sendWithinQuota(reminder, phone, body, segments, handedOver);
                        }));
    }

    /**
     * Takes the SMS from the quotas right before sending: over quota it is skipped ({@code quota}); when Redis cannot
     * be asked nothing is sent and the reminder goes back to the queue for a later attempt (fail closed).
     */
    private Mono<Void> sendWithinQuota(
            ReminderRow reminder, PhoneNumber phone, String body, int segments, AtomicBoolean handedOver) {
        UUID id = reminder.id();
        return quotas.acquire(reminder.orgId(), phone).flatMap(decision -> {
            if (decision instanceof QuotaDecision.Exceeded exceeded) {
                log.info("Reminder {} is over the {} SMS quota", id, exceeded.scope());
                return finish(reminder, ReminderStatus.SKIPPED, "quota", segments, null);
            }
            if (decision instanceof QuotaDecision.Unavailable) {
                Instant now = clock.instant();
                return reminders
                        .defer(id, now.plus(quotas.unavailableRetry()), now)
                        .then();
            }
            handedOver.set(true);
            return sender.send(new SmsMessage(id, reminder.orgId(), phone, body))
                    .flatMap(outcome -> record(reminder, outcome, segments, phone));
        });
    }

    private Mono<Void> record(ReminderRow reminder, SmsOutcome outcome, int segments, PhoneNumber phone) {
        if (outcome instanceof SmsOutcome.Accepted accepted) {
            return finish(reminder, ReminderStatus.SENT, null, segments, accepted.sid());
        }
        if (outcome instanceof SmsOutcome.Disabled) {
            return finish(reminder, ReminderStatus.SKIPPED, "sms_disabled", segments, null);
        }
        if (outcome instanceof SmsOutcome.Rejected rejected) {
            Mono<Void> optOut = rejected.optedOut() ? optOuts.optOut(phone, clock.instant()) : Mono.empty();
            return optOut.then(finish(reminder, ReminderStatus.FAILED, rejected.reason(), segments, null));
        }
        SmsOutcome.Ambiguous ambiguous = (SmsOutcome.Ambiguous) outcome;
        meters.counter("scheduleright.reminders.ambiguous", "reason", ambiguous.reason())
                .increment();
        return finish(reminder, ReminderStatus.UNKNOWN, ambiguous.reason(), segments, null);
    }

    /**
     * Records the outcome; its log line carries the send's trace and, as {@code linkedTraceId}, the trace that planned
     * the reminder.
     */
    private Mono<Void> finish(
            ReminderRow reminder, ReminderStatus status, String reason, Integer segments, String sid) {
        UUID id = reminder.id();
        SpanContext planned = TraceParents.parse(reminder.traceparent());
        return reminders
                .finish(id, status, reason, segments, sid, clock.instant())
                .flatMap(changed -> changed ? events.publishCurrent(id).thenReturn(true) : Mono.just(false))
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
