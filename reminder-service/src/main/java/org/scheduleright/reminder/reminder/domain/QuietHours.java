package org.scheduleright.reminder.reminder.domain;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/** A daily window in site-local time, possibly across midnight, during which no reminder is due. */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    public QuietHours {
        Objects.requireNonNull(start, "quiet hours start must not be null");
        Objects.requireNonNull(end, "quiet hours end must not be null");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time " + start);
        }
    }

    /**
     * Returns the instant itself when it is outside the window, else the start of the window it falls in: a reminder
     * moves earlier, never later.
     */
    public ZonedDateTime moveBefore(ZonedDateTime due) {
        LocalTime time = due.toLocalTime();
        boolean wraps = start.isAfter(end);
        if (!wraps) {
            return !time.isBefore(start) && time.isBefore(end) ? due.with(start) : due;
        }
        if (!time.isBefore(start)) {
            return due.with(start);
        }
        if (time.isBefore(end)) {
            return due.minusDays(1).with(start);
        }
        return due;
    }

    /** Tells whether a site-local time of day falls inside the window. */
    public boolean contains(LocalTime time) {
        return start.isAfter(end)
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
    }

    /**
     * Returns the instant itself when it is outside the window, else the end of the window it falls in (the same or the
     * next day): a message that must not be sent early moves later, never earlier.
     */
    public ZonedDateTime moveAfter(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        if (!contains(time)) {
            return at;
        }
        boolean wrapsPastMidnight = start.isAfter(end) && !time.isBefore(start);
        return (wrapsPastMidnight ? at.plusDays(1) : at).with(end);
    }

    /** Parses {@code HH:mm} pairs; both null means no quiet hours. */
    public static QuietHours parse(String start, String end) {
        return start == null || end == null ? null : new QuietHours(LocalTime.parse(start), LocalTime.parse(end));
    }
}
