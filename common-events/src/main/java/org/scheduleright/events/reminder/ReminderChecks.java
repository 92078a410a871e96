package org.scheduleright.events.reminder;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The checks every reminder event's compact constructor runs on the fields all of them share. */
final class ReminderChecks {

    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_.:-]{0,63}");

    private ReminderChecks() {}

    static void requireValid(
            UUID eventId,
            UUID reminderId,
            UUID bookingId,
            UUID orgId,
            Instant scheduledFor,
            Integer leadTimeHours,
            Instant occurredAt) {
        Objects.requireNonNull(eventId, "eventId must not be null");
        Objects.requireNonNull(reminderId, "reminderId must not be null");
        // bookingId is absent for a hand-written message to a bare number
        Objects.requireNonNull(orgId, "orgId must not be null");
        Objects.requireNonNull(scheduledFor, "scheduledFor must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
        if (leadTimeHours != null && (leadTimeHours < 1 || leadTimeHours > 72)) {
            throw new IllegalArgumentException("leadTimeHours must be between 1 and 72, was " + leadTimeHours);
        }
    }

    /** What a reminder event is about: its booking, or the reminder itself when it has none. */
    static UUID subject(UUID bookingId, UUID reminderId) {
        return bookingId != null ? bookingId : reminderId;
    }

    static void requireSegments(Integer segments) {
        if (segments != null && segments < 1) {
            throw new IllegalArgumentException("segments must be at least 1, was " + segments);
        }
    }

    static void requireReason(String reason) {
        Objects.requireNonNull(reason, "reason must not be null");
        if (!REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException(
                    "reason must be a lower-case code such as opted_out or twilio:30007 (letters, digits, _ . : -)");
        }
    }
}
