package org.scheduleright.events.booking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Who caused a booking event: a staff member, the client themself, the public booking page, or the client's SMS reply to
 * a reminder ({@code sms}, added later: consumers that list the values must accept it).
 */
public enum BookingSource {
    STAFF("staff"),
    CLIENT("client"),
    PUBLIC("public"),
    SMS("sms");

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
     * @throws IllegalArgumentException for anything but {@code staff}, {@code client}, {@code public} or {@code sms}
     */
    @JsonCreator
    public static BookingSource fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(source -> source.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown booking source: " + wireName + " (expected staff, client, public or sms)"));
    }
}
