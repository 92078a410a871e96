package org.scheduleright.booking.booking.domain;

import java.util.Objects;
import java.util.UUID;

/** The id of a booking. */
public record BookingId(UUID value) {

    public BookingId {
        Objects.requireNonNull(value, "booking id must not be null");
    }

    public static BookingId random() {
        return new BookingId(UUID.randomUUID());
    }

    /** Parses an id, or returns {@code null} when the text is not a UUID (an unknown id then answers 404). */
    public static BookingId parseOrNull(String text) {
        try {
            return text == null ? null : new BookingId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
