package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.scheduleright.events.EventStream;
import org.scheduleright.events.StreamEvent;

/**
 * An event of the reminder activity stream, published by the reminder service on {@value #TOPIC} with the booking id
 * as key (the reminder id for a hand-written message to a bare number, which has no booking); it never carries a
 * phone number or message text.
 */
@JsonPropertyOrder({
    "reminderId",
    "bookingId",
    "orgId",
    "status",
    "reason",
    "answer",
    "scheduledFor",
    "occurredAt",
    "leadTimeHours",
    "segments"
})
public sealed interface ReminderActivity extends StreamEvent
        permits ReminderScheduled, ReminderSent, ReminderDelivered, ReminderFailed, ReminderSkipped, ReminderReplied {

    String TOPIC = "scheduleright.reminders.v1";

    String SOURCE = "/reminder-service";

    EventStream<ReminderActivity> STREAM = new EventStream<>(
            ReminderActivity.class,
            TOPIC,
            SOURCE,
            List.of(
                    ReminderScheduled.TYPE,
                    ReminderSent.TYPE,
                    ReminderDelivered.TYPE,
                    ReminderFailed.TYPE,
                    ReminderSkipped.TYPE,
                    ReminderReplied.TYPE));

    UUID reminderId();

    /** The booking the reminder is about, or {@code null} for a hand-written message to a bare number. */
    @Override
    UUID bookingId();

    /**
     * The booking id, or the reminder id when there is no booking: the events of one reminder stay in order.
     * Implemented by each record, not as a default method here: a default method would make creating an event
     * initialise this interface, whose {@code STREAM} needs the event types' {@code TYPE} constants first.
     */
    @Override
    UUID subject();

    UUID orgId();

    /** The reminder's status after this event; fixed by the event type. */
    @JsonProperty("status")
    ReminderStatus status();

    /** When the reminder is or was due to be sent. */
    Instant scheduledFor();

    /** How many hours before the appointment the reminder is due, or {@code null} for a reminder sent by hand. */
    Integer leadTimeHours();
}
