package org.scheduleright.events.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.EventEnvelope;
import org.scheduleright.events.EventStream;
import org.scheduleright.events.EventType;
import org.scheduleright.events.StreamEvent;
import org.scheduleright.events.UndecodableEventException;
import org.scheduleright.events.UnknownEventTypeException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An immutable, thread-safe codec that turns the events of one stream into CloudEvents binary-mode Kafka records and
 * back: JSON data as the value, id, type, subject and time as {@code ce_*} headers.
 */
public final class CloudEventCodec<E extends StreamEvent> {

    private static final String EVENT_ID = "eventId";

    private static final String STATUS = "status";

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final EventStream<E> stream;

    private CloudEventCodec(EventStream<E> stream) {
        this.stream = Objects.requireNonNull(stream, "stream must not be null");
    }

    /** Returns the codec of a stream, such as {@code CloudEventCodec.of(BookingLifecycle.STREAM)}. */
    public static <E extends StreamEvent> CloudEventCodec<E> of(EventStream<E> stream) {
        return new CloudEventCodec<>(stream);
    }

    public EventStream<E> stream() {
        return stream;
    }

    /** Encodes an event without trace context. */
    public EncodedEvent encode(E event) {
        return encode(event, null);
    }

    /**
     * Encodes an event into its topic, CloudEvents attributes and JSON data, ready to store in an outbox or publish.
     *
     * @param traceparent the W3C trace context to pass on, or {@code null}; a malformed value is dropped, never fails
     *     the event
     */
    public EncodedEvent encode(E event, String traceparent) {
        EventType<? extends E> type = stream.typeOf(event);
        EventEnvelope envelope = new EventEnvelope(
                event.eventId(),
                stream.source(),
                type.name(),
                event.subject().toString(),
                event.occurredAt(),
                EventEnvelope.isTraceparent(traceparent) ? traceparent : null);
        return new EncodedEvent(stream.topic(), envelope, serialize(event));
    }

    /** Returns the event's JSON data: the fields of its schema, without the event id (which travels as {@code ce_id}). */
    public byte[] serialize(E event) {
        Objects.requireNonNull(event, "event must not be null");
        ObjectNode data = JSON.valueToTree(event);
        data.remove(EVENT_ID);
        return JSON.writeValueAsBytes(data);
    }

    /** Encodes an event straight into a Kafka record keyed by its subject (the booking id). */
    public ProducerRecord<String, byte[]> toRecord(E event, String traceparent) {
        return toRecord(encode(event, traceparent));
    }

    /** Builds the Kafka record of an encoded event, for example one an outbox relay read back from its table. */
    public static ProducerRecord<String, byte[]> toRecord(EncodedEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        return new ProducerRecord<>(
                event.topic(), null, null, event.key(), event.data(), CloudEventHeaders.of(event.envelope()));
    }

    /**
     * Decodes a consumed record.
     *
     * @throws UnknownEventTypeException if its {@code ce_type} is missing or not a type of this stream
     * @throws UndecodableEventException if its headers or data are malformed; the record should be dead-lettered
     */
    public E fromRecord(ConsumerRecord<?, byte[]> record) {
        Objects.requireNonNull(record, "record must not be null");
        return fromRecord(record.headers(), record.value());
    }

    /**
     * Decodes the headers and value of a consumed record.
     *
     * @throws UnknownEventTypeException if its {@code ce_type} is missing or not a type of this stream
     * @throws UndecodableEventException if its headers or data are malformed
     */
    public E fromRecord(Headers headers, byte[] value) {
        if (headers != null && CloudEventHeaders.value(headers, CloudEventHeaders.TYPE) == null) {
            throw new UnknownEventTypeException(null, stream.topic());
        }
        return decode(CloudEventHeaders.read(headers), value);
    }

    /**
     * Decodes an event from its CloudEvents attributes and JSON data; the event id comes from the envelope and data
     * fields this version does not know are ignored, so producers may add optional fields.
     *
     * @throws UnknownEventTypeException if the envelope's type is not a type of this stream
     * @throws UndecodableEventException if the data is not valid for that type or contradicts the envelope
     */
    public E decode(EventEnvelope envelope, byte[] data) {
        Objects.requireNonNull(envelope, "envelope must not be null");
        EventType<? extends E> type = stream.typeNamed(envelope.type())
                .orElseThrow(() -> new UnknownEventTypeException(envelope.type(), stream.topic()));
        if (data == null || data.length == 0) {
            throw new UndecodableEventException(describe(envelope) + " has no data");
        }
        E event = read(envelope, type, data);
        if (!envelope.subject().equals(event.subject().toString())) {
            throw new UndecodableEventException(describe(envelope) + " has ce_subject " + envelope.subject()
                    + " but its data is about " + event.subject());
        }
        return event;
    }

    private E read(EventEnvelope envelope, EventType<? extends E> type, byte[] data) {
        try {
            JsonNode tree = JSON.readTree(data);
            if (!(tree instanceof ObjectNode object)) {
                throw new UndecodableEventException(describe(envelope) + " data is not a JSON object");
            }
            JsonNode status = object.get(STATUS);
            object.put(EVENT_ID, envelope.id().toString());
            E event = JSON.treeToValue(object, type.javaType());
            JsonNode expectedStatus = JSON.valueToTree(event).get(STATUS);
            if (status != null && !status.equals(expectedStatus)) {
                throw new UndecodableEventException(
                        describe(envelope) + " has status " + status + " but that type means " + expectedStatus);
            }
            return event;
        } catch (JacksonException e) {
            throw new UndecodableEventException(describe(envelope) + " data is not valid: " + rootMessage(e), e);
        }
    }

    private static String describe(EventEnvelope envelope) {
        return "event " + envelope.id() + " of type " + envelope.type();
    }

    private static String rootMessage(JacksonException error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.getOriginalMessage() : root.getMessage();
    }
}
