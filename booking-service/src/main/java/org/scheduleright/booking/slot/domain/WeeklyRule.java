package org.scheduleright.booking.slot.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly pattern of slots written in a site's local time: on each chosen weekday between {@code from} and
 * {@code until} (inclusive), back-to-back slots of {@code duration} from {@code startTime} to {@code endTime}. Local
 * times are resolved in the zone of each date, so 09:00 stays 09:00 local across daylight-saving changes.
 */
public record WeeklyRule(
        Set<DayOfWeek> days,
        LocalTime startTime,
        LocalTime endTime,
        Duration duration,
        LocalDate from,
        LocalDate until,
        ZoneId zone) {

    /** The most slots one rule may create. */
    public static final int MAX_SLOTS = 5000;

    public WeeklyRule {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a weekly rule needs at least one day");
        }
        Objects.requireNonNull(startTime, "startTime must not be null");
        Objects.requireNonNull(endTime, "endTime must not be null");
        Objects.requireNonNull(duration, "duration must not be null");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(until, "until must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        if (!endTime.isAfter(startTime)) {
            throw new IllegalArgumentException("endTime must be after startTime");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (duration.compareTo(Duration.between(startTime, endTime)) > 0) {
            throw new IllegalArgumentException("duration must fit between startTime and endTime");
        }
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("until must not be before from");
        }
    }

    /** How many slots {@link #materialise()} will create, computed without creating them. */
    public long count() {
        long perDay = Duration.between(startTime, endTime).toMinutes() / duration.toMinutes();
        long matchingDays = 0;
        long totalDays = ChronoUnit.DAYS.between(from, until) + 1;
        long fullWeeks = totalDays / 7;
        matchingDays += fullWeeks * days.size();
        LocalDate date = from.plusWeeks(fullWeeks);
        for (; !date.isAfter(until); date = date.plusDays(1)) {
            if (days.contains(date.getDayOfWeek())) {
                matchingDays++;
            }
        }
        return perDay * matchingDays;
    }

    /**
     * The concrete slots of this rule, in time order.
     *
     * @throws IllegalArgumentException if the rule would create more than {@value #MAX_SLOTS} slots
     */
    public List<SlotTimes> materialise() {
        long count = count();
        if (count > MAX_SLOTS) {
            throw new IllegalArgumentException(
                    "the rule would create " + count + " slots; at most " + MAX_SLOTS + " per call");
        }
        List<SlotTimes> slots = new ArrayList<>((int) count);
        for (LocalDate date = from; !date.isAfter(until); date = date.plusDays(1)) {
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            for (LocalTime start = startTime;
                    !start.plus(duration).isAfter(endTime)
                            && start.plus(duration).isAfter(start);
                    start = start.plus(duration)) {
                Instant startInstant = ZonedDateTime.of(date, start, zone).toInstant();
                Instant endInstant =
                        ZonedDateTime.of(date, start.plus(duration), zone).toInstant();
                if (endInstant.isAfter(startInstant)) {
                    slots.add(new SlotTimes(startInstant, endInstant));
                }
            }
        }
        return slots;
    }
}
