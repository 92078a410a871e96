package org.scheduleright.booking.slot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Weekly rules are read in the site's zone, so local times survive daylight-saving changes. */
class WeeklyRuleTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void keepsNineOClockLocalAcrossTheSpringForwardChangeIn2027() {
        List<SlotTimes> slots = mondaysAtNine(NEW_YORK, LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 15))
                .materialise();

        assertThat(slots)
                .extracting(SlotTimes::start)
                .containsExactly(Instant.parse("2027-03-08T14:00:00Z"), Instant.parse("2027-03-15T13:00:00Z"));
        assertThat(slots)
                .allSatisfy(slot ->
                        assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void keepsNineOClockLocalAcrossTheFallBackChangeIn2027() {
        List<SlotTimes> slots = mondaysAtNine(NEW_YORK, LocalDate.of(2027, 11, 1), LocalDate.of(2027, 11, 8))
                .materialise();

        assertThat(slots)
                .extracting(SlotTimes::start)
                .containsExactly(Instant.parse("2027-11-01T13:00:00Z"), Instant.parse("2027-11-08T14:00:00Z"));
    }

    @Test
    void usesTheSameOffsetAllYearInAZoneWithoutDaylightSaving() {
        List<SlotTimes> slots = mondaysAtNine(
                        ZoneId.of("Asia/Kolkata"), LocalDate.of(2027, 3, 8), LocalDate.of(2027, 11, 8))
                .materialise();

        assertThat(slots).hasSize(36);
        assertThat(slots)
                .allSatisfy(
                        slot -> assertThat(slot.start().atZone(ZoneId.of("UTC")).toLocalTime())
                                .isEqualTo(LocalTime.of(3, 30)));
    }

    @Test
    void createsBackToBackSlotsOnEachChosenDay() {
        WeeklyRule rule = new WeeklyRule(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                LocalTime.of(9, 0),
                LocalTime.of(12, 0),
                Duration.ofMinutes(30),
                LocalDate.of(2027, 1, 4),
                LocalDate.of(2027, 1, 10),
                ZoneId.of("Europe/London"));

        List<SlotTimes> slots = rule.materialise();

        assertThat(rule.count()).isEqualTo(12);
        assertThat(slots).hasSize(12);
        assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2027-01-04T09:00:00Z"));
        assertThat(slots.get(11).end()).isEqualTo(Instant.parse("2027-01-06T12:00:00Z"));
    }

    @Test
    void refusesToCreateMoreThanFiveThousandSlots() {
        WeeklyRule rule = new WeeklyRule(
                Set.of(DayOfWeek.values()),
                LocalTime.of(0, 0),
                LocalTime.of(23, 0),
                Duration.ofMinutes(5),
                LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 12, 31),
                NEW_YORK);

        assertThat(rule.count()).isGreaterThan(WeeklyRule.MAX_SLOTS);
        assertThatThrownBy(rule::materialise).hasMessageContaining("at most 5000");
    }

    private static WeeklyRule mondaysAtNine(ZoneId zone, LocalDate from, LocalDate until) {
        return new WeeklyRule(
                Set.of(DayOfWeek.MONDAY),
                LocalTime.of(9, 0),
                LocalTime.of(10, 0),
                Duration.ofHours(1),
                from,
                until,
                zone);
    }
}
