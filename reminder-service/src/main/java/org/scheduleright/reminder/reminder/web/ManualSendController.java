package org.scheduleright.reminder.reminder.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.FieldProblem;
import org.scheduleright.platform.tracing.TraceParents;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.RateLimitProbe;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.MessageTemplate;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.SendingHours;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets staff send one SMS now, about a booking of their organisation or with their own text to a number; it is queued
 * as a reminder and leaves through the dispatcher, within the same quotas, at most once; 10 requests per user per hour.
 */
@RestController
class ManualSendController {

    private static final Logger log = LoggerFactory.getLogger(ManualSendController.class);

    /** Placeholder name and e-mail under which a bare number is encrypted with the contact key. */
    private static final String NO_NAME = "Recipient";

    private static final String NO_EMAIL = "no-reply@invalid";

    private static final String POLICY = "manual-send";

    /**
     * Either a booking, or a number and a text; {@code timezone} (IANA) is where a bare number's recipient lives (else
     * the organisation's latest booking's site, else UTC); {@code overrideQuietHours} (ADMIN only) sends inside the
     * site's quiet hours.
     */
    record SendRequest(
            UUID bookingId, String phoneNumber, String message, String timezone, Boolean overrideQuietHours) {}

    /** The queued message. */
    record SendAccepted(UUID id, String status) {}

    private final SmsQuotas quotas;

    private final KnownBookings bookings;

    private final Reminders reminders;

    private final ContactCipher cipher;

    private final ReminderEvents events;

    private final Clock clock;

    private final PhoneHasher hasher;

    private final OrgReminderSettings settings;

