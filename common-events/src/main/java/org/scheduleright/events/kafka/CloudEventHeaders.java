package org.scheduleright.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.scheduleright.events.EventEnvelope;
import org.scheduleright.events.UndecodableEventException;

/** Writes and reads the CloudEvents Kafka binding's headers ({@code ce_*}, {@code content-type}, {@code traceparent}). */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";

    public static final String ID = "ce_id";

    public static final String SOURCE = "ce_source";

    public static final String TYPE = "ce_type";

    public static final String TIME = "ce_time";

    public static final String SUBJECT = "ce_subject";

    public static final String CONTENT_TYPE = "content-type";

    public static final String TRACEPARENT = "traceparent";

    private CloudEventHeaders() {}

    /** Returns new Kafka headers carrying the envelope. */
    public static Headers of(EventEnvelope envelope) {
        Headers headers = new RecordHeaders();
        write(envelope, headers);
        return headers;
    }

    /**
     * Writes the envelope into the given headers, replacing any earlier value of the same headers; {@code traceparent}
     * is left as it is when the envelope has none.
     */
    public static void write(EventEnvelope envelope, Headers headers) {
        put(headers, SPEC_VERSION, EventEnvelope.SPEC_VERSION);
        put(headers, ID, envelope.id().toString());
        put(headers, SOURCE, envelope.source());
        put(headers, TYPE, envelope.type());
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(envelope.time()));
        put(headers, SUBJECT, envelope.subject());
        put(headers, CONTENT_TYPE, EventEnvelope.DATA_CONTENT_TYPE);
        if (envelope.traceparent() != null) {
            put(headers, TRACEPARENT, envelope.traceparent());
        }
    }

    /**
     * Reads the envelope of a record; a malformed {@code traceparent} is dropped rather than rejected.
     *
     * @throws UndecodableEventException if a required attribute is missing or malformed, the spec version is not 1.0,
     *     or the content type is not JSON
     */
    public static EventEnvelope read(Headers headers) {
        if (headers == null) {
            throw new UndecodableEventException("record has no headers; CloudEvents binary mode needs ce_* headers");
        }
        String specVersion = required(headers, SPEC_VERSION);
        if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
            throw new UndecodableEventException("ce_specversion must be 1.0, was " + abbreviate(specVersion));
        }
        String contentType = value(headers, CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            throw new UndecodableEventException(
                    "content-type must be application/json, was " + abbreviate(contentType));
        }
        String traceparent = value(headers, TRACEPARENT);
        return new EventEnvelope(
                id(required(headers, ID)),
                required(headers, SOURCE),
                required(headers, TYPE),
                required(headers, SUBJECT),
                time(required(headers, TIME)),
                EventEnvelope.isTraceparent(traceparent) ? traceparent : null);
    }

    /** Returns the last value of a header as UTF-8 text, or {@code null} if the record does not have it. */
    public static String value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = value(headers, name);
        if (value == null || value.isBlank()) {
            throw new UndecodableEventException("record has no " + name + " header");
        }
        return value;
    }

    private static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new UndecodableEventException("ce_id must be a UUID, was " + abbreviate(value));
        }
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UndecodableEventException("ce_time must be an RFC 3339 timestamp, was " + abbreviate(value));
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip();
        return mediaType.equalsIgnoreCase(EventEnvelope.DATA_CONTENT_TYPE);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
