package org.scheduleright.reminder.reminder.messaging;

import java.time.Clock;
import java.util.UUID;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderDelivered;
import org.scheduleright.events.reminder.ReminderFailed;
import org.scheduleright.events.reminder.ReminderReplied;
import org.scheduleright.events.reminder.ReminderScheduled;
import org.scheduleright.events.reminder.ReminderSent;
import org.scheduleright.events.reminder.ReminderSkipped;
import org.scheduleright.events.reminder.ReplyAnswer;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes what happened to a reminder on the reminder activity stream, after the database change committed; best
 * effort: a Kafka outage loses the event (logged), never the reminder.
 */
@Component
public class ReminderEvents {

    private static final Logger log = LoggerFactory.getLogger(ReminderEvents.class);

    private final CloudEventCodec<ReminderActivity> codec = CloudEventCodec.of(ReminderActivity.STREAM);

    private final KafkaTemplate<String, byte[]> kafka;

    private final Reminders reminders;

    private final Clock clock;

    ReminderEvents(KafkaTemplate<String, byte[]> kafka, Reminders reminders, Clock clock) {
        this.kafka = kafka;
        this.reminders = reminders;
        this.clock = clock;
    }

    /**
     * Publishes that a reminder of a booking was newly scheduled, from what the planning transaction wrote, without
     * reading the row back; best effort like every other event.
     */
    public Mono<Void> publishScheduled(
            UUID reminderId, UUID bookingId, UUID orgId, java.time.Instant plannedAt, Integer leadTimeHours) {
        return Mono.defer(() -> {
                    ReminderScheduled event = new ReminderScheduled(
                            UUID.randomUUID(), reminderId, bookingId, orgId, plannedAt, clock.instant(), leadTimeHours);
                    return Mono.fromFuture(kafka.send(codec.toRecord(event, null)));
                })
                .then()
                .onErrorResume(error -> {
                    log.warn(
                            "Reminder event for {} not published: {}",
                            reminderId,
                            error.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /**
     * Publishes that the recipient answered a reminder by SMS, asking to confirm or cancel its booking (booking-service
     * acts on it). Unlike the other events this one is not best effort: a failure is emitted, so that the webhook does
     * not record the inbound message as handled and Twilio's retry, with the same {@code eventId}, publishes it again.
     *
     * @param eventId the event id, derived from the inbound message so that a repeat publishes the same {@code ce_id}
     * @param leadTimeHours the answered reminder's lead time, or null for another kind of message
     */
    public Mono<Void> publishReply(
            UUID eventId,
            UUID reminderId,
            UUID bookingId,
            UUID orgId,
            ReplyAnswer answer,
            java.time.Instant scheduledFor,
            Integer leadTimeHours) {
        return Mono.defer(() -> {
                    ReminderReplied event = new ReminderReplied(
                            eventId,
                            reminderId,
                            bookingId,
                            orgId,
                            answer,
                            scheduledFor,
                            clock.instant(),
                            leadTimeHours);
                    return Mono.fromFuture(kafka.send(codec.toRecord(event, null)));
                })
                .doOnError(error -> log.warn(
                        "Reply event for reminder {} not published: {}",
                        reminderId,
                        error.getClass().getSimpleName()))
                .then();
    }

    /** Publishes the event matching the reminder's current status, if that status has one. */
    public Mono<Void> publishCurrent(UUID reminderId) {
        return reminders
                .find(reminderId)
                .flatMap(row -> {
                    ReminderActivity event = eventOf(row);
                    if (event == null) {
                        return Mono.empty();
                    }
                    return Mono.fromFuture(() -> kafka.send(codec.toRecord(event, null)))
                            .doOnNext(sent -> log.debug(
                                    "Published {} for reminder {}",
                                    event.getClass().getSimpleName(),
                                    reminderId))
                            .then();
                })
                .onErrorResume(error -> {
                    log.warn(
                            "Reminder event for {} not published: {}",
                            reminderId,
                            error.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    private ReminderActivity eventOf(ReminderRow row) {
        if (row.bookingId() == null) {
            // A hand-written message to a bare number has no booking: the reminder stream is keyed by booking.
            return null;
        }
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        return switch (row.status()) {
            case SCHEDULED ->
                new ReminderScheduled(
                        id, row.id(), row.bookingId(), row.orgId(), row.plannedAt(), now, row.leadTimeHours());
            case SENT ->
                new ReminderSent(
                        id,
                        row.id(),
                        row.bookingId(),
                        row.orgId(),
                        row.plannedAt(),
                        now,
                        row.leadTimeHours(),
                        row.segments());
            case DELIVERED ->
                new ReminderDelivered(
                        id,
                        row.id(),
                        row.bookingId(),
                        row.orgId(),
                        row.plannedAt(),
                        now,
                        row.leadTimeHours(),
                        row.segments());
            case FAILED ->
                new ReminderFailed(
                        id,
                        row.id(),
                        row.bookingId(),
                        row.orgId(),
                        row.reason(),
                        row.plannedAt(),
                        now,
                        row.leadTimeHours(),
                        row.segments());
            case SKIPPED ->
                new ReminderSkipped(
                        id,
                        row.id(),
                        row.bookingId(),
                        row.orgId(),
                        row.reason(),
                        row.plannedAt(),
                        now,
                        row.leadTimeHours());
            default -> null;
        };
    }
}
