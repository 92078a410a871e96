package org.scheduleright.events.reminder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What the recipient of a reminder asked for by answering it, as written in the event data. */
public enum ReplyAnswer {
    /** Confirm the booking (C, YES, Y, CONFIRM). */
    CONFIRM("confirm"),
    /** Cancel the booking (X, CANCEL, NO). */
    CANCEL("cancel");

    private final String wireName;

    ReplyAnswer(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in the event data, such as {@code confirm}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Reads an answer from its wire name.
     *
     * @throws IllegalArgumentException for anything but {@code confirm} or {@code cancel}
     */
    @JsonCreator
    public static ReplyAnswer fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(answer -> answer.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown reply answer: " + wireName + " (expected confirm or cancel)"));
    }
}
