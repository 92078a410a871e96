package org.scheduleright.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The CloudEvents 1.0 context attributes of one event; {@code specversion} is always {@value #SPEC_VERSION} and the
 * data content type always {@value #DATA_CONTENT_TYPE}.
 *
 * @param id the event id ({@code ce_id})
 * @param source the producing service ({@code ce_source}), such as {@code /booking-service}
 * @param type the event type ({@code ce_type}), such as {@code org.scheduleright.booking.created.v1}
 * @param subject the booking id ({@code ce_subject}), also the Kafka key
 * @param time when the event happened ({@code ce_time})
 * @param traceparent the W3C trace context of the operation that caused the event, or {@code null}
 */
public record EventEnvelope(UUID id, String source, String type, String subject, Instant time, String traceparent) {

    public static final String SPEC_VERSION = "1.0";

    public static final String DATA_CONTENT_TYPE = "application/json";

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    public EventEnvelope {
        Objects.requireNonNull(id, "id must not be null");
        requireText(source, "source");
        requireText(type, "type");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time must not be null");
        if (traceparent != null && !isTraceparent(traceparent)) {
            throw new IllegalArgumentException(
                    "traceparent must be a W3C traceparent (version-traceid-parentid-flags)");
        }
    }

    /** Tells whether the given value is a well-formed W3C {@code traceparent}. */
    public static boolean isTraceparent(String value) {
        return value != null && TRACEPARENT.matcher(value).matches();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
