package org.scheduleright.reminder.reminder.domain;

import java.util.Locale;

/** Why an SMS exists: a planned reminder, one a staff member sent by hand, or the notice of a cancellation. */
public enum ReminderKind {
    REMINDER,
    MANUAL,
    CANCELLATION;

    /** The lower-case name used in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a lower-case kind code. */
    public static ReminderKind ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
