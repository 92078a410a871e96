package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendingHoursTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void letsAManualSendGoOutsideQuietHours() {
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T14:00"), false))
                .isEqualTo(new SendingHours.ManualSend.Now(false));
    }

    @Test
    void refusesAManualSendLateInTheEveningUntilTheQuietHoursEndNextMorning() {
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T22:15"), false))
                .isEqualTo(new SendingHours.ManualSend.Refused(berlin("2026-12-02T08:00")));
    }

    @Test
    void refusesAManualSendEarlyInTheMorningUntilEightTheSameDay() {
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, BERLIN, berlin("2026-12-02T06:59"), false))
                .isEqualTo(new SendingHours.ManualSend.Refused(berlin("2026-12-02T08:00")));
    }

    @Test
    void letsAnOverrideSendInsideQuietHoursAndSaysItOverrodeThem() {
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T23:00"), true))
                .isEqualTo(new SendingHours.ManualSend.Now(true));
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T12:00"), true))
                .as("outside quiet hours there is nothing to override")
                .isEqualTo(new SendingHours.ManualSend.Now(false));
    }

    @Test
    void appliesNoRestrictionWithoutQuietHours() {
        Instant midnight = berlin("2026-12-01T00:00");
        assertThat(SendingHours.manualSend(null, BERLIN, midnight, false))
                .isEqualTo(new SendingHours.ManualSend.Now(false));
        assertThat(SendingHours.cancellationNotice(null, BERLIN, midnight, midnight.plus(Duration.ofHours(3))))
                .isEqualTo(new SendingHours.Notice.Due(midnight));
    }

    @Test
    void readsQuietHoursInTheSitesTimeZone() {
        // 22:30 in Berlin is 16:30 in New York: quiet in Berlin only.
        Instant now = berlin("2026-12-01T22:30");
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, ZoneId.of("America/New_York"), now, false))
                .isEqualTo(new SendingHours.ManualSend.Now(false));
        assertThat(SendingHours.manualSend(QuietHours.DEFAULT, BERLIN, now, false))
                .isInstanceOf(SendingHours.ManualSend.Refused.class);
    }

    @Test
    void sendsANoticeAtOnceOutsideQuietHours() {
        Instant now = berlin("2026-12-01T15:00");
        assertThat(SendingHours.cancellationNotice(QuietHours.DEFAULT, BERLIN, now, berlin("2026-12-03T10:00")))
                .isEqualTo(new SendingHours.Notice.Due(now));
    }

    @Test
    void movesANoticeToTheEndOfTheQuietPeriod() {
        assertThat(SendingHours.cancellationNotice(
                        QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T23:40"), berlin("2026-12-02T10:00")))
                .isEqualTo(new SendingHours.Notice.Due(berlin("2026-12-02T08:00")));
    }

    @Test
    void dropsANoticeWhoseAppointmentStartsBeforeTheQuietHoursEnd() {
        assertThat(SendingHours.cancellationNotice(
                        QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T23:40"), berlin("2026-12-02T07:30")))
                .isEqualTo(new SendingHours.Notice.Dropped());
        assertThat(SendingHours.cancellationNotice(
                        QuietHours.DEFAULT, BERLIN, berlin("2026-12-01T23:40"), berlin("2026-12-02T08:00")))
                .as("an appointment starting as the quiet hours end has started when the notice could leave")
                .isEqualTo(new SendingHours.Notice.Dropped());
    }

    @Test
    void handlesAQuietWindowWithinOneDay() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
        assertThat(lunch.contains(LocalTime.of(13, 0))).isTrue();
        assertThat(lunch.contains(LocalTime.of(14, 0))).isFalse();
        assertThat(SendingHours.manualSend(lunch, BERLIN, berlin("2026-12-01T12:00"), false))
                .isEqualTo(new SendingHours.ManualSend.Refused(berlin("2026-12-01T14:00")));
    }

    @Test
    void endsTheQuietPeriodAtTheLocalTimeAcrossADaylightSavingChange() {
        // The night of 28-29 March 2026 loses an hour in Berlin: 08:00 local is 06:00Z, not 07:00Z.
        assertThat(SendingHours.nextAllowed(QuietHours.DEFAULT, BERLIN, berlin("2026-03-28T22:00")))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }
}
