package org.scheduleright.reminder.reminder.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderFailed;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;

/** Which activity event each reminder status raises, and what it carries. */
class ActivityOfStatusTests {

    private static final UUID EVENT = UUID.randomUUID();

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static ReminderRow row(ReminderStatus status, UUID booking, String reason) {
        return new ReminderRow(
                UUID.randomUUID(),
                booking,
                UUID.randomUUID(),
                booking == null ? null : 24,
                booking == null ? null : NOW.plusSeconds(86_400),
                NOW,
                status,
                reason,
                2,
                "SM1",
                booking == null ? ReminderKind.MANUAL : ReminderKind.REMINDER,
                booking == null ? "Hello" : null,
                null,
                null);
    }

    @ParameterizedTest
    @EnumSource(
            value = ReminderStatus.class,
            names = {"SCHEDULED", "SENT", "DELIVERED", "FAILED", "SKIPPED"})
    void aStatusWithAnEventRaisesItWithTheReminderAndBooking(ReminderStatus status) {
        ReminderRow row = row(status, UUID.randomUUID(), "twilio:30007");

        ReminderActivity event = ActivityOfStatus.of(row, EVENT, NOW).orElseThrow();

        assertThat(event.status().name()).isEqualTo(status.name());
        assertThat(event.eventId()).isEqualTo(EVENT);
        assertThat(event.reminderId()).isEqualTo(row.id());
        assertThat(event.bookingId()).isEqualTo(row.bookingId());
        assertThat(event.subject()).isEqualTo(row.bookingId());
        assertThat(event.orgId()).isEqualTo(row.orgId());
        assertThat(event.scheduledFor()).isEqualTo(row.plannedAt());
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.leadTimeHours()).isEqualTo(24);
    }

    @ParameterizedTest
    @EnumSource(
            value = ReminderStatus.class,
            names = {"SENDING", "CANCELLED", "UNKNOWN"})
    void aStatusWithoutAnEventRaisesNone(ReminderStatus status) {
        assertThat(ActivityOfStatus.of(row(status, UUID.randomUUID(), "worker_lost"), EVENT, NOW))
                .isEmpty();
    }

    @Test
    void aMessageToABareNumberRaisesItsEventKeyedByTheReminder() {
        ReminderRow row = row(ReminderStatus.FAILED, null, "invalid_number");

        ReminderActivity event = ActivityOfStatus.of(row, EVENT, NOW).orElseThrow();

        assertThat(event).isInstanceOf(ReminderFailed.class);
        assertThat(event.bookingId()).isNull();
        assertThat(event.subject()).isEqualTo(row.id());
        assertThat(((ReminderFailed) event).reason()).isEqualTo("invalid_number");
        assertThat(event.leadTimeHours()).isNull();
    }
}
