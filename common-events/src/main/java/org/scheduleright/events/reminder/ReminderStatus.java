package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The status a reminder has after a reminder event, as written in the event data. */
public enum ReminderStatus {
    SCHEDULED("scheduled"),
    SENT("sent"),
    DELIVERED("delivered"),
    FAILED("failed"),
    SKIPPED("skipped"),
    /** The recipient answered the reminder (the reminder itself stays sent or delivered). */
    REPLIED("replied");

    private final String wireName;

    ReminderStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in the event data, such as {@code delivered}. */
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
    public static ReminderStatus fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(status -> status.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown reminder status: " + wireName));
    }
}
