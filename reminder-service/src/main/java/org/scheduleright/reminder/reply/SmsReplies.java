package org.scheduleright.reminder.reply;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reply.domain.ReplyDecision;
import org.scheduleright.reminder.reply.domain.ReplyKeyword;
import org.scheduleright.reminder.reply.domain.ReplyTarget;
import org.scheduleright.reminder.reply.persistence.InboundReplies;
import org.scheduleright.reminder.reply.persistence.ReplyTargets;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Handles an inbound SMS that is not an opt-out: finds the booking of the latest message sent to the number from the
 * number it was sent to, lets {@link ReplyDecision} decide from this service's projection of the booking, records
 * {@code reminder.replied} (for booking-service to confirm or cancel) and the message by its MessageSid in one
 * transaction, and returns the answer. A message handled before (Twilio repeats webhooks) gets the stored answer and acts no more.
 */
@Component
public class SmsReplies {

    private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

    private final InboundReplies inbound;

    private final ReplyTargets targets;

    private final OrgReminderSettings settings;

    private final ReminderEvents events;

    private final PhoneHasher hasher;

    private final MeterRegistry meters;

    private final Clock clock;

    SmsReplies(
            InboundReplies inbound,
            ReplyTargets targets,
            OrgReminderSettings settings,
            ReminderEvents events,
            PhoneHasher hasher,
            MeterRegistry meters,
            Clock clock) {
        this.inbound = inbound;
        this.targets = targets;
        this.settings = settings;
        this.events = events;
        this.hasher = hasher;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Handles the message and emits the text to answer it with, empty for no answer. The reply event and the record of
     * the handled message are stored in one transaction (the event reaches Kafka through the outbox once it commits);
     * if that fails (the caller answers 503, Twilio may retry), neither is stored.
     *
     * @param messageSid Twilio's id of the inbound message, or null when absent (then nothing protects against repeats)
     * @param to the number the message was sent to, one of ours
     */
    public Mono<String> answer(String messageSid, PhoneNumber from, String to, String body) {
        Mono<String> handled = messageSid == null ? Mono.empty() : inbound.answerTo(messageSid);
        return handled.doOnNext(previous -> {
                    log.info("Inbound SMS {} was handled before; answering as then", messageSid);
                    meters.counter("scheduleright.sms.replies", "outcome", "duplicate")
                            .increment();
                })
                .switchIfEmpty(Mono.defer(() -> handle(messageSid, from, to, ReplyKeyword.of(body))));
    }

    private Mono<String> handle(String messageSid, PhoneNumber from, String to, ReplyKeyword keyword) {
        Instant now = clock.instant();
        Mono<Optional<ReplyTarget>> target = to == null
                ? Mono.just(Optional.empty())
                : targets.latestAnswerable(hasher.candidates(from), to)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty());
        return target.flatMap(found -> found.isEmpty()
                        ? Mono.just(ReplyDecision.decide(keyword, null, false, now))
                        : settings.of(found.get().orgId())
                                .map(orgSettings ->
                                        ReplyDecision.decide(keyword, found.get(), orgSettings.repliesEnabled(), now)))
                .flatMap(decision ->
                        events.inTransaction(act(messageSid, decision).then(record(messageSid, decision, now))));
    }

    private Mono<Void> act(String messageSid, ReplyDecision decision) {
        if (!(decision instanceof ReplyDecision.Act act)) {
            return Mono.empty();
        }
        ReplyTarget target = act.target();
        UUID eventId = messageSid == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("sms-reply:" + messageSid).getBytes(StandardCharsets.UTF_8));
        return events.publishReply(
                eventId,
                target.reminderId(),
                target.bookingId(),
                target.orgId(),
                act.answer(),
                target.scheduledFor(),
                target.leadTimeHours());
    }

    private Mono<String> record(String messageSid, ReplyDecision decision, Instant now) {
        String text = decision.answerText();
        ReplyTarget target = decision.answered().orElse(null);
        String outcome = decision.outcome().code();
        meters.counter("scheduleright.sms.replies", "outcome", outcome).increment();
        log.info(
                "Inbound SMS {} for booking {}: {}", messageSid, target == null ? "none" : target.bookingId(), outcome);
        Mono<Boolean> stored = messageSid == null
                ? Mono.just(true)
                : inbound.record(
                        messageSid,
                        target == null ? null : target.orgId(),
                        target == null ? null : target.bookingId(),
                        outcome,
                        text,
                        now);
        return stored.thenReturn(text);
    }
}
