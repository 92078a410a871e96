package org.scheduleright.events;

import java.time.Instant;
import java.util.UUID;

/** What every published event carries: its own id, the booking it belongs to and when it happened. */
public interface StreamEvent {

    /** The event's unique id, published as {@code ce_id}; consumers deduplicate on it. */
    UUID eventId();

    /** The booking the event is about, published as {@code ce_subject} and used as the Kafka key. */
    UUID bookingId();

    /** When the event happened, published as {@code ce_time} and as the data's {@code occurredAt}. */
    Instant occurredAt();
}
