package org.scheduleright.booking.slot.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scheduleright.booking.paging.TimeRange;
import org.scheduleright.booking.slot.domain.Slot;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.scheduleright.booking.slot.domain.WeeklyRule;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.FieldProblem;

/**
 * The body of {@code POST /api/v1/sites/{siteId}/availability}: either one slot ({@code startTime}, {@code endTime} as
 * instants, {@code capacity}) or a weekly rule ({@code recurrence: "weekly"} with local times and dates).
 */
record AvailabilityRequest(
        String recurrence,
        String startTime,
        String endTime,
        Integer capacity,
        List<Integer> daysOfWeek,
        Integer durationMinutes,
        String from,
        String until) {

    /** The slot times this request asks for in {@code zone}; 400 with every field at fault otherwise. */
    List<SlotTimes> times(ZoneId zone) {
        List<FieldProblem> problems = new ArrayList<>();
        if (capacity == null || capacity < 1 || capacity > Slot.MAX_CAPACITY) {
            problems.add(new FieldProblem("capacity", "must be between 1 and " + Slot.MAX_CAPACITY));
        }
        List<SlotTimes> times = recurrence == null ? single(problems) : weekly(zone, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed", problems);
        }
        return times;
    }

    private List<SlotTimes> single(List<FieldProblem> problems) {
        var start = instant("startTime", startTime, problems);
        var end = instant("endTime", endTime, problems);
        if (start == null || end == null) {
            return List.of();
        }
        try {
            return List.of(new SlotTimes(start, end));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("endTime", "must be after startTime and at most 24 hours later"));
            return List.of();
        }
    }

    private List<SlotTimes> weekly(ZoneId zone, List<FieldProblem> problems) {
        if (!"weekly".equals(recurrence)) {
            problems.add(new FieldProblem("recurrence", "must be \"weekly\" or absent"));
            return List.of();
        }
        Set<DayOfWeek> days = new HashSet<>();
        if (daysOfWeek == null || daysOfWeek.isEmpty()) {
            problems.add(new FieldProblem("daysOfWeek", "must list ISO days 1 (Monday) to 7 (Sunday)"));
        } else {
            for (Integer day : daysOfWeek) {
                if (day == null || day < 1 || day > 7) {
                    problems.add(new FieldProblem("daysOfWeek", "must list ISO days 1 (Monday) to 7 (Sunday)"));
                    break;
                }
                days.add(DayOfWeek.of(day));
            }
        }
        LocalTime start = localTime("startTime", startTime, problems);
        LocalTime end = localTime("endTime", endTime, problems);
        if (durationMinutes == null || durationMinutes < 5 || durationMinutes > 24 * 60) {
            problems.add(new FieldProblem("durationMinutes", "must be between 5 and 1440"));
        }
        LocalDate first = date("from", from, problems);
        LocalDate last = date("until", until, problems);
        if (!problems.isEmpty()) {
            return List.of();
        }
        if (!end.isAfter(start)) {
            problems.add(new FieldProblem("endTime", "must be after startTime"));
        } else if (Duration.ofMinutes(durationMinutes).compareTo(Duration.between(start, end)) > 0) {
            problems.add(new FieldProblem("durationMinutes", "must fit between startTime and endTime"));
        }
        if (last.isBefore(first)) {
            problems.add(new FieldProblem("until", "must not be before from"));
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        WeeklyRule rule = new WeeklyRule(days, start, end, Duration.ofMinutes(durationMinutes), first, last, zone);
        if (rule.count() > WeeklyRule.MAX_SLOTS) {
            problems.add(new FieldProblem(
                    "until", "the rule would create " + rule.count() + " slots; at most " + WeeklyRule.MAX_SLOTS));
            return List.of();
        }
        return rule.materialise();
    }

    private static java.time.Instant instant(String field, String text, List<FieldProblem> problems) {
        if (text == null) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2027-03-15T13:00:00Z"));
            return null;
        }
        try {
            return TimeRange.instant(field, text);
        } catch (ApiException e) {
            problems.addAll(e.details());
            return null;
        }
    }

    private static LocalTime localTime(String field, String text, List<FieldProblem> problems) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException | NullPointerException e) {
            problems.add(new FieldProblem(field, "must be a local time such as 09:00"));
            return null;
        }
    }

    private static LocalDate date(String field, String text, List<FieldProblem> problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException | NullPointerException e) {
            problems.add(new FieldProblem(field, "must be a date such as 2027-03-01"));
            return null;
        }
    }
}
