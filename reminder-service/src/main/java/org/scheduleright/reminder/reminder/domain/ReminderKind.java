package org.scheduleright.reminder.reminder.domain;

import java.util.Locale;

/**
 * Why an SMS exists: a planned reminder, one a staff member sent by hand, the notice of a cancellation, or the one
 * request to confirm a public booking by replying (when the organisation enabled replies).
 */
public enum ReminderKind {
    REMINDER,
    MANUAL,
    CANCELLATION,
    CONFIRMATION;

    /** The lower-case name used in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a lower-case kind code. */
    public static ReminderKind ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