    ManualSendController(
            OrgReminderSettings settings,
            SmsQuotas quotas,
            KnownBookings bookings,
            Reminders reminders,
            ContactCipher cipher,
            ReminderEvents events,
            Clock clock,
            PhoneHasher hasher) {
        this.settings = settings;
        this.hasher = hasher;
        this.quotas = quotas;
        this.bookings = bookings;
        this.reminders = reminders;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    @Operation(
            summary = "Send a reminder now, for a booking or to a number (STAFF+; 10 per hour per user)",
            responses =
                    @ApiResponse(responseCode = "202", description = "Accepted: the reminder id; it is sent shortly"))
    @PostMapping("/api/v1/reminders/send")
    Mono<ResponseEntity<SendAccepted>> send(
            @RequestBody SendRequest request, AuthenticatedUser user, ServerWebExchange exchange) {
        user.requireAtLeast(Role.STAFF);
        return quotas.tryManualSend(user.userId())
                .onErrorMap(error -> new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE, "Sending is unavailable right now, try again later"))
                .flatMap(probe -> {
                    writeHeaders(exchange.getResponse().getHeaders(), probe);
                    if (!probe.allowed()) {
                        return Mono.error(new ApiException(
                                ErrorCode.RATE_LIMIT_EXCEEDED,
                                "At most " + probe.limit() + " messages per hour may be sent by hand"));
                    }
                    // the request's trace, restored here from the reactive context; the send links back to it
                    return queue(request, user, TraceParents.current());
                })
                .doOnError(
                        QuietHoursRefusal.class,
                        refusal -> exchange.getResponse()
                                .getHeaders()
                                .set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds)))
                .map(id -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new SendAccepted(id, "scheduled")));
    }

    private Mono<UUID> queue(SendRequest request, AuthenticatedUser user, String traceparent) {
        boolean override = Boolean.TRUE.equals(request.overrideQuietHours());
        if (override && !user.isAdmin()) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "Only an ADMIN may override quiet hours");
        }
        boolean ownText = request.phoneNumber() != null || request.message() != null;
        if (request.bookingId() != null && ownText) {
            throw ApiException.validation("bookingId", "give either bookingId, or phoneNumber and message, not both");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        if (request.bookingId() != null) {
            return bookings.find(request.bookingId())
                    .filter(booking -> user.belongsTo(booking.orgId().toString()))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking")))
                    .flatMap(booking -> booking.isActive()
                            ? outsideQuietHours(booking.orgId(), Mono.just(booking.timezone()), override, id, user)
                                    .then(Mono.defer(() -> queueAbout(booking, id, user, now, traceparent)))
                            : queueAbout(booking, id, user, now, traceparent));
        }
        if (!ownText) {
            throw ApiException.validation("bookingId", "give either bookingId, or phoneNumber and message");
        }
        if (!PhoneNumber.isValid(request.phoneNumber())) {
            throw ApiException.validation("phoneNumber", "must be an E.164 number such as +447700900123");
        }
        String message = request.message();
        if (message == null || message.isBlank()) {
            throw ApiException.validation("message", "must not be blank");
        }
        if (message.length() > MessageTemplate.MAX_LENGTH) {
            throw ApiException.validation("message", "must be at most " + MessageTemplate.MAX_LENGTH + " characters");
        }
        ZoneId requestedZone = zoneOf(request.timezone());
        UUID organisation = user.requireOrganisation();
        PhoneNumber phone = new PhoneNumber(request.phoneNumber());
        Mono<ZoneId> zone = requestedZone != null
                ? Mono.just(requestedZone)
                : bookings.latestTimezoneOf(organisation).defaultIfEmpty(ZoneOffset.UTC);
        return outsideQuietHours(organisation, zone, override, id, user)
                .then(Mono.defer(() -> events.inTransaction(reminders
                        .queue(
                                id,
                                ReminderKind.MANUAL,
                                organisation,
                                null,
                                null,
                                message,
                                cipher.encrypt(new Contact(NO_NAME, NO_EMAIL, phone.e164())),
                                user.userId(),
                                hasher.hash(phone),
                                now,
                                traceparent)
                        // a message without booking is reported too (keyed by its own id), with the queuing
                        .then(events.publishCurrent(id, traceparent)))))
                .thenReturn(id);
    }

    private static ZoneId zoneOf(String timezone) {
        if (timezone == null) {
            return null;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw ApiException.validation("timezone", "must be an IANA time zone such as Europe/Berlin");
        }
    }

    /**
     * Completes when the organisation's quiet hours allow a send now in {@code zone} (or an ADMIN overrode them), else
     * fails with 409 {@code QUIET_HOURS} naming the next allowed time (also as {@code Retry-After}).
     */
    private Mono<Void> outsideQuietHours(
            UUID organisation, Mono<ZoneId> zone, boolean override, UUID id, AuthenticatedUser user) {
        return Mono.zip(settings.of(organisation), zone).flatMap(found -> {
            Instant now = clock.instant();
            SendingHours.ManualSend decision =
                    SendingHours.manualSend(found.getT1().quietHours(), found.getT2(), now, override);
            if (decision instanceof SendingHours.ManualSend.Refused refused) {
                return Mono.error(quietHours(refused, found.getT2(), now));
            }
            if (((SendingHours.ManualSend.Now) decision).overridden()) {
                log.info("Manual send {} overrides quiet hours at the request of {}", id, user.userId());
            }
            return Mono.<Void>empty();
        });
    }

    private static ApiException quietHours(SendingHours.ManualSend.Refused refused, ZoneId zone, Instant now) {
        ZonedDateTime local = refused.nextAllowedAt().atZone(zone);
        return new QuietHoursRefusal(
                "Quiet hours at the site: the message can be sent from "
                        + local.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES) + " (" + zone.getId() + ")",
                refused.nextAllowedAt(),
                Math.max(1, Duration.between(now, refused.nextAllowedAt()).toSeconds()));
    }

    /** The 409 of a manual send inside quiet hours; its detail {@code nextAllowedAt} is the UTC instant. */
    static final class QuietHoursRefusal extends ApiException {

        private final long retryAfterSeconds;

        QuietHoursRefusal(String message, Instant nextAllowedAt, long retryAfterSeconds) {
            super(ErrorCode.QUIET_HOURS, message, List.of(new FieldProblem("nextAllowedAt", nextAllowedAt.toString())));
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private Mono<UUID> queueAbout(
            KnownBooking booking, UUID id, AuthenticatedUser user, Instant now, String traceparent) {
        if (!booking.isActive()) {
            return Mono.error(new ApiException(
                    ErrorCode.INVALID_STATE_TRANSITION, "Only a pending or confirmed booking can be reminded of"));
        }
        String number = cipher.decrypt(booking.contact()).phone();
        String phoneHash = PhoneNumber.isValid(number) ? hasher.hash(new PhoneNumber(number)) : null;
        Mono<Void> queued = reminders
                .queue(
                        id,
                        ReminderKind.MANUAL,
                        booking.orgId(),
                        booking.bookingId(),
                        booking.startTime(),
                        null,
                        null,
                        user.userId(),
                        phoneHash,
                        now,
                        traceparent)
                .then(events.publishCurrent(id, traceparent));
        return events.inTransaction(queued).thenReturn(id);
    }

    private static void writeHeaders(HttpHeaders headers, RateLimitProbe probe) {
        headers.set("X-RateLimit-Limit", Long.toString(probe.limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(probe.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(probe.resetSeconds()));
        headers.set("RateLimit-Policy", "\"" + POLICY + "\";q=" + probe.limit() + ";w=3600");
        long t = probe.allowed() ? probe.resetSeconds() : probe.retryAfterSeconds();
        headers.set("RateLimit", "\"" + POLICY + "\";r=" + probe.remaining() + ";t=" + t);
        if (!probe.allowed()) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(probe.retryAfterSeconds()));
        }
    }
}
