package org.scheduleright.booking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.booking.domain.SmsReplyRule.Outcome;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.reminder.ReplyAnswer;

/** An SMS answer confirms or cancels a booking only when its state allows it, for its own organisation, in time. */
class SmsReplyRuleTests {

    private static final Instant NOW = Instant.parse("2027-01-01T10:00:00Z");

    private static final Instant START = Instant.parse("2027-01-02T09:00:00Z");

    private final Booking pending = Booking.request(
            OrgId.random(),
            SiteId.random(),
            SlotId.random(),
            new SlotTimes(START, START.plusSeconds(1800)),
            ZoneId.of("Europe/Berlin"),
            BookingSource.PUBLIC,
            null,
            new ClientDetails("Ada Lovelace", null, "+4915112345678"),
            null,
            NOW);

    @Test
    void confirmsAPendingBooking() {
        assertThat(SmsReplyRule.decide(pending, pending.orgId(), ReplyAnswer.CONFIRM, NOW))
                .isEqualTo(Outcome.CONFIRM);
    }

    @Test
    void cancelsAPendingOrConfirmedBooking() {
        assertThat(SmsReplyRule.decide(pending, pending.orgId(), ReplyAnswer.CANCEL, NOW))
                .isEqualTo(Outcome.CANCEL);
        assertThat(SmsReplyRule.decide(pending.confirm(NOW), pending.orgId(), ReplyAnswer.CANCEL, NOW))
                .isEqualTo(Outcome.CANCEL);
    }

    @Test
    void aRepeatedAnswerChangesNothing() {
        assertThat(SmsReplyRule.decide(pending.confirm(NOW), pending.orgId(), ReplyAnswer.CONFIRM, NOW))
                .isEqualTo(Outcome.ALREADY_DONE);
        assertThat(SmsReplyRule.decide(pending.cancel("x", NOW), pending.orgId(), ReplyAnswer.CANCEL, NOW))
                .isEqualTo(Outcome.ALREADY_DONE);
    }

    @Test
    void aCancelledOrCompletedBookingIsNotConfirmedAgain() {
        assertThat(SmsReplyRule.decide(pending.cancel("x", NOW), pending.orgId(), ReplyAnswer.CONFIRM, NOW))
                .isEqualTo(Outcome.NOT_ALLOWED);
        Booking completed = pending.confirm(NOW).complete(NOW);
        assertThat(SmsReplyRule.decide(completed, pending.orgId(), ReplyAnswer.CANCEL, NOW))
                .isEqualTo(Outcome.NOT_ALLOWED);
    }

    @Test
    void aStartedAppointmentIsLeftAlone() {
        assertThat(SmsReplyRule.decide(pending, pending.orgId(), ReplyAnswer.CANCEL, START))
                .isEqualTo(Outcome.APPOINTMENT_PASSED);
        assertThat(SmsReplyRule.decide(pending, pending.orgId(), ReplyAnswer.CONFIRM, START.plusSeconds(60)))
                .isEqualTo(Outcome.APPOINTMENT_PASSED);
    }

    @Test
    void aReplyNamingAnotherOrganisationIsIgnored() {
        Outcome outcome = SmsReplyRule.decide(pending, OrgId.random(), ReplyAnswer.CANCEL, NOW);

        assertThat(outcome).isEqualTo(Outcome.OTHER_ORGANISATION);
        assertThat(outcome.changes()).isFalse();
    }
}
