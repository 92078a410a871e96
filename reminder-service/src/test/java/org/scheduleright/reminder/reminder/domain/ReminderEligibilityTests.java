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
}
