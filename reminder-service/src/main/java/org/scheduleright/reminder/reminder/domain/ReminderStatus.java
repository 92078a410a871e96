package org.scheduleright.reminder.reminder.domain;

/** The life of one reminder: planned, claimed by a worker, then an outcome that never goes backwards. */
public enum ReminderStatus {
    SCHEDULED,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    SKIPPED,
    CANCELLED,
    UNKNOWN;

    /** The lower-case name used in the database and the API. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads a lower-case status code. */
    public static ReminderStatus ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    /** Tells whether the reminder has not been claimed for sending yet and can still be cancelled or replanned. */
    public boolean isPending() {
        return this == SCHEDULED;
    }
}
