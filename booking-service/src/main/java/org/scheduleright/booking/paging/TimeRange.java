package org.scheduleright.booking.paging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.scheduleright.platform.error.ApiException;

/** An optional [from, to) filter read from ISO-8601 instant query parameters. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.validation("to", "must be after from");
        }
    }

    /** Reads {@code from} and {@code to}; a malformed value answers 400 naming the parameter. */
    public static TimeRange of(String from, String to) {
        return new TimeRange(instant("from", from), instant("to", to));
    }

    /** The earliest and latest instant a filter may name: the range of MySQL's {@code DATETIME}. */
    static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Parses an ISO-8601 instant such as {@code 2027-03-15T13:00:00Z}; 400 naming {@code field} if malformed or outside
     * the years 1000–9999 (an instant such as {@code -999999999-01-01T00:00:00Z} parses but no stored time can match
     * it meaningfully).
     */
    public static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                parsed = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw ApiException.validation(field, "must be an ISO-8601 instant such as 2027-03-15T13:00:00Z");
            }
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw ApiException.validation(field, "must lie between the years 1000 and 9999");
        }
        return parsed;
    }
}
