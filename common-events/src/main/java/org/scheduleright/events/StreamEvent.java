package org.scheduleright.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** What every published event carries: its own id, the booking it belongs to and when it happened. */
public interface StreamEvent {

    /** The event's unique id, published as {@code ce_id}; consumers deduplicate on it. */
    UUID eventId();

    /** The booking the event is about; by default also the {@link #subject()}. */
    UUID bookingId();

    /**
     * What the event is about, published as {@code ce_subject} and used as the Kafka key, so that the events of one
     * subject stay in order: the booking id, unless a stream says otherwise.
     */
    @JsonIgnore
    default UUID subject() {
        return bookingId();
    }

    /** When the event happened, published as {@code ce_time} and as the data's {@code occurredAt}. */
    Instant occurredAt();
}
