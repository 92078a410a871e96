package org.scheduleright.reminder.reply.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.reminder.ReplyAnswer;
import org.scheduleright.reminder.reply.domain.ReplyDecision.Act;
import org.scheduleright.reminder.reply.domain.ReplyDecision.Answer;
import org.scheduleright.reminder.reply.domain.ReplyDecision.Outcome;
import org.scheduleright.reminder.reply.domain.ReplyDecision.Silent;

/**
 * A reply acts on the answered booking only when its organisation enabled replies, the appointment is ahead and the
 * booking's state allows it; the answer names the site and the local time.
 */
class ReplyDecisionTests {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    /** 10:30 in Berlin (UTC+1 in December). */
    private static final Instant START = Instant.parse("2026-12-02T09:30:00Z");

    private static ReplyTarget target(BookingStatus status) {
        return new ReplyTarget(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                START.minus(Duration.ofHours(24)),
                24,
                status,
                START,
                ZoneId.of("Europe/Berlin"),
                "Mitte Clinic");
    }

    @Test
    void confirmsAPendingBookingAndNamesTheLocalTime() {
        ReplyTarget target = target(BookingStatus.PENDING);

        ReplyDecision decision = ReplyDecision.decide(ReplyKeyword.CONFIRM, target, true, NOW);

        assertThat(decision).isInstanceOf(Act.class);
        Act act = (Act) decision;
        assertThat(act.answer()).isEqualTo(ReplyAnswer.CONFIRM);
        assertThat(act.target()).isEqualTo(target);
        assertThat(act.text()).contains("confirmed").contains("Mitte Clinic, Wed 2 Dec at 10:30");
    }

    @Test
    void cancelsAPendingOrConfirmedBooking() {
        for (BookingStatus status : new BookingStatus[] {BookingStatus.PENDING, BookingStatus.CONFIRMED}) {
            ReplyDecision decision = ReplyDecision.decide(ReplyKeyword.CANCEL, target(status), true, NOW);

            assertThat(decision.outcome()).isEqualTo(Outcome.CANCEL);
            assertThat(((Act) decision).answer()).isEqualTo(ReplyAnswer.CANCEL);
            assertThat(((Act) decision).text()).contains("cancelled").contains("10:30");
        }
    }

    @Test
    void aConfirmedBookingIsNotConfirmedTwice() {
        ReplyDecision decision = ReplyDecision.decide(ReplyKeyword.CONFIRM, target(BookingStatus.CONFIRMED), true, NOW);

        assertThat(decision).isInstanceOf(Answer.class);
        assertThat(decision.outcome()).isEqualTo(Outcome.ALREADY_CONFIRMED);
    }

    @Test
    void aCancelledBookingIsNeitherCancelledAgainNorConfirmed() {
        assertThat(ReplyDecision.decide(ReplyKeyword.CANCEL, target(BookingStatus.CANCELLED), true, NOW)
                        .outcome())
                .isEqualTo(Outcome.ALREADY_CANCELLED);
        ReplyDecision confirm = ReplyDecision.decide(ReplyKeyword.CONFIRM, target(BookingStatus.CANCELLED), true, NOW);
        assertThat(confirm).isInstanceOf(Answer.class);
        assertThat(confirm.outcome()).isEqualTo(Outcome.NOT_CHANGEABLE);
    }

    @Test
    void aStartedAppointmentIsNotChanged() {
        ReplyDecision decision =
                ReplyDecision.decide(ReplyKeyword.CANCEL, target(BookingStatus.CONFIRMED), true, START);

        assertThat(decision).isInstanceOf(Answer.class);
        assertThat(decision.outcome()).isEqualTo(Outcome.APPOINTMENT_PASSED);
    }

    @Test
    void anythingElseGetsOneShortHelpAnswer() {
        ReplyDecision decision =
                ReplyDecision.decide(ReplyKeyword.UNRECOGNISED, target(BookingStatus.CONFIRMED), true, NOW);

        assertThat(decision).isInstanceOf(Answer.class);
        Answer answer = (Answer) decision;
        assertThat(answer.outcome()).isEqualTo(Outcome.HELP);
        assertThat(answer.text()).contains("Reply C to confirm or X to cancel").contains("call Mitte Clinic");
        assertThat(answer.text().length()).isLessThanOrEqualTo(160);
    }

    @Test
    void staysSilentWhenRepliesAreOffOrNothingWasSentToTheNumber() {
        assertThat(ReplyDecision.decide(ReplyKeyword.CONFIRM, target(BookingStatus.PENDING), false, NOW))
                .isEqualTo(new Silent(Outcome.REPLIES_DISABLED));
        assertThat(ReplyDecision.decide(ReplyKeyword.CONFIRM, null, true, NOW))
                .isEqualTo(new Silent(Outcome.NO_TARGET));
    }
}
