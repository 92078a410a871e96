package org.scheduleright.booking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;

/** A booking moves only along the contract's transitions and names its status when it refuses one. */
class BookingTests {

    private static final Instant NOW = Instant.parse("2027-01-01T10:00:00Z");

    private final Booking pending = Booking.request(
            OrgId.random(),
            SiteId.random(),
            SlotId.random(),
            new SlotTimes(Instant.parse("2027-02-01T09:00:00Z"), Instant.parse("2027-02-01T09:30:00Z")),
            ZoneId.of("Europe/London"),
            BookingSource.STAFF,
            null,
            new ClientDetails("Ada Lovelace", "ada@example.org", "+447700900123"),
            null,
            NOW);

    @Test
    void startsPendingAndConfirms() {
        Booking confirmed = pending.confirm(NOW);

        assertThat(pending.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.confirmedAt()).isEqualTo(NOW);
    }

    @Test
    void pendingAndConfirmedBookingsCancelWithAReason() {
        assertThat(pending.cancel("ill", NOW).status()).isEqualTo(BookingStatus.CANCELLED);
        Booking cancelled = pending.confirm(NOW).cancel("moved away", NOW);
        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("moved away");
        assertThat(cancelled.isActive()).isFalse();
    }

    @Test
    void onlyConfirmedBookingsCompleteOrAreMarkedNoShow() {
        assertThat(pending.confirm(NOW).complete(NOW).status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(pending.confirm(NOW).markNoShow(NOW).status()).isEqualTo(BookingStatus.NO_SHOW);
        assertThatThrownBy(() -> pending.complete(NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Cannot complete a booking that is pending");
        assertThatThrownBy(() -> pending.markNoShow(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void refusesToLeaveAFinalStatus() {
        Booking cancelled = pending.cancel(null, NOW);
        assertThatThrownBy(() -> cancelled.confirm(NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Cannot confirm a booking that is cancelled");
        assertThatThrownBy(() -> cancelled.cancel(null, NOW)).isInstanceOf(IllegalTransitionException.class);
        Booking completed = pending.confirm(NOW).complete(NOW);
        assertThatThrownBy(() -> completed.markNoShow(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void reschedulesOnlyAConfirmedBookingAndStaysConfirmed() {
        SlotId other = SlotId.random();
        SlotTimes later = new SlotTimes(Instant.parse("2027-02-02T09:00:00Z"), Instant.parse("2027-02-02T09:30:00Z"));

        Booking moved = pending.confirm(NOW).reschedule(other, later, NOW);

        assertThat(moved.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(moved.slotId()).isEqualTo(other);
        assertThat(moved.times()).isEqualTo(later);
        assertThatThrownBy(() -> pending.reschedule(other, later, NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Cannot reschedule a booking that is pending");
    }

    @Test
    void clientDetailsValidateAndNeverPrintPersonalData() {
        assertThatThrownBy(() -> new ClientDetails("A", "ada@example.org", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientDetails("Ada", "ada@example.org", "07700900123"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClientDetails("Ada", "ada@example.org", "+447700900123").toString())
                .doesNotContain("Ada")
                .doesNotContain("ada@")
                .doesNotContain("+44");
    }
}
