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

    /** Parses an ISO-8601 instant such as {@code 2027-03-15T13:00:00Z}; 400 naming {@code field} if malformed. */
    public static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw ApiException.validation(field, "must be an ISO-8601 instant such as 2027-03-15T13:00:00Z");
            }
        }
    }
}
