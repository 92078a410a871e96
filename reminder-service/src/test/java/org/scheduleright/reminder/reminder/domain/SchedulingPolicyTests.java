package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingPolicyTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofMinutes(30));

    private static ReminderSettings settings(QuietHours quiet, Integer... leads) {
        return new ReminderSettings(true, List.of(leads), MessageTemplate.DEFAULT, false, quiet);
    }

    @Test
    void plansOneReminderPerLeadTimeBeforeTheStart() {
        Instant start = Instant.parse("2026-06-10T14:00:00Z");
        List<PlannedReminder> plan =
                policy.plan(settings(null, 24, 2), start, LONDON, Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(plan)
                .containsExactly(
                        new PlannedReminder(24, Instant.parse("2026-06-09T14:00:00Z"), ReminderStatus.SCHEDULED, null),
                        new PlannedReminder(2, Instant.parse("2026-06-10T12:00:00Z"), ReminderStatus.SCHEDULED, null));
    }

    @Test
    void movesAReminderDueInQuietHoursToTheStartOfTheQuietWindowTheEveningBefore() {
        // 09:00 London summer time = 08:00Z; 2 h before is 07:00 local, inside 21:00-08:00.
        Instant start = Instant.parse("2026-06-10T08:00:00Z");
        List<PlannedReminder> plan =
                policy.plan(settings(QuietHours.DEFAULT, 2), start, LONDON, Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(plan.get(0).plannedAt()).isEqualTo(Instant.parse("2026-06-09T20:00:00Z"));
    }

    @Test
    void movesAReminderDueLateInTheEveningEarlierToTheSameEvening() {
        Instant due = LocalTime.of(22, 30)
                .atDate(java.time.LocalDate.of(2026, 6, 9))
                .atZone(LONDON)
                .toInstant();
        Instant start = due.plus(Duration.ofHours(24));
        List<PlannedReminder> plan =
                policy.plan(settings(QuietHours.DEFAULT, 24), start, LONDON, Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(plan.get(0).plannedAt()).isEqualTo(Instant.parse("2026-06-09T20:00:00Z"));
    }

    @Test
    void sendsOnlyTheLatestOverdueReminderAtOnceWhenTheAppointmentIsFarEnoughAway() {
        Instant now = Instant.parse("2026-06-10T12:30:00Z");
        Instant start = now.plus(Duration.ofMinutes(90));
        List<PlannedReminder> plan = policy.plan(settings(null, 24, 2), start, LONDON, now);
        assertThat(plan)
                .containsExactly(
                        new PlannedReminder(
                                24,
                                start.minus(Duration.ofHours(24)),
                                ReminderStatus.SKIPPED,
                                SchedulingPolicy.SUPERSEDED),
                        new PlannedReminder(2, now, ReminderStatus.SCHEDULED, null));
    }

    @Test
    void skipsRemindersAsTooLateWhenTheAppointmentIsLessThanTheMinimumNoticeAway() {
        Instant now = Instant.parse("2026-06-10T12:30:00Z");
        Instant start = now.plus(Duration.ofMinutes(20));
        List<PlannedReminder> plan = policy.plan(settings(null, 2), start, LONDON, now);
        assertThat(plan)
                .extracting(PlannedReminder::status, PlannedReminder::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReminderStatus.SKIPPED, SchedulingPolicy.TOO_LATE));
    }

    @Test
    void judgesTheMinimumNoticeInclusively() {
        Instant now = Instant.parse("2026-06-10T12:00:00Z");
        assertThat(policy.isStillWorthSending(now.plus(Duration.ofMinutes(30)), now))
                .isTrue();
        assertThat(policy.isStillWorthSending(now.plus(Duration.ofMinutes(29)), now))
                .isFalse();
    }
}
