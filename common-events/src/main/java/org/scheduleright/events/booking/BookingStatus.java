package org.scheduleright.events.booking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The status a booking has after a lifecycle event, as written in the event data. */
public enum BookingStatus {
    PENDING("pending"),
    CONFIRMED("confirmed"),
    CANCELLED("cancelled"),
    COMPLETED("completed"),
    NO_SHOW("no_show");

    private final String wireName;

    BookingStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in the event data, such as {@code no_show}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a status from its wire name.
     *
     * @throws IllegalArgumentException for an unknown status
     */
    @JsonCreator
    public static BookingStatus fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(status -> status.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown booking status: " + wireName));
    }
}
