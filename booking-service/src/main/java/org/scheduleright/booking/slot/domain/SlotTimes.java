package org.scheduleright.booking.slot.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The start and end instant of a slot; the end is after the start and a slot lasts at most a day. */
public record SlotTimes(Instant start, Instant end) {

    public static final Duration MAX_LENGTH = Duration.ofHours(24);

    public SlotTimes {
        Objects.requireNonNull(start, "start must not be null");
        Objects.requireNonNull(end, "end must not be null");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " must be after start " + start);
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a slot lasts at most 24 hours");
        }
    }
}
