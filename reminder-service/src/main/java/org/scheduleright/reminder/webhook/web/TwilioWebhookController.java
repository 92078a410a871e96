package org.scheduleright.reminder.webhook.web;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.openapi.ErrorAnswers;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.reply.SmsReplies;
import org.scheduleright.reminder.sms.twilio.TwilioProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Twilio's callbacks: delivery status of sent reminders and inbound replies (STOP family opts out, START/UNSTOP opts
 * back in, anything else is an answer to the latest message sent to the number, see {@link SmsReplies}). Each request
 * must carry a valid {@code X-Twilio-Signature} for {@code SERVER_URL} plus its path.
 */
@RestController
class TwilioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

    private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

    private static final Set<String> START = Set.of("START", "UNSTOP");

    private static final Pattern ERROR_CODE = Pattern.compile("\\d{1,6}");

    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioProperties twilio;

    private final Reminders reminders;

    private final OptOuts optOuts;

    private final MeterRegistry meters;

    private final Clock clock;

    private final ReminderEvents events;

    private final PhoneHasher hasher;

    private final SmsReplies replies;

    TwilioWebhookController(
            TwilioProperties twilio,
            Reminders reminders,
            OptOuts optOuts,
            MeterRegistry meters,
            Clock clock,
            ReminderEvents events,
            PhoneHasher hasher,
            SmsReplies replies) {
        this.replies = replies;
        this.events = events;
        this.hasher = hasher;
        this.twilio = twilio;
        this.reminders = reminders;
        this.optOuts = optOuts;
        this.meters = meters;
        this.clock = clock;
    }

    @Operation(summary = "Twilio's message status callback (X-Twilio-Signature verified)")
    @ErrorAnswers({ErrorCode.INSUFFICIENT_PERMISSIONS})
    @PostMapping(path = "/webhooks/twilio/status", produces = MediaType.APPLICATION_XML_VALUE)
    Mono<ResponseEntity<String>> status(ServerWebExchange exchange) {
        return verifiedForm(exchange, "/webhooks/twilio/status").flatMap(form -> {
            String sid = form.get("MessageSid");
            String status = form.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT);
            if (sid == null) {
                return Mono.just(twiml());
            }
            Mono<Boolean> settled;
            String result;
            if (status.equals("delivered")) {
                result = "delivered";
                settled = reminders.settle(sid, ReminderStatus.DELIVERED, null, clock.instant());
            } else if (status.equals("failed") || status.equals("undelivered")) {
                result = "failed";
                String code = form.get("ErrorCode");
                String reason = code != null && ERROR_CODE.matcher(code).matches() ? "twilio:" + code : status;
                settled = reminders.settle(sid, ReminderStatus.FAILED, reason, clock.instant());
            } else {
                result = null;
                settled = Mono.just(false);
            }
            // the new status and its event commit together (outbox)
            return events.inTransaction(settled.flatMap(changed -> changed
                            ? reminders
                                    .findBySid(sid)
                                    .flatMap(row -> events.publishCurrent(row.id()))
                                    .thenReturn(true)
                            : Mono.just(false)))
                    .doOnNext(changed -> {
                        if (changed) {
                            // counted once per reminder: a repeated or late callback changes nothing
                            meters.counter("scheduleright.sms.delivery", "result", result)
                                    .increment();
                        }
                    })
                    .thenReturn(twiml());
        });
    }

    @Operation(
            summary = "Inbound SMS from Twilio: STOP/START opt-outs, C/X replies to a reminder (X-Twilio-Signature"
                    + " verified)")
    @ErrorAnswers({ErrorCode.INSUFFICIENT_PERMISSIONS, ErrorCode.SERVICE_UNAVAILABLE})
    @PostMapping(path = "/webhooks/twilio/inbound", produces = MediaType.APPLICATION_XML_VALUE)
    Mono<ResponseEntity<String>> inbound(ServerWebExchange exchange) {
        return verifiedForm(exchange, "/webhooks/twilio/inbound").flatMap(form -> {
            String from = form.get("From");
            String body = form.getOrDefault("Body", "");
            String keyword = body.strip().toUpperCase(Locale.ROOT);
            if (!PhoneNumber.isValid(from)) {
                return Mono.just(twiml());
            }
            PhoneNumber phone = new PhoneNumber(from);
            Mono<ResponseEntity<String>> reply = Mono.defer(
                            () -> replies.answer(form.get("MessageSid"), phone, form.get("To"), body))
                    .map(TwilioWebhookController::twiml)
                    .onErrorMap(
                            error -> !(error instanceof ApiException),
                            error -> new ApiException(
                                    ErrorCode.SERVICE_UNAVAILABLE, "The reply could not be handled; try again"));
            if (STOP.contains(keyword)) {
                Instant now = clock.instant();
                // the skipped reminders and their events commit together (outbox)
                return events.inTransaction(optOuts.optOut(phone, now)
                                .then(reminders.skipPendingTo(hasher.candidates(phone), "opted_out", now))
                                .flatMap(skipped -> Flux.fromIterable(skipped)
                                        .concatMap(events::publishCurrent)
                                        .then(Mono.just(skipped))))
                        .doOnNext(skipped -> {
                            log.info(
                                    "A number opted out of SMS reminders; {} pending reminder(s) skipped",
                                    skipped.size());
                            meters.counter("scheduleright.reminders", "status", "skipped", "reason", "opted_out")
                                    .increment(skipped.size());
                        })
                        // CANCEL is also one of Twilio's opt-out words: it cancels the answered booking as well
                        .then(keyword.equals("CANCEL") ? reply : Mono.just(twiml()));
            }
            if (START.contains(keyword)) {
                log.info("A number opted back in to SMS reminders");
                return optOuts.optIn(phone).thenReturn(twiml());
            }
            return reply;
        });
    }

    private Mono<Map<String, String>> verifiedForm(ServerWebExchange exchange, String path) {
        String signature = exchange.getRequest().getHeaders().getFirst("X-Twilio-Signature");
        return exchange.getFormData().map(form -> form.toSingleValueMap()).flatMap(form -> {
            String token = twilio.authToken();
            String url = stripSlash(twilio.serverUrl()) + path;
            if (signature == null
                    || token == null
                    || token.isBlank()
                    || !new RequestValidator(token).validate(url, form, signature)) {
                log.warn("Rejected a Twilio webhook on {} with a missing or invalid signature", path);
                return Mono.error(new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "Invalid Twilio signature"));
            }
            return Mono.just(form);
        });
    }

    private static ResponseEntity<String> twiml() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
    }

    /** TwiML answering the inbound message with {@code text}; empty TwiML (no answer) for an empty text. */
    private static ResponseEntity<String> twiml(String text) {
        if (text.isEmpty()) {
            return twiml();
        }
        String xml = new MessagingResponse.Builder()
                .message(new Message.Builder()
                        .body(new Body.Builder(text).build())
                        .build())
                .build()
                .toXml();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
