package org.scheduleright.reminder.reminder.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Whether a message that is not a planned reminder may leave now, given the organisation's quiet hours in the site's
 * time zone: a manual send inside them is refused with the next allowed time unless an administrator overrides them, and
 * a cancellation notice waits for the end of the quiet period, or is dropped when the appointment will have started by
 * then.
 */
public final class SendingHours {

    private SendingHours() {}

    /** What a manual send may do now. */
    public sealed interface ManualSend {

        /** Send now; {@code overridden} tells that quiet hours applied and an administrator overrode them. */
        record Now(boolean overridden) implements ManualSend {}

        /** Inside quiet hours: nothing is queued; it may be sent from {@code nextAllowedAt} on. */
        record Refused(Instant nextAllowedAt) implements ManualSend {
            public Refused {
                Objects.requireNonNull(nextAllowedAt, "nextAllowedAt must not be null");
            }
        }
    }

    /** When a cancellation notice may leave. */
    public sealed interface Notice {

        /** Queue it, due at {@code at} (now, or the end of the quiet period). */
        record Due(Instant at) implements Notice {
            public Due {
                Objects.requireNonNull(at, "at must not be null");
            }
        }

        /** Queue nothing: the appointment has started by the time quiet hours end. */
        record Dropped() implements Notice {}
    }

    /**
     * Decides a manual send asked for at {@code now}.
     *
     * @param quiet the organisation's quiet hours, null for none
     * @param zone the site's (recipient's) time zone
     * @param overrideRequested whether an administrator explicitly asked to send inside quiet hours
     */
    public static ManualSend manualSend(QuietHours quiet, ZoneId zone, Instant now, boolean overrideRequested) {
        Instant allowed = nextAllowed(quiet, zone, now);
        if (allowed.equals(now)) {
            return new ManualSend.Now(false);
        }
        return overrideRequested ? new ManualSend.Now(true) : new ManualSend.Refused(allowed);
    }

    /**
     * Decides the notice of an appointment at {@code appointmentStart} cancelled at {@code now}: due at the end of the
     * quiet period it falls in (at once outside quiet hours), dropped when the appointment starts before then.
     */
    public static Notice cancellationNotice(QuietHours quiet, ZoneId zone, Instant now, Instant appointmentStart) {
        Instant due = nextAllowed(quiet, zone, now);
        return due.isBefore(appointmentStart) ? new Notice.Due(due) : new Notice.Dropped();
    }

    /** The first instant from {@code now} on that is outside quiet hours. */
    public static Instant nextAllowed(QuietHours quiet, ZoneId zone, Instant now) {
        Objects.requireNonNull(zone, "zone must not be null");
        Objects.requireNonNull(now, "now must not be null");
        return quiet == null ? now : quiet.moveAfter(now.atZone(zone)).toInstant();
    }
}
