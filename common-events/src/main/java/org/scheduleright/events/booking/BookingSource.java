package org.scheduleright.events.booking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Who caused a booking event: a staff member, the client themself, or the public booking page. */
public enum BookingSource {
    STAFF("staff"),
    CLIENT("client"),
    PUBLIC("public");

    private final String wireName;

    BookingSource(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in the event data, such as {@code public}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a source from its wire name.
     *
     * @throws IllegalArgumentException for anything but {@code staff}, {@code client} or {@code public}
     */
    @JsonCreator
    public static BookingSource fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(source -> source.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown booking source: " + wireName + " (expected staff, client or public)"));
    }
}
