package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;

/** Issue 14 item 4: a public booking is texted only once somebody confirmed it. */
class ReminderEligibilityTests {

    @ParameterizedTest
    @CsvSource({
        "PENDING, PUBLIC, AWAIT_CONFIRMATION",
        "PENDING, STAFF, REMIND",
        "PENDING, CLIENT, REMIND",
        "CONFIRMED, STAFF, REMIND",
        "CONFIRMED, PUBLIC, REMIND",
        "CONFIRMED, SMS, REMIND",
        "CANCELLED, SMS, CLOSED",
        "CANCELLED, STAFF, CLOSED",
        "CANCELLED, PUBLIC, CLOSED",
        "COMPLETED, STAFF, CLOSED",
        "NO_SHOW, STAFF, CLOSED"
    })
    void decidesFromTheStatusAndWhoCausedTheEvent(
            BookingStatus status, BookingSource source, ReminderEligibility expected) {
        assertThat(ReminderEligibility.of(status, source)).isEqualTo(expected);
    }

    @Test
    void announcesOnlyTheCancellationOfAConfirmedAppointment() {
        assertThat(ReminderEligibility.announcesCancellation(BookingStatus.CONFIRMED))
                .isTrue();
        assertThat(ReminderEligibility.announcesCancellation(BookingStatus.PENDING))
                .isFalse();
        assertThat(ReminderEligibility.announcesCancellation(null)).isFalse();
    }

    @Test
    void aPublicBookingGetsOneConfirmationRequestOnlyWhenRepliesAreOnWithANumberAndTime() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T08:00:00Z");
        java.time.Instant start = now.plusSeconds(3600);

        assertThat(ReminderEligibility.requestsConfirmation(true, true, start, now))
                .isTrue();
        assertThat(ReminderEligibility.requestsConfirmation(false, true, start, now))
                .isFalse();
        assertThat(ReminderEligibility.requestsConfirmation(true, false, start, now))
                .isFalse();
        assertThat(ReminderEligibility.requestsConfirmation(true, true, now, now))
                .isFalse();
    }
}
