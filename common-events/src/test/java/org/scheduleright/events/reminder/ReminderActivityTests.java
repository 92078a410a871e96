package org.scheduleright.events.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.EventType;
import org.scheduleright.events.Fixtures;

/** Reminder events refuse invalid values and keep personal data out of their reason codes. */
class ReminderActivityTests {

    @Test
    void streamDeclaresTheContractTypesOnTheRemindersTopic() {
        assertThat(ReminderActivity.STREAM.topic()).isEqualTo("scheduleright.reminders.v1");
        assertThat(ReminderActivity.STREAM.source()).isEqualTo("/reminder-service");
        assertThat(ReminderActivity.STREAM.types().stream().map(EventType::name))
                .containsExactly(
                        "org.scheduleright.reminder.scheduled.v1",
                        "org.scheduleright.reminder.sent.v1",
                        "org.scheduleright.reminder.delivered.v1",
                        "org.scheduleright.reminder.failed.v1",
                        "org.scheduleright.reminder.skipped.v1",
                        "org.scheduleright.reminder.replied.v1");
    }

    @Test
    void everyEventTypeFixesTheStatusItPublishes() {
        assertThat(Fixtures.everyReminderEvent().stream().map(ReminderActivity::status))
                .containsExactly(
                        ReminderStatus.SCHEDULED,
                        ReminderStatus.SENT,
                        ReminderStatus.DELIVERED,
                        ReminderStatus.FAILED,
                        ReminderStatus.SKIPPED,
                        ReminderStatus.REPLIED);
    }

    @Test
    void rejectsALeadTimeOutsideOneToSeventyTwoHours() {
        assertThatIllegalArgumentException().isThrownBy(() -> scheduled(73)).withMessageContaining("leadTimeHours");
        assertThatIllegalArgumentException().isThrownBy(() -> scheduled(0));
        assertThat(scheduled(null).leadTimeHours()).isNull();
    }

    @Test
    void skippedAndFailedRequireAReasonCode() {
        assertThatNullPointerException().isThrownBy(() -> skipped(null)).withMessageContaining("reason");
        assertThat(skipped("quota_exceeded").reason()).isEqualTo("quota_exceeded");
    }

    @Test
    void reasonCannotCarryAPhoneNumberOrFreeText() {
        for (String leaky : List.of("+447700900123", "447700900123", "Sent to Ada Lovelace", "ada@example.org")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> skipped(leaky))
                    .withMessageNotContaining(leaky);
        }
    }

    @Test
    void rejectsZeroSegments() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReminderSent(
                        UUID.randomUUID(),
                        Fixtures.REMINDER,
                        Fixtures.BOOKING,
                        Fixtures.ORG,
                        Fixtures.START,
                        Fixtures.NOW,
                        24,
                        0))
                .withMessageContaining("segments");
    }

    @Test
    void aReplyCarriesItsAnswerAndNeitherNumberNorText() {
        ReminderReplied replied = new ReminderReplied(
                UUID.randomUUID(),
                Fixtures.REMINDER,
                Fixtures.BOOKING,
                Fixtures.ORG,
                ReplyAnswer.CANCEL,
                Fixtures.START,
                Fixtures.NOW,
                24);

        assertThat(replied.status()).isEqualTo(ReminderStatus.REPLIED);
        assertThat(java.util.Arrays.stream(ReminderReplied.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName))
                .doesNotContain("phone", "body", "text", "from");
    }

    @Test
    void rejectsAReplyWithoutAnswer() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ReminderReplied(
                        UUID.randomUUID(),
                        Fixtures.REMINDER,
                        Fixtures.BOOKING,
                        Fixtures.ORG,
                        null,
                        Fixtures.START,
                        Fixtures.NOW,
                        null))
                .withMessageContaining("answer");
    }

    @Test
    void readsReplyAnswersByWireNameOnly() {
        assertThat(ReplyAnswer.fromWireName("confirm")).isEqualTo(ReplyAnswer.CONFIRM);
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyAnswer.fromWireName("YES"));
    }

    private static ReminderScheduled scheduled(Integer leadTimeHours) {
        return new ReminderScheduled(
                UUID.randomUUID(),
                Fixtures.REMINDER,
                Fixtures.BOOKING,
                Fixtures.ORG,
                Fixtures.START,
                Fixtures.NOW,
                leadTimeHours);
    }

    private static ReminderSkipped skipped(String reason) {
        return new ReminderSkipped(
                UUID.randomUUID(),
                Fixtures.REMINDER,
                Fixtures.BOOKING,
                Fixtures.ORG,
                reason,
                Fixtures.START,
                Fixtures.NOW,
                null);
    }
}
