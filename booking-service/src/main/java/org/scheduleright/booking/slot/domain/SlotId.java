package org.scheduleright.booking.slot.domain;

import java.util.Objects;
import java.util.UUID;

/** The id of a slot. */
public record SlotId(UUID value) {

    public SlotId {
        Objects.requireNonNull(value, "slot id must not be null");
    }

    public static SlotId random() {
        return new SlotId(UUID.randomUUID());
    }

    /** Parses an id, or returns {@code null} when the text is not a UUID (an unknown id then answers 404). */
    public static SlotId parseOrNull(String text) {
        try {
            return text == null ? null : new SlotId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
